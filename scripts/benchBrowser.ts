// Browser benchmark (Debian's Chromium via playwright-core, the built app):
// file dropped → full dashboard, and weight change → every view repainted, at 100k and
// 1M customers; longest main-thread task; peak renderer memory; and papaparse alone on
// the same file in the same browser (its own worker, header:false, chunked, rows
// counted) for the ratio. Run: npm run bench:browser  (RUNS=5 by default)
import { execFileSync } from 'node:child_process';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launch, openApp, serveDist } from '../tests/e2e/harness';
import { benchFile, BENCH_DIR, percentile, stats } from './benchData';

const RUNS = Number(process.env.RUNS ?? 5);
const SIZES = (process.env.SIZES ?? '100000,1000000').split(',').map(Number);
const WEIGHT_CHANGES = 20;
const SETTLE_MS = 1500;

const PAPA_PAGE = `<!doctype html><meta charset="utf-8"><input type="file" id="file">
<script>
const worker = new Worker('/bench/papa-worker.js');
document.getElementById('file').addEventListener('change', (event) => {
  window.__start = performance.now();
  worker.onmessage = (message) => { window.__result = { ms: performance.now() - window.__start, rows: message.data }; };
  worker.postMessage(event.target.files[0]);
});
</script>`;
const PAPA_WORKER = `importScripts('/bench/papaparse.min.js');
onmessage = (event) => {
  let rows = 0;
  Papa.parse(event.data, { header: false, chunk: (result) => { rows += result.data.length; }, complete: () => postMessage(rows) });
};`;

/** Resident memory of Chromium's renderer processes, in MB (workers live in the renderer). */
function rendererMemoryMb(): number {
  const out = execFileSync('ps', ['-eo', 'rss=,args='], { encoding: 'utf8' });
  let kb = 0;
  for (const line of out.split('\n')) if (line.includes('--type=renderer')) kb += Number(line.trim().split(/\s+/)[0]) || 0;
  return kb / 1024;
}

