// Browser benchmark, as issue 14 defines it (Debian's Chromium via playwright-core, the built
// app, 1440×900): per size, papaparse alone on the file in the same browser (its own worker,
// header:false, chunked, rows counted) as the reference; "drop → first screen", from the
// Upload CSV input's change until every customer is counted and the tiles, the CRS histogram
// and the relationship-groups grid are drawn; "weight key → every view settled", a real key
// press on the Engagement weight slider until the last DOM mutation it caused (and, for
// comparison, until the Mean CRS tile changed); the longest main-thread task of each; and
// the renderer's peak resident memory during a load, in a run of its own.
//
//   npm run bench:browser                       (RUNS=3, SIZES=100000,1000000, KEYS=20)
//   SIZES=10000000 RUNS=1 npm run bench:browser (makes the 1.3 GB file on first use, ~40 s)
//   COMPARE=1 SIZES=1000000 npm run bench:browser
//
// COMPARE=1 (issue 17) adds, after each run's key presses: the earlier snapshot of the same
// file (scripts/generate-earlier-sample.mjs) given to "Compare with an earlier file", timed
// until the panel's Band movement table is drawn; then the same key
// presses twice more, with the first screen on view (every tile shows its change) and with
// the "Since an earlier file" panel on view (the slider keeps the focus).
import { execFile } from 'node:child_process';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import type { Browser, Page } from 'playwright-core';
import { launch, openApp, serveDist, type Session } from '../tests/e2e/harness';
import { benchFile, BENCH_DIR, earlierBenchFile, percentile, stats } from './benchData';

const RUNS = Number(process.env.RUNS ?? 3);
const SIZES = (process.env.SIZES ?? '100000,1000000').split(',').map(Number);
const KEY_PRESSES = Number(process.env.KEYS ?? 20);
const COMPARE = process.env.COMPARE === '1';
/** A user opens the app, then picks a file: the engine worker warms up meanwhile. */
const PICK_FILE_MS = 1500;
/** "Settled": no DOM mutation for this long after the last one. */
const QUIET_MS = 400;
/** A key press whose views have not settled by then is reported as capped. */
const SETTLE_CAP_MS = 10_000;
/** Before the first key press the page finishes what the load left to the next analysis (seconds at 10M). */
const FIRST_QUIET_CAP_MS = 120_000;
/** 10M rows: papaparse and the load each take ~25 s today; generous, so a slow shared machine still finishes. */
const LOAD_TIMEOUT_MS = 600_000;
const MEMORY_SAMPLE_MS = 50;

const ms = (value: number) => value.toFixed(0);
const range = (samples: number[]) => {
  const s = stats(samples);
  return `${ms(s.median)} (${ms(s.min)}–${ms(s.max)})`;
};
const median = (samples: number[]) => stats(samples).median;

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

// In-page code is passed as source text: tsx (esbuild keepNames) would otherwise wrap the
// functions in a __name() helper that does not exist in the page.

/** The panel (a section named by its h2) with that exact title, found as a screen reader would. */
const REGION = `(title) => [...document.querySelectorAll('section[aria-labelledby]')]
  .find((section) => document.getElementById(section.getAttribute('aria-labelledby'))?.textContent === title)`;

/**
 * True once the first screen is complete for `count` customers: the status counts and scores
 * all of them; the Customers and Mean CRS tiles show figures; the "CRS distribution" panel's
 * histogram (role img) is labelled with every scored customer and its band areas are
 * drawn; the "Relationship groups" panel has its 2×2 or 3×3 cells (role group, "<group>: N
 * customers") with customers in them.
 */
