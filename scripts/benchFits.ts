// Browser benchmark of the on-demand fits at 1M customers (Debian's Chromium, the built
// app): Fit lifetime value (BG/NBD + Gamma-Gamma), Analyse sensitivity and Suggest weights,
// each timed from the click to its result on screen, with the longest main-thread task
// meanwhile (the fits run in the engine worker: the page must not freeze).
// Run: npm run bench:fits  (SIZE=1000000 by default)
import os from 'node:os';
import { launch, openApp, serveDist } from '../tests/e2e/harness';
import { benchFile } from './benchData';

const SIZE = Number(process.env.SIZE ?? 1_000_000);

const LONG_TASKS = `(() => {
  window.__longTasks = [];
  new PerformanceObserver((list) => { for (const entry of list.getEntries()) window.__longTasks.push(entry.duration); }).observe({ type: 'longtask' });
})()`;

const server = await serveDist();
const browser = await launch();
try {
  const file = benchFile(SIZE);
  const session = await openApp(browser, server.url, { bypassCSP: true });
  const { page } = session;
  await page.getByLabel('Upload CSV').setInputFiles(file);
  await page
    .getByRole('status')
    .getByText(new RegExp(`${SIZE.toLocaleString('en-US')} customers`))
    .waitFor({ timeout: 180_000 });
  await page.getByRole('region', { name: 'Column mapping' }).waitFor({ timeout: 60_000 });
  await page.waitForTimeout(2000);
  const steps: [string, () => Promise<void>][] = [
    [
      'Fit lifetime value (BG/NBD + Gamma-Gamma)',
      async () => {
        await page.getByRole('button', { name: 'Fit lifetime value' }).click();
        await page.getByRole('table', { name: 'Fitted parameters' }).waitFor({ timeout: 300_000 });
      },
    ],
    [
      'Analyse sensitivity (tornado ±10 per weight with AUC, 20-model rank stability)',
      async () => {
        await page.getByRole('button', { name: 'Analyse sensitivity' }).click();
        await page
          .getByText(/Spearman/)
          .first()
          .waitFor({ timeout: 300_000 });
      },
    ],
    [
      'Suggest weights (search of the shown AUC, judged over 5 held-out folds)',
      async () => {
        await page.getByRole('button', { name: 'Suggest weights' }).click();
        await page
          .getByRole('button', { name: 'Apply suggested weights' })
          .or(page.getByText(/^No suggestion/))
          .or(page.getByText(/^No change suggested/))
          .waitFor({ timeout: 300_000 });
      },
    ],
  ];
  console.log(`Fits in the browser · ${new Date().toISOString().slice(0, 10)} · ${os.cpus()[0]?.model ?? 'cpu'} × ${os.cpus().length} · ${SIZE.toLocaleString('en-US')} customers`);
  console.log('| step | click → result ms | longest main-thread task meanwhile ms |');
  console.log('|---|---|---|');
  for (const [label, run] of steps) {
    await page.evaluate(LONG_TASKS);
    const start = Date.now();
    await run();
    const ms = Date.now() - start;
    const longest = (await page.evaluate('Math.max(0, ...window.__longTasks)')) as number;
    console.log(`| ${label} | ${ms} | ${Math.round(longest)} |`);
  }
  if (session.errors.length > 0) throw new Error(session.errors.join('; '));
  await session.context.close();
} finally {
  await browser.close();
  await server.close();
}
