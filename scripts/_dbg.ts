import { launch, openApp, serveDist } from '../tests/e2e/harness';
const server = await serveDist(); const browser = await launch();
const s = await openApp(browser, server.url, { bypassCSP: true });
await s.page.getByLabel('Upload CSV').setInputFiles('/work/main/bench-data/customers-1000000.csv');
await s.page.getByText('1,000,000 scored').waitFor({ timeout: 60000 });
const cdp = await s.context.newCDPSession(s.page);
await cdp.send('Profiler.enable'); await cdp.send('Profiler.setSamplingInterval', { interval: 200 }); await cdp.send('Profiler.start');
const t = await s.page.evaluate(`(async () => { const slider = document.querySelector('input[type=range]'); const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set;
 const out = []; for (let k = 0; k < 20; k++) { const t0 = performance.now(); setValue.call(slider, k % 2 ? '5' : '95'); slider.dispatchEvent(new Event('input', { bubbles: true })); const t1 = performance.now(); await new Promise(r => setTimeout(r, 200)); out.push(t1 - t0); } return out; })()`);
const { profile } = await cdp.send('Profiler.stop');
const dt: Record<number, number> = {}; profile.samples!.forEach((id, i) => { dt[id] = (dt[id] ?? 0) + (profile.timeDeltas![i] ?? 0); });
const self = new Map<string, number>();
for (const n of profile.nodes) { const key = `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber}`; self.set(key, (self.get(key) ?? 0) + (dt[n.id] ?? 0)); }
let busy = 0; for (const [k, v] of self) if (!k.startsWith('(idle)')) busy += v;
console.log('main busy per change ms', (busy / 1000 / 20).toFixed(1), 'sync input handler ms', JSON.stringify(t));
[...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 12).forEach(([k, v]) => console.log((v / 1000).toFixed(1).padStart(8), 'ms', k));
await browser.close(); await server.close();