const FIRST_SCREEN_DRAWN = (count: string) => `(() => {
  const region = ${REGION};
  const status = document.querySelector('[role=status]')?.textContent ?? '';
  if (!status.includes('${count} customers · ${count} scored')) return false;
  if (!document.querySelector('[role=group][aria-label="Customers: ${count}"]')) return false;
  if (!/^Mean CRS: \\d/.test(document.querySelector('[role=group][aria-label^="Mean CRS:"]')?.getAttribute('aria-label') ?? '')) return false;
  const histogram = region('CRS distribution')?.querySelector('[role=img][aria-label^="Histogram of CRS. ${count} scored customers"]');
  const paths = histogram ? [...histogram.querySelectorAll('svg.chart-svg path.band-area')] : [];
  if (!paths.some((path) => (path.getAttribute('d') ?? '').length > 10)) return false;
  const cells = [...(region('Relationship groups')?.querySelectorAll('[role=group]') ?? [])]
    .map((cell) => /^.+: ([\\d,]+) customers$/.exec(cell.getAttribute('aria-label') ?? ''))
    .filter((match) => match !== null);
  return (cells.length === 4 || cells.length === 9) && cells.some((match) => Number(match[1].replace(/,/g, '')) > 0);
})()`;

/** Long tasks (start, duration) from now on, into window.__longTasks. */
const LONG_TASKS = `(() => {
  window.__longTasks = [];
  new PerformanceObserver((list) => { for (const entry of list.getEntries()) window.__longTasks.push({ start: entry.startTime, ms: entry.duration }); })
    .observe({ type: 'longtask', buffered: false });
})()`;

/** On the Upload CSV input's change, checks every frame until the first screen is drawn; window.__load = { start, end }. */
const LOAD_PROBE = (count: string) => `(() => {
  ${LONG_TASKS};
  document.querySelector('input[type=file][aria-label="Upload CSV"]').addEventListener('change', () => {
    const start = performance.now();
    const check = () => {
      if (${FIRST_SCREEN_DRAWN(count)}) window.__load = { start, end: performance.now() };
      else requestAnimationFrame(check);
    };
    requestAnimationFrame(check);
  });
})()`;

/**
 * Watches the whole page for the key-press samples: a MutationObserver on document.body
 * (subtree, child lists, attributes, text) notes the time of every mutation and, once a key
 * went down, the first one that changed the Mean CRS tile; a capture-phase keydown listener
 * on window notes when the key went down. A mutation observer's callback runs right after
 * the task that made the mutations (a microtask), so its time is when the DOM had changed.
 *
 * The slider repaints itself at once, and the new analysis comes from the engine worker
 * later: at 1M on a busy machine that took over QUIET_MS, so a quiet period alone ended at
 * the slider's own repaint. The quiet period therefore starts counting only once the new
 * scores are on the page: the histogram's text alternative (mean, median, band counts) or
 * the Mean CRS tile changed. With a panel on view (`panel`, its title) instead of the first
 * screen, the tile and the histogram are off screen and stay as they are: the new scores are
 * on the page once that panel's text changed.
 */
const WEIGHT_PROBE = (panel: string | null) => `(() => {
  const label = (selector) => document.querySelector(selector)?.getAttribute('aria-label') ?? null;
  const meanTile = () => label('[role=group][aria-label^="Mean CRS:"]');
  const histogram = ${panel === null ? `() => label('[role=img][aria-label^="Histogram of CRS"]')` : `() => (${REGION})(${JSON.stringify(panel)})?.textContent ?? null`};
  const probe = { meanTile, histogram, lastMutation: performance.now(), keyAt: null, lastAfterKey: null, tileAt: null, tileBefore: null, scoredAt: null, histogramBefore: null };
  window.__weights = probe;
  new MutationObserver((records) => {
    const now = performance.now();
    probe.lastMutation = now;
    if (probe.keyAt === null) return;
    probe.lastAfterKey = now;
    probe.lastTarget = records[records.length - 1].target;
    if (probe.tileAt === null && meanTile() !== probe.tileBefore) probe.tileAt = now;
    if (probe.scoredAt === null && (probe.tileAt !== null || histogram() !== probe.histogramBefore)) probe.scoredAt = now;
  }).observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
  window.addEventListener('keydown', () => { if (probe.keyAt === null) probe.keyAt = performance.now(); }, { capture: true });
})()`;

