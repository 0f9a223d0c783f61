import { launch, openApp, serveDist } from '../tests/e2e/harness';
const server = await serveDist(); const browser = await launch();
for (let r = 0; r < 3; r++) {
const s = await openApp(browser, server.url, { bypassCSP: true });
await s.page.evaluate(`document.querySelector('input[type=file]').addEventListener('change', () => performance.mark('change'))`);
await s.page.getByLabel('Upload CSV').setInputFiles('/work/main/bench-data/customers-100000.csv');
await s.page.getByText('100,000 scored').waitFor();
await s.page.waitForTimeout(300);
console.log(await s.page.evaluate(`JSON.stringify(performance.getEntriesByType('mark').map(m => [m.name, Math.round(m.startTime), m.detail]))`));
await s.context.close();
}
await browser.close(); await server.close();