async function papaparseAlone(browser: Browser, url: string, file: string): Promise<number> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${url}bench/papa.html`);
  await page.setInputFiles('#file', file);
  await page.waitForFunction('window.__result !== undefined', null, { timeout: 120_000, polling: 50 });
  const result = (await page.evaluate('window.__result')) as { ms: number; rows: number };
  if (result.rows < 1) throw new Error('papaparse counted no rows');
  await context.close();
  return result.ms;
}

// In-page code is passed as source text: tsx (esbuild keepNames) would otherwise wrap the
// functions in a __name() helper that does not exist in the page.

/** Installs a long-task observer and a dashboard-ready probe that starts on the file input's change. */
const LOAD_PROBE = (count: string) => `(() => {
  window.__longTasks = [];
  new PerformanceObserver((list) => { for (const entry of list.getEntries()) window.__longTasks.push(entry.duration); })
    .observe({ type: 'longtask', buffered: false });
  document.querySelector('input[type=file][aria-label="Upload CSV"]').addEventListener('change', () => {
    const start = performance.now();
    const check = () => {
      const status = document.querySelector('[role=status]')?.textContent ?? '';
      const drawn = document.querySelectorAll('.recharts-area-area').length > 0;
      if (status.includes('${count} customers · ${count} scored') && drawn) window.__loadMs = performance.now() - start;
      else requestAnimationFrame(check);
    };
    requestAnimationFrame(check);
  });
})()`;

/** Moves the Engagement slider n times; each time, the ms until the mean tile changed and a frame painted. */
const WEIGHT_PROBE = (changes: number) => `(async () => {
  window.__longTasks.length = 0;
  const slider = document.querySelector('input[type=range]');
  const tile = () => document.querySelector('[aria-label^="Mean CRS"]')?.getAttribute('aria-label');
  const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set;
  const samples = [];
  for (let k = 0; k < ${changes}; k++) {
    const before = tile();
    const start = performance.now();
    setValue.call(slider, k % 2 === 0 ? '95' : '5'); // big moves, so the shown mean always changes
    slider.dispatchEvent(new Event('input', { bubbles: true }));
    await new Promise((done, fail) => {
      const check = () => {
        if (tile() !== before) requestAnimationFrame(() => done());
        else if (performance.now() - start > 10000) fail(new Error('the mean CRS did not change within 10 s of a weight change'));
        else requestAnimationFrame(check);
      };
      requestAnimationFrame(check);
    });
    samples.push(performance.now() - start);
  }
  return { samples, longestTaskMs: Math.max(0, ...window.__longTasks) };
})()`;

async function armLoadProbe(page: Page, expectedCount: string): Promise<void> {
  await page.evaluate(LOAD_PROBE(expectedCount));
}

async function dropToDashboard(browser: Browser, url: string, file: string, rows: number, sampleMemory: boolean): Promise<{ ms: number; longestTaskMs: number; peakMb: number; page: Page; close: () => Promise<void> }> {
  const session = await openApp(browser, url, { bypassCSP: true });
  const { page } = session;
  await armLoadProbe(page, rows.toLocaleString('en-US'));
  // A user opens the app, then picks a file: give the engine worker its start-up warm-up.
  await page.waitForTimeout(SETTLE_MS);
  const baseline = rendererMemoryMb();
  let peakMb = baseline;
  // Sampling spawns ps, which costs CPU on a 2-core machine: only in the memory run.
  const sampler = sampleMemory
    ? setInterval(() => {
        peakMb = Math.max(peakMb, rendererMemoryMb());
      }, 50)
    : undefined;
  await page.getByLabel('Upload CSV').setInputFiles(file);
  await page.waitForFunction('window.__loadMs !== undefined', null, { timeout: 180_000, polling: 50 });
  clearInterval(sampler);
  // What loading added to the renderer (the page itself, before the drop, is the baseline).
  peakMb -= baseline;
  const { ms, longTasks, timings } = (await page.evaluate(
    "({ ms: window.__loadMs, longTasks: window.__longTasks, timings: performance.getEntriesByName('crs:loaded')[0]?.detail })",
  )) as { ms: number; longTasks: number[]; timings: { readMs: number; parseMs: number; analyzeMs: number } };
  console.error(`  worker: read ${timings.readMs.toFixed(0)} ms, parse ${timings.parseMs.toFixed(0)} ms, map + score ${timings.analyzeMs.toFixed(0)} ms`);
  if (session.errors.length > 0) throw new Error(session.errors.join('; '));
  return { ms, longestTaskMs: Math.max(0, ...longTasks), peakMb, page, close: () => session.context.close() };
}

async function weightChanges(page: Page): Promise<{ samples: number[]; longestTaskMs: number }> {
  return page.evaluate(WEIGHT_PROBE(WEIGHT_CHANGES)) as Promise<{ samples: number[]; longestTaskMs: number }>;
}

const fmt = (s: { median: number; min: number; max: number }) => `${s.median.toFixed(0)} (${s.min.toFixed(0)}–${s.max.toFixed(0)})`;

const server = await serveDist(undefined, {
  '/bench/papa.html': { type: 'text/html; charset=utf-8', body: PAPA_PAGE },
  '/bench/papa-worker.js': { type: 'text/javascript', body: PAPA_WORKER },
  '/bench/papaparse.min.js': { type: 'text/javascript', body: readFileSync(resolve(import.meta.dirname, '../node_modules/papaparse/papaparse.min.js')) },
});
const browser = await launch();
const lines: string[] = [];
const print = (line: string) => {
  console.log(line);
  lines.push(line);
};
try {
  const version = browser.version();
  print(`CRS Studio browser benchmark · ${new Date().toISOString().slice(0, 10)} · ${os.cpus()[0]?.model ?? 'cpu'} × ${os.cpus().length}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GB · Chromium ${version} headless · ${RUNS} runs (median, min–max)`);
  print('');
  print('| customers | file MB | papaparse alone ms | drop → dashboard ms | ratio | longest task during load ms | renderer memory added at peak MB (× file) | weight → repaint median / p95 ms | longest task while re-weighting ms |');
  print('|---|---|---|---|---|---|---|---|---|');
  for (const rows of SIZES) {
    const file = benchFile(rows);
    const fileMb = statSync(file).size / 2 ** 20;
    const papa: number[] = [];
    const load: number[] = [];
    const tasks: number[] = [];
    const peaks: number[] = [];
    const repaint: number[] = [];
    const repaintTasks: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      papa.push(await papaparseAlone(browser, server.url, file));
      console.error(`run ${run + 1}: papaparse ${papa.at(-1)?.toFixed(0)} ms`);
      const result = await dropToDashboard(browser, server.url, file, rows, false);
      console.error(`run ${run + 1}: drop → dashboard ${result.ms.toFixed(0)} ms`);
      load.push(result.ms);
      tasks.push(result.longestTaskMs);
      const weights = await weightChanges(result.page);
      repaint.push(...weights.samples);
      repaintTasks.push(weights.longestTaskMs);
      await result.close();
    }
    const memoryRun = await dropToDashboard(browser, server.url, file, rows, true);
    peaks.push(memoryRun.peakMb);
    await memoryRun.close();
    const p = stats(papa);
    const l = stats(load);
    const r = stats(repaint);
    const peak = Math.max(...peaks);
    print(`| ${rows.toLocaleString('en-US')} | ${fileMb.toFixed(0)} | ${fmt(p)} | ${fmt(l)} | ${(l.median / p.median).toFixed(2)} | ${Math.max(...tasks).toFixed(0)} | ${peak.toFixed(0)} (${(peak / fileMb).toFixed(1)}×) | ${r.median.toFixed(1)} / ${percentile(repaint, 95).toFixed(1)} | ${Math.max(...repaintTasks).toFixed(0)} |`);
  }
  writeFileSync(resolve(BENCH_DIR, 'browser-results.md'), `${lines.join('\n')}\n`);
} finally {
  await browser.close();
  await server.close();
}