/** Waits until the page has been quiet for QUIET_MS (at most capMs), then arms the probe for the next key. */
const ARM_KEY = (capMs: number) => `new Promise((done) => {
  const probe = window.__weights;
  const started = performance.now();
  const check = () => {
    const now = performance.now();
    if (now - probe.lastMutation < ${QUIET_MS} && now - started < ${capMs}) return void setTimeout(check, 25);
    Object.assign(probe, { keyAt: null, lastAfterKey: null, lastTarget: null, tileAt: null, tileBefore: probe.meanTile(), scoredAt: null, histogramBefore: probe.histogram() });
    done({ quiet: now - probe.lastMutation >= ${QUIET_MS}, waitedMs: now - started, scrollY: window.scrollY, focused: document.activeElement?.id ?? '' });
  };
  check();
})`;

/** After the key: waits for the new scores on the page, then until no mutation for QUIET_MS (at most SETTLE_CAP_MS from the key); the times from the key. */
const AWAIT_SETTLED = `new Promise((done, fail) => {
  const probe = window.__weights;
  const asked = performance.now();
  const check = () => {
    const now = performance.now();
    if (probe.keyAt === null) return void (now - asked > 5000 ? fail(new Error('no keydown reached the page')) : setTimeout(check, 25));
    const capped = now - probe.keyAt > ${SETTLE_CAP_MS};
    if (!capped && (probe.scoredAt === null || now - probe.lastAfterKey < ${QUIET_MS})) return void setTimeout(check, 25);
    if (probe.lastAfterKey === null) return void fail(new Error('a key press changed nothing on the page'));
    // Where the last mutation was, for the log: its panel's title, else the element.
    const element = probe.lastTarget instanceof Element ? probe.lastTarget : probe.lastTarget?.parentElement;
    const section = element?.closest('section[aria-labelledby]');
    const lastChanged = section ? document.getElementById(section.getAttribute('aria-labelledby'))?.textContent : element?.getAttribute('aria-label') ?? element?.tagName ?? '?';
    // The engine's own time on the analyses this key asked for (the crs:analyzed marks since the key).
    const marks = performance.getEntriesByName('crs:analyzed').filter((mark) => mark.startTime >= probe.keyAt);
    const workerMs = marks.reduce((total, mark) => total + (mark.detail?.workerMs ?? 0), 0);
    const waitedMs = marks.reduce((total, mark) => total + (mark.detail?.waitedMs ?? 0), 0);
    done({
      lastChanged,
      workerMs,
      waitedMs,
      settledMs: probe.lastAfterKey - probe.keyAt,
      tileMs: probe.tileAt === null ? null : probe.tileAt - probe.keyAt,
      keyAt: probe.keyAt,
      capped,
      scrollY: window.scrollY,
    });
  };
  check();
})`;

interface LoadResult {
  ms: number;
  longestTaskMs: number;
  /** The engine's own timings (the crs:loaded mark's detail), whatever fields it has today. */
  workerMs: Record<string, number>;
}

interface KeySample {
  /** The panel (or element) of the last mutation. */
  lastChanged: string;
  /** The engine's time on the analyses the key asked for (crs:analyzed marks), and the part of it spent waiting for its scoring thread. */
  workerMs: number;
  waitedMs: number;
  settledMs: number;
  tileMs: number | null;
  keyAt: number;
  capped: boolean;
  scrollY: number;
}

interface WeightResult {
  samples: KeySample[];
  longestTaskMs: number;
}

/**
 * Resident memory (MB) of each renderer process of this run's Chromium, by pid. Only our own
 * browser's (the descendants of this process): other agents on the machine run Chromium too.
 * Headless Chromium's --top-chrome-webui renderer draws browser UI, not pages: left out.
 */
async function rendererRssMb(): Promise<Map<number, number>> {
  const { stdout } = await promisify(execFile)('ps', ['-eo', 'pid=,ppid=,rss=,args=']);
  const rows = stdout
    .split('\n')
    .map((line) => /^\s*(\d+)\s+(\d+)\s+(\d+)\s+(.*)$/.exec(line))
    .filter((match) => match !== null)
    .map((match) => ({ pid: Number(match[1]), ppid: Number(match[2]), rssKb: Number(match[3]), args: match[4] }));
  const ours = new Set([process.pid]);
  for (let grew = true; grew;) {
    grew = false;
    for (const row of rows) {
      if (ours.has(row.pid) || !ours.has(row.ppid)) continue;
      ours.add(row.pid);
      grew = true;
    }
  }
  const renderers = rows.filter((row) => ours.has(row.pid) && row.args.includes('--type=renderer') && !row.args.includes('--top-chrome-webui'));
  return new Map(renderers.map((row) => [row.pid, row.rssKb / 1024]));
}

