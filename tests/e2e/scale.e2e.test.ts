// A million customers in the browser: a slider dragged while the file loads ends in a
// consistent state, and every original cell survives the export.
import { showPanel } from './journey';
import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import Papa from 'papaparse';
import type { Browser, Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyze } from '../../src/core/scoring/analysis';
import { parseCsv } from '../../src/core/dataset/dataset';
import { formatScore } from '../../src/core/display/format';
import { defaultModel } from '../../src/core/model/model';
import { autoMap } from '../../src/core/schema/mapping';
import { benchFile } from '../../scripts/benchData';
import { launch, openApp, serveDist } from './harness';

const ROWS = 1_000_000;
let browser: Browser;
let server: Awaited<ReturnType<typeof serveDist>>;
let file: string;

beforeAll(async () => {
  file = benchFile(ROWS);
  server = await serveDist();
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Two 32-bit FNV-1a hashes per column over every cell in row order, plus the row count. */
async function columnHashes(path: string, columns: number): Promise<{ rows: number; hashes: number[] }> {
  const hashes = Array.from({ length: columns * 2 }, (_, i): number => (i % 2 ? 0x811c9dc5 : 0x01000193));
  let rows = -1; // the header is not a row
  await new Promise<void>((done, fail) => {
    Papa.parse<string[]>(createReadStream(path, { encoding: 'utf8' }), {
      skipEmptyLines: true,
      step: ({ data }) => {
        rows++;
        if (rows === 0) return;
        for (let c = 0; c < columns; c++) {
          const cell = `${data[c] ?? ''}\u0000`;
          let a = hashes[2 * c];
          let b = hashes[2 * c + 1];
          for (let k = 0; k < cell.length; k++) {
            const code = cell.charCodeAt(k);
            a = Math.imul(a ^ code, 0x01000193) >>> 0;
            b = Math.imul(b ^ code, 0x1000193 + 2) >>> 0;
          }
          hashes[2 * c] = a;
          hashes[2 * c + 1] = b;
        }
      },
      complete: () => done(),
      error: fail,
    });
  });
  return { rows, hashes };
}

/** The first cell (the customer id) of the file's rows at the given places, from 0. */
async function idsAt(path: string, places: number[]): Promise<Map<number, string>> {
  const ids = new Map<number, string>();
  let place = -1; // the header is not a row
  for await (const line of createInterface({ input: createReadStream(path, { encoding: 'utf8' }), crlfDelay: Infinity })) {
    if (places.includes(place)) ids.set(place, line.slice(0, line.indexOf(',')));
    place++;
  }
  return ids;
}

/** The customer rows of the grid wholly in its view, as [aria-rowindex, first cell's text]. */
function rowsInView(grid: Locator): Promise<[number, string][]> {
  return grid.evaluate((element) => {
    const view = element.getBoundingClientRect();
    const head = element.querySelector('[role="rowgroup"]')?.getBoundingClientRect().bottom ?? view.top;
    return Array.from(element.querySelectorAll('[role="row"][aria-rowindex]'))
      .filter((row) => !row.classList.contains('offscreen'))
      .filter((row) => {
        const box = row.getBoundingClientRect();
        return box.top >= head - 0.5 && box.bottom <= view.top + element.clientTop + element.clientHeight + 0.5;
      })
      .map((row): [number, string] => [Number(row.getAttribute('aria-rowindex')), row.querySelector('[role="gridcell"]')?.textContent ?? '']);
  });
}

describe(`${ROWS.toLocaleString('en-US')} customers`, () => {
  it('a slider moved while the file loads ends in the scores of the final weights, with no error', async () => {
    const { page, errors, context, foreignRequests } = await openApp(browser, server.url);
    await page.getByRole('button', { name: 'Load sample data' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toMatch(/5,000 scored/);
    await page.getByLabel('Upload CSV').setInputFiles(file);
    await page.getByRole('progressbar').waitFor();
    const slider = page.getByRole('slider', { name: 'Engagement weight' });
    await slider.focus();
    for (let k = 0; k < 10; k++) await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('End');
    for (let k = 0; k < 5; k++) await page.keyboard.press('ArrowLeft');
    await expect(page.getByRole('progressbar').count(), 'the drag happened during the load').resolves.toBe(1);
    await expect.poll(() => page.getByRole('status').textContent(), { timeout: 90_000 }).toMatch(/1,000,000 customers · 1,000,000 scored/);
    await expect(slider.inputValue()).resolves.toBe('95');

    // The same model computed here, from the same file: the page must show its mean.
    const parsed = parseCsv(new Uint8Array(await readFile(file)), 'customers.csv');
    if (!parsed.ok) throw new Error(parsed.problem.kind);
    const mapped = autoMap(defaultModel(), parsed.dataset.columns);
    const model = { ...mapped, factors: mapped.factors.map((f) => (f.id === 'engagement' ? { ...f, weight: 95 } : f)) };
    const { aggregates } = analyze(parsed.dataset, model);
    const expectedMean = formatScore(aggregates.sum / aggregates.scored, 'en-US');
    await expect.poll(() => page.getByRole('group', { name: /^Mean CRS:/ }).getAttribute('aria-label')).toBe(`Mean CRS: ${expectedMean}`);

    // The table scrolls to the middle of a million rows and shows them, ordered by CRS.
    await showPanel(page, 'Customers');
    const table = page.getByRole('grid', { name: 'Customer list', exact: true });
    await expect.poll(() => table.getByRole('row').nth(5).getByRole('gridcell').nth(2).textContent()).toMatch(/^\d+\.\d$/);
    await table.evaluate((element) => element.scrollTo(0, element.scrollHeight / 2));
    await expect.poll(() => table.getByRole('row').nth(5).getAttribute('aria-rowindex').then(Number)).toBeGreaterThan(400_000);
    await expect.poll(() => table.getByRole('row').nth(5).getByRole('gridcell').nth(2).textContent(), { timeout: 10_000 }).toMatch(/^\d+\.\d$/);
    expect(errors).toEqual([]);
    expect(foreignRequests).toEqual([]);
    await context.close();
  });

  it('the table reaches every customer: Ctrl+End shows the last, the bottom of the scroll range the last, its middle the middle', async () => {
    const { page, errors, context } = await openApp(browser, server.url);
    await page.getByLabel('Upload CSV').setInputFiles(file);
    await expect.poll(() => page.getByRole('status').textContent(), { timeout: 90_000 }).toMatch(/1,000,000 customers · 1,000,000 scored/);
    await showPanel(page, 'Customers');
    await page.getByLabel('Sort customers').selectOption({ label: 'File order' });
    const middle = ROWS / 2;
    const ids = await idsAt(file, [0, middle - 1, middle, ROWS - 1]);
    const grid = page.getByRole('grid', { name: 'Customer list', exact: true });
    await expect.poll(() => rowsInView(grid).then((rows) => rows[0])).toEqual([2, ids.get(0)]);

    // By keyboard: one Tab into the grid, Ctrl+End to the last cell of the last customer, Home to its id.
    await page.getByRole('button', { name: 'Export this view (CSV)' }).focus();
    await page.keyboard.press('Tab');
    await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toBe(ids.get(0));
    await page.keyboard.press('Control+End');
    await page.keyboard.press('Home');
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe(ids.get(ROWS - 1));
    await expect(page.evaluate(() => document.activeElement?.closest('[role="row"]')?.getAttribute('aria-rowindex'))).resolves.toBe(String(ROWS + 1));
    await expect.poll(() => rowsInView(grid).then((rows) => rows.at(-1))).toEqual([ROWS + 1, ids.get(ROWS - 1)]);
    await grid.screenshot({ path: 'test-results/table-1M-bottom.png' }); // for a person to look at

    // By the scroll bar: the middle of the scroll range shows the middle customers, its bottom the last.
    await grid.evaluate((element) => element.scrollTo(0, (element.scrollHeight - element.clientHeight) / 2));
    await expect.poll(() => rowsInView(grid).then((rows) => rows.some(([index, id]) => (index === middle + 1 && id === ids.get(middle - 1)) || (index === middle + 2 && id === ids.get(middle))))).toBe(true);
    await grid.screenshot({ path: 'test-results/table-1M-middle.png' });
    await grid.evaluate((element) => element.scrollTo(0, 0));
    await expect.poll(() => rowsInView(grid).then((rows) => rows[0])).toEqual([2, ids.get(0)]);
    await grid.evaluate((element) => element.scrollTo(0, element.scrollHeight));
    await expect.poll(() => rowsInView(grid).then((rows) => rows.at(-1))).toEqual([ROWS + 1, ids.get(ROWS - 1)]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('a load can be cancelled: the progress goes, the data loaded before stays', async () => {
    const { page, errors, context } = await openApp(browser, server.url);
    await page.getByRole('button', { name: 'Load sample data' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toMatch(/5,000 scored/);
    await page.getByLabel('Upload CSV').setInputFiles(file);
    await page.getByRole('progressbar').waitFor();
    await page.getByRole('button', { name: 'Cancel loading' }).click();
    await expect(page.getByRole('progressbar').count()).resolves.toBe(0);
    await page.waitForTimeout(3000); // longer than the load would have taken
    await expect(page.getByRole('status').textContent()).resolves.toMatch(/^5,000 customers · 5,000 scored · sample-customers\.csv/);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('exports every row and every original cell exactly, column by column', async () => {
    const { page, errors, context } = await openApp(browser, server.url);
    await page.getByLabel('Upload CSV').setInputFiles(file);
    await expect.poll(() => page.getByRole('status').textContent(), { timeout: 90_000 }).toMatch(/1,000,000 customers · 1,000,000 scored/);
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 120_000 }), page.getByRole('button', { name: 'Export scored CSV' }).click()]);
    const exported = await download.path();
    const input = await columnHashes(file, 18);
    const output = await columnHashes(exported, 18);
    expect(output.rows).toBe(ROWS);
    expect(input.rows).toBe(ROWS);
    for (let c = 0; c < 18; c++) expect([output.hashes[2 * c], output.hashes[2 * c + 1]], `column ${c + 1}`).toEqual([input.hashes[2 * c], input.hashes[2 * c + 1]]);
    expect(errors).toEqual([]);
    await context.close();
  });
});