async function papaparseAlone(browser: Browser, url: string, file: string): Promise<number> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${url}bench/papa.html`);
  await page.setInputFiles('#file', file);
  await page.waitForFunction('window.__result !== undefined', null, { timeout: LOAD_TIMEOUT_MS, polling: 100 });
  const result = (await page.evaluate('window.__result')) as { ms: number; rows: number };
  if (result.rows < 1) throw new Error('papaparse counted no rows');
  await context.close();
  return result.ms;
}

/** Opens the app, gives it the time a user takes to pick a file, and arms the load probe. */
async function openForDrop(browser: Browser, url: string, rows: number): Promise<Session> {
  const session = await openApp(browser, url, { bypassCSP: true });
  await session.page.evaluate(LOAD_PROBE(rows.toLocaleString('en-US')));
  await session.page.waitForTimeout(PICK_FILE_MS);
  return session;
}

/** Gives the file to the Upload CSV input; resolves once the first screen is drawn. */
async function dropToFirstScreen(page: Page, file: string): Promise<LoadResult> {
  await page.getByLabel('Upload CSV').setInputFiles(file);
  await page.waitForFunction('window.__load !== undefined', null, { timeout: LOAD_TIMEOUT_MS, polling: 100 });
  const { load, longTasks, timings } = (await page.evaluate("({ load: window.__load, longTasks: window.__longTasks, timings: performance.getEntriesByName('crs:loaded')[0]?.detail })")) as {
    load: { start: number; end: number };
    longTasks: { start: number; ms: number }[];
    timings: unknown;
  };
  const during = longTasks.filter((task) => task.start >= load.start && task.start < load.end);
  return { ms: load.end - load.start, longestTaskMs: Math.max(0, ...during.map((task) => task.ms)), workerMs: numericFields(timings) };
}

/** The numbers in a mark's detail; the engine's marks are being reworked, so any shape (or none) is fine. */
function numericFields(detail: unknown): Record<string, number> {
  if (typeof detail !== 'object' || detail === null) return {};
  return Object.fromEntries(Object.entries(detail).filter((entry): entry is [string, number] => typeof entry[1] === 'number'));
}

/**
 * KEY_PRESSES real key presses on the focused Engagement weight slider, PageUp and PageDown (±10)
 * alternating; the page at its top, or scrolled to the panel titled `panel` (the slider keeps the focus).
 */
async function weightKeys(page: Page, panel: string | null = null): Promise<WeightResult> {
  // The load probe's long-task observer goes on recording; the tasks from the first key on count.
  await page.evaluate(`(() => { ${WEIGHT_PROBE(panel)}; window.scrollTo(0, 0); })()`);
  const slider = page.getByLabel('Engagement weight', { exact: true });
  await slider.focus();
  const scrollY = panel === null ? 0 : ((await page.evaluate(`(() => { const region = (${REGION})(${JSON.stringify(panel)}); region.scrollIntoView(); return window.scrollY; })()`)) as number);
  const up = Number(await slider.inputValue()) <= 90;
  const samples: KeySample[] = [];
  for (let k = 0; k < KEY_PRESSES; k++) {
    const armed = (await page.evaluate(ARM_KEY(k === 0 ? FIRST_QUIET_CAP_MS : SETTLE_CAP_MS))) as { quiet: boolean; waitedMs: number; scrollY: number; focused: string };
    if (!armed.quiet) console.error(`  key ${k + 1}: the page never went quiet for ${QUIET_MS} ms (waited ${armed.waitedMs.toFixed(0)} ms); measuring anyway`);
    if (armed.scrollY !== scrollY || armed.focused !== 'weight-engagement')
      throw new Error(`before key ${k + 1}: scrollY ${armed.scrollY}, focus on "${armed.focused}" (want ${scrollY}, the Engagement slider)`);
    const before = await slider.inputValue();
    await page.keyboard.press((k % 2 === 0) === up ? 'PageUp' : 'PageDown');
    samples.push((await page.evaluate(AWAIT_SETTLED)) as KeySample);
    if ((await slider.inputValue()) === before) throw new Error(`key ${k + 1} did not move the Engagement slider from ${before}`);
  }
  const longTasks = (await page.evaluate('window.__longTasks')) as { start: number; ms: number }[];
  const during = longTasks.filter((task) => task.start >= samples[0].keyAt);
  return { samples, longestTaskMs: Math.max(0, ...during.map((task) => task.ms)) };
}

/**
 * A load in a context of its own with every renderer's resident memory sampled from the drop
 * to the first screen (ps costs CPU, so not in the timed runs). The page's renderer, which also runs the engine worker,
 * is the one with the highest peak; others (a spare renderer Chromium keeps, the previous
 * context's on its way out) are only logged.
 */
async function memoryRun(browser: Browser, url: string, file: string, rows: number): Promise<{ peakMb: number; addedMb: number }> {
  const session = await openForDrop(browser, url, rows);
  const baseline = await rendererRssMb();
  const peaks = new Map(baseline);
  let loading = true;
  const sampler = (async () => {
    while (loading) {
      for (const [pid, mb] of await rendererRssMb()) peaks.set(pid, Math.max(mb, peaks.get(pid) ?? 0));
      await new Promise((done) => setTimeout(done, MEMORY_SAMPLE_MS));
    }
  })();
  try {
    await dropToFirstScreen(session.page, file);
  } finally {
    loading = false;
    await sampler;
  }
  if (session.errors.length > 0) throw new Error(session.errors.join('; '));
  await session.context.close();
  const [pagePid, peakMb] = [...peaks].reduce((top, entry) => (entry[1] > top[1] ? entry : top));
  const others = [...peaks].filter(([pid]) => pid !== pagePid).map(([pid, mb]) => `${pid}: ${ms(mb)}`);
  console.error(`  memory: page renderer ${pagePid} ${ms(baseline.get(pagePid) ?? NaN)} MB before the drop, ${ms(peakMb)} MB at peak; other renderers at peak (MB): ${others.join(', ') || 'none'}`);
  return { peakMb, addedMb: peakMb - (baseline.get(pagePid) ?? NaN) };
}

interface SizeResult {
  papa: number[];
  loads: LoadResult[];
  keys: KeySample[];
  keyTasks: number[];
  memory: { peakMb: number; addedMb: number };
  /** COMPARE=1: earlier file given → movement shown (ms), and the key presses with it on the first screen and on the movement panel. */
  compare: number[];
  compareKeys: { top: KeySample[]; panel: KeySample[] };
}

function logKeys(run: number, what: string, weights: WeightResult) {
  const settled = weights.samples.map((sample) => sample.settledMs);
  const last = new Map<string, number>();
  for (const sample of weights.samples) last.set(sample.lastChanged, (last.get(sample.lastChanged) ?? 0) + 1);
  const worker = weights.samples.map((sample) => sample.workerMs);
  console.error(
    `run ${run}: ${what} → settled median ${ms(median(settled))} ms, max ${ms(Math.max(...settled))} ms; in the engine median ${median(worker).toFixed(1)} ms (waiting for its scoring thread ${median(weights.samples.map((sample) => sample.waitedMs)).toFixed(1)}); last to change: ${[...last].map(([where, n]) => `${where} ×${n}`).join(', ')}`,
  );
}

/**
 * Gives the earlier snapshot to "Compare with an earlier file" (the panel scrolled into view, as
 * a user would) and times it until the panel's Band movement table is drawn (the tiles, off screen then, show their change when scrolled back to).
 */
async function compareEarlier(page: Page, rows: number): Promise<number> {
  await page.evaluate(`(${REGION})('Since an earlier file').scrollIntoView()`);
  const input = page.getByLabel('Compare with an earlier file');
  await input.waitFor({ state: 'attached' });
  await page.evaluate(`(() => {
    const input = document.querySelector('input[type=file][aria-label="Compare with an earlier file"]');
    input.addEventListener('change', () => {
      const start = performance.now();
      const check = () => {
        const table = [...document.querySelectorAll('table')].find((t) => t.querySelector('caption')?.textContent?.startsWith('Band movement'));
        if (table) window.__compared = performance.now() - start;
        else requestAnimationFrame(check);
      };
      requestAnimationFrame(check);
    }, { once: true });
  })()`);
  await input.setInputFiles(earlierBenchFile(rows));
  await page.waitForFunction('window.__compared !== undefined', null, { timeout: LOAD_TIMEOUT_MS, polling: 100 });
  const ms = (await page.evaluate('window.__compared')) as number;
  // Where the time went: the engine reading the earlier file, then each analysis until the table was drawn (the first with the matching and the movement).
  const marks = (await page.evaluate(`(() => {
    const all = [...performance.getEntriesByName('crs:compared'), ...performance.getEntriesByName('crs:analyzed')].sort((a, b) => a.startTime - b.startTime);
    const last = performance.getEntriesByName('crs:compared').at(-1);
    return all.filter((mark) => mark.startTime >= (last?.startTime ?? 0)).map((mark) => mark.name.slice(4) + ' ' + mark.detail.workerMs.toFixed(0));
  })()`)) as string[];
  console.error(`  earlier file: engine ${marks.join(', ')} (ms)`);
  // Back at the first screen, every tile shows its change since the earlier file.
  await page.evaluate('window.scrollTo(0, 0)');
  await page.waitForFunction(`document.querySelector('[role=group][aria-label^="Mean CRS:"]')?.getAttribute('aria-label')?.includes(' since ')`, null, { timeout: 60_000, polling: 100 });
  return ms;
}

async function benchSize(browser: Browser, url: string, file: string, rows: number): Promise<SizeResult> {
  const result: SizeResult = { papa: [], loads: [], keys: [], keyTasks: [], memory: { peakMb: NaN, addedMb: NaN }, compare: [], compareKeys: { top: [], panel: [] } };
  for (let run = 1; run <= RUNS; run++) {
    result.papa.push(await papaparseAlone(browser, url, file));
    const session = await openForDrop(browser, url, rows);
    const load = await dropToFirstScreen(session.page, file);
    result.loads.push(load);
    const worker =
      Object.entries(load.workerMs)
        .map(([name, value]) => `${name} ${ms(value)}`)
        .join(', ') || 'no crs:loaded mark';
    console.error(`run ${run}: papaparse ${ms(result.papa.at(-1) ?? NaN)} ms; drop → first screen ${ms(load.ms)} ms (worker: ${worker})`);
    const weights = await weightKeys(session.page);
    result.keys.push(...weights.samples);
    result.keyTasks.push(weights.longestTaskMs);
    logKeys(run, 'weight key', weights);
    if (COMPARE) {
      result.compare.push(await compareEarlier(session.page, rows));
      console.error(`run ${run}: earlier file → movement shown ${ms(result.compare.at(-1) ?? NaN)} ms`);
      const top = await weightKeys(session.page);
      result.compareKeys.top.push(...top.samples);
      logKeys(run, 'compared, first screen: weight key', top);
      const panel = await weightKeys(session.page, 'Since an earlier file');
      result.compareKeys.panel.push(...panel.samples);
      logKeys(run, 'compared, movement panel: weight key', panel);
    }
    if (session.errors.length > 0) throw new Error(session.errors.join('; '));
    await session.context.close();
  }
  result.memory = await memoryRun(browser, url, file, rows);
  return result;
}

function tableRow(rows: number, fileMb: number, r: SizeResult): string {
  const load = stats(r.loads.map((l) => l.ms));
  const settled = r.keys.map((k) => k.settledMs);
  const tile = r.keys.flatMap((k) => (k.tileMs === null ? [] : [k.tileMs]));
  const unchanged = r.keys.length - tile.length;
  const capped = r.keys.filter((k) => k.capped).length;
  const cells = [
    rows.toLocaleString('en-US'),
    fileMb.toFixed(0),
    range(r.papa),
    range(r.loads.map((l) => l.ms)),
    (load.median / median(r.papa)).toFixed(2),
    `${ms(median(settled))} / ${ms(percentile(settled, 95))}${capped > 0 ? ` (${capped} of ${settled.length} capped at ${SETTLE_CAP_MS / 1000} s)` : ''}`,
    `${tile.length > 0 ? ms(median(tile)) : '–'}${unchanged > 0 ? ` (${unchanged} of ${r.keys.length} presses left it unchanged)` : ''}`,
    `${ms(r.memory.peakMb)} (${(r.memory.peakMb / fileMb).toFixed(1)}×)`,
    ms(r.memory.addedMb),
    ms(Math.max(...r.loads.map((l) => l.longestTaskMs))),
    ms(Math.max(...r.keyTasks)),
  ];
  return `| ${cells.join(' | ')} |`;
}

function compareRow(rows: number, r: SizeResult): string {
  const settled = (samples: KeySample[]) => {
    const values = samples.map((sample) => sample.settledMs);
    const capped = samples.filter((sample) => sample.capped).length;
    const worker = median(samples.map((sample) => sample.workerMs));
    return `${ms(median(values))} / ${ms(percentile(values, 95))} (engine ${worker.toFixed(1)})${capped > 0 ? ` (${capped} of ${values.length} capped)` : ''}`;
  };
  return `| ${rows.toLocaleString('en-US')} | ${range(r.compare)} | ${settled(r.compareKeys.top)} | ${settled(r.compareKeys.panel)} |`;
}

/** Medians of the engine's own load timings, per field the mark had. */
function workerLine(rows: number, loads: LoadResult[]): string {
  const names = [...new Set(loads.flatMap((load) => Object.keys(load.workerMs)))];
  const fields = names.map((name) => `${name} ${ms(median(loads.flatMap((load) => (name in load.workerMs ? [load.workerMs[name]] : []))))}`);
  return `- ${rows.toLocaleString('en-US')}: ${fields.length > 0 ? `${fields.join(', ')} (median ms)` : 'no crs:loaded mark'}`;
}

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
  const machine = `${os.cpus()[0]?.model ?? 'cpu'} × ${os.cpus().length}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GB, load average ${os.loadavg()[0].toFixed(1)} at the start`;
  print(
    `CRS Studio browser benchmark · ${new Date().toISOString().slice(0, 10)} · ${machine} · Chromium ${browser.version()} headless, 1440×900 · ${RUNS} runs (median, min–max) · ${KEY_PRESSES} key presses a run, settled after ${QUIET_MS} ms without a DOM mutation`,
  );
  print('');
  print(
    '| customers | file MB | papaparse alone ms | drop → first screen ms | ratio | weight key → every view settled median / p95 ms | weight key → Mean CRS tile changed median ms | peak renderer memory MB (× file) | renderer memory added by the load MB | longest task during load ms | longest task while re-weighting ms |',
  );
  print('|---|---|---|---|---|---|---|---|---|---|---|');
  const workerLines: string[] = [];
  const compareLines: string[] = [];
  for (const rows of SIZES) {
    const file = benchFile(rows);
    const fileMb = statSync(file).size / 2 ** 20;
    const result = await benchSize(browser, server.url, file, rows);
    print(tableRow(rows, fileMb, result));
    workerLines.push(workerLine(rows, result.loads));
    if (COMPARE) compareLines.push(compareRow(rows, result));
  }
  if (COMPARE) {
    print('');
    print('Compared with an earlier file (COMPARE=1; the earlier snapshot of the same file):');
    print('');
    print(
      "| customers | earlier file → movement shown ms | weight key → settled, first screen, median / p95 ms (the engine's share) | weight key → settled, movement panel on view, median / p95 ms (the engine's share) |",
    );
    print('|---|---|---|---|');
    for (const line of compareLines) print(line);
  }
  print('');
  print("The engine's load timings (the crs:loaded performance mark):");
  for (const line of workerLines) print(line);
  writeFileSync(resolve(BENCH_DIR, 'browser-results.md'), `${lines.join('\n')}\n`);
} finally {
  await browser.close();
  await server.close();
}
