// Two snapshots: the sample, compared with an earlier export of it in which known customers were
// in other bands, some ids were different (gone then, new now) and one id was written with its
// leading zeros. The counts in "Band movement", the flow chart, the list behind a cell and the
// scored CSV's new columns are checked against what the test built.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import Papa from 'papaparse';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { showPanel, useJourneys } from './journey';
import { seriousViolations } from './axe';

const journeys = useJourneys();
const SAMPLE = resolve(import.meta.dirname, '../../public/sample-customers.csv');

async function loadSample(page: Page) {
  await page.getByRole('button', { name: 'Load sample data' }).click();
  await expect.poll(() => page.getByRole('status').first().textContent()).toMatch(/5,000 customers · 5,000 scored/);
}

async function exportScored(page: Page): Promise<Record<string, string>[]> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export scored CSV' }).click()]);
  const text = readFileSync((await download.path()) ?? '', 'utf8').replace(/^\uFEFF/, '');
  return Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true }).data;
}

describe('compare with an earlier file', () => {
  it('shows who moved between bands, the flow, the list behind a cell, and the earlier scores in the scored CSV', async () => {
    const { page } = await journeys.open();
    await loadSample(page);
    const now = await exportScored(page);
    // The earlier file: the sample with whole rows (all but the id) swapped between 6 good and 6 poor customers, so every
    // column holds the same values and each file's statistics are the same; and 10 ids renamed (gone then, new now).
    const parsed = Papa.parse<string[]>(readFileSync(SAMPLE, 'utf8').trim());
    const [header, ...rows] = parsed.data;
    const good = now.flatMap((row, r) => (row.crs_band === 'good' ? [r] : [])).slice(0, 6);
    const poor = now.flatMap((row, r) => (row.crs_band === 'poor' ? [r] : [])).slice(0, 6);
    good.forEach((g, k) => {
      const p = poor[k];
      const rowG = rows[g];
      rows[g] = [rowG[0], ...rows[p].slice(1)];
      rows[p] = [rows[p][0], ...rowG.slice(1)];
    });
    const renamed = now.flatMap((row, r) => (row.crs_band === 'average' ? [r] : [])).slice(0, 10);
    for (const r of renamed) rows[r][0] = `OLD-${rows[r][0]}`;
    const earlier = Papa.unparse([header, ...rows]);

    await showPanel(page, 'Since an earlier file');
    await page.getByLabel('Compare with an earlier file').setInputFiles({ name: 'sample-march.csv', mimeType: 'text/csv', buffer: Buffer.from(earlier) });
    const panel = page.getByRole('region', { name: 'Since an earlier file' });
    await expect.poll(() => panel.getByRole('status').textContent(), { timeout: 30_000 }).toMatch(/Compared with sample-march\.csv \(5,000 rows\): 4,990 customers in both, 10 new, 10 gone\./);

    // Band movement: the swapped customers moved poor → good and good → poor; the renamed ones are new (average now) and gone (average then).
    const table = panel.getByRole('table', { name: 'Band movement' });
    const cell = async (from: string, to: string) => {
      const column = (await table.locator('thead th').allTextContents()).indexOf(to);
      const text = await table
        .getByRole('row', { name: new RegExp(`^${from}\\b`) })
        .locator('td')
        .nth(column - 1)
        // The count shown in the cell (a cell with customers is a button named for its list).
        .locator('.movement-count, .movement-count-plain')
        .textContent();
      return Number(text?.replace(/,/g, ''));
    };
    expect(await cell('Poor', 'Good')).toBe(6);
    expect(await cell('Good', 'Poor')).toBe(6);
    expect(await cell('New', 'Average')).toBe(10);
    expect(await cell('Average', 'Gone')).toBe(10);
    const bandCount = (band: string) => now.filter((row) => row.crs_band === band).length;
    expect(await cell('Good', 'Good')).toBe(bandCount('good') - 6);
    expect(await cell('Average', 'Average')).toBe(bandCount('average') - 10);
    // The panel, its tables and flow charts pass axe like the rest of the page.
    await expect(seriousViolations(page)).resolves.toEqual([]);

    // The flow chart says the same in its text alternative, and exports.
    const flow = panel.getByRole('img', { name: /^Band movement flow of/ });
    await expect(flow.getAttribute('aria-label')).resolves.toMatch(/6 Poor → Good/);
    await expect(flow.getAttribute('aria-label')).resolves.toMatch(/6 Good → Poor/);
    await expect(flow.getAttribute('aria-label')).resolves.toMatch(/10 new, 10 gone/);
    const [svg] = await Promise.all([page.waitForEvent('download'), panel.getByRole('button', { name: 'Export SVG: Band movement flow' }).click()]);
    expect(svg.suggestedFilename()).toBe('sample-customers-band-flow.svg');

    // The list behind a cell: exactly the six customers who were good and are poor now.
    await table.getByRole('button', { name: 'List the 6 customers from Good to Poor' }).click();
    await expect.poll(() => page.getByText(/customers shown$/).textContent()).toBe('6 customers shown');
    const [view] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export this view (CSV)' }).click()]);
    const listed = Papa.parse<Record<string, string>>(readFileSync((await view.path()) ?? '', 'utf8').replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: true }).data;
    expect(listed.map((row) => row.customer_id).sort()).toEqual(poor.map((r) => now[r].customer_id).sort());
    expect(new Set(listed.map((row) => row.previous_band))).toEqual(new Set(['good']));

    // The gone, in the earlier file only, export from it: the ten renamed ids, average then.
    const [goneFile] = await Promise.all([page.waitForEvent('download'), table.getByRole('button', { name: 'Export the 10 customers gone since, who were Average (CSV)' }).click()]);
    expect(goneFile.suggestedFilename()).toBe('sample-march-gone.csv');
    const gone = Papa.parse<Record<string, string>>(readFileSync((await goneFile.path()) ?? '', 'utf8').replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: true }).data;
    expect(gone.map((row) => row.customer_id)).toEqual(renamed.map((r) => `OLD-${now[r].customer_id}`));
    expect(new Set(gone.map((row) => row.crs_band))).toEqual(new Set(['average']));

    // The scored CSV: previous_crs, crs_change, previous_band, previous_group, empty for the new customers.
    const scored = await exportScored(page);
    expect(scored).toHaveLength(5000);
    const swappedGood = scored[good[0]];
    expect(swappedGood.previous_crs).toBe(now[poor[0]].crs);
    expect(swappedGood.previous_band).toBe('poor');
    expect(Number(swappedGood.crs_change)).toBeCloseTo(Number(swappedGood.crs) - Number(swappedGood.previous_crs), 6);
    expect(swappedGood.previous_group).toBe(now[poor[0]].relationship_group);
    for (const r of renamed) expect([scored[r].previous_crs, scored[r].crs_change, scored[r].previous_band, scored[r].previous_group]).toEqual(['', '', '', '']);

    // Each KPI tile shows its change since the earlier file: the same churn in both (rows were swapped whole, ids renamed).
    await page.evaluate(() => window.scrollTo(0, 0));
    await expect.poll(() => page.getByRole('group', { name: /^Churn rate:/ }).getAttribute('aria-label')).toMatch(/±0 since sample-march\.csv$/);
    // So do the headline tiles: the same rows under the same model give the same mean.
    await expect.poll(() => page.getByRole('group', { name: /^Mean CRS:/ }).getAttribute('aria-label')).toMatch(/, ±0 since sample-march\.csv$/);

    await showPanel(page, 'Since an earlier file');
    // A weight change re-scores both files and the table follows (it once kept the first weights' bands); customers are neither lost nor counted twice.
    const goodBefore = await cell('Good', 'Good');
    await page.getByLabel('Engagement weight', { exact: true }).focus();
    await page.keyboard.press('End');
    await expect.poll(() => cell('Good', 'Good'), { timeout: 15_000 }).not.toBe(goodBefore);
    const labels = ['Poor', 'Average', 'Good', 'Not scored', 'New'];
    const targets = ['Poor', 'Average', 'Good', 'Not scored', 'Gone'];
    let total = 0;
    for (const from of labels)
      for (const to of targets)
        if ((await table.getByRole('row', { name: new RegExp(`^${from}\\b`) }).count()) > 0 && (await table.locator('thead th').allTextContents()).includes(to)) total += (await cell(from, to)) || 0;
    expect(total).toBe(4_990 + 10 + 10);
  });

  it('keeps both files across a reload, and Clear data forgets both', async () => {
    const { page } = await journeys.open();
    await loadSample(page);
    await showPanel(page, 'Since an earlier file');
    await page.getByLabel('Compare with an earlier file').setInputFiles(SAMPLE);
    const panel = page.getByRole('region', { name: 'Since an earlier file' });
    await expect.poll(() => panel.getByRole('status').textContent(), { timeout: 30_000 }).toMatch(/5,000 customers in both, 0 new, 0 gone/);
    await page.reload();
    await expect.poll(() => page.getByRole('status').first().textContent(), { timeout: 30_000 }).toMatch(/5,000 customers · 5,000 scored · Restored sample-customers\.csv from this browser/);
    await showPanel(page, 'Since an earlier file');
    await expect.poll(() => panel.getByRole('status').textContent(), { timeout: 30_000 }).toMatch(/Compared with sample-customers\.csv \(5,000 rows\): 5,000 customers in both/);
    await page.getByRole('button', { name: 'Clear data' }).click();
    await page.getByRole('button', { name: 'Yes, clear' }).click();
    await expect.poll(() => page.getByRole('status').first().textContent()).toMatch(/No data loaded/);
    await page.reload();
    await expect.poll(() => page.getByRole('status').first().textContent()).toMatch(/No data loaded/);
    // IndexedDB holds neither file.
    await expect(
      page.evaluate(
        () =>
          new Promise<number>((done) => {
            const open = indexedDB.open('keyval-store');
            open.onsuccess = () => {
              const db = open.result;
              const count = db.transaction('keyval').objectStore('keyval').count();
              count.onsuccess = () => done(count.result);
            };
          }),
      ),
    ).resolves.toBe(0);
    await loadSample(page);
    await showPanel(page, 'Since an earlier file');
    await expect(panel.getByLabel('Compare with an earlier file').count()).resolves.toBe(1);
    await expect(panel.getByRole('table', { name: 'Band movement' }).count()).resolves.toBe(0);
  });

  it('tries the sample against its earlier snapshot in one click: who is new, who is gone, what moved the mean', async () => {
    const { page } = await journeys.open();
    await loadSample(page);
    await showPanel(page, 'Since an earlier file');
    await page.getByRole('button', { name: 'Try the sample’s earlier snapshot' }).click();
    const panel = page.getByRole('region', { name: 'Since an earlier file' });
    // scripts/generate-earlier-sample.mjs: 4,831 customers a quarter before, 145 who left since; 169 signed up since.
    await expect.poll(() => panel.getByRole('status').textContent(), { timeout: 30_000 }).toBe('Compared with sample-customers-earlier.csv (4,976 rows): 4,831 customers in both, 169 new, 145 gone.');
    const parts = await panel.getByRole('list', { name: 'What moved the mean' }).getByRole('listitem').allTextContents();
    expect(parts.map((part) => part.split(':')[0])).toEqual(['Engagement', 'Satisfaction', 'Purchase history', 'Support quality']);
    // Churn was 0 in the earlier snapshot (an outcome of the quarter): the tile says by how much it rose.
    await page.evaluate(() => window.scrollTo(0, 0));
    await expect.poll(() => page.getByRole('group', { name: /^Churn rate:/ }).getAttribute('aria-label')).toMatch(/, \+[\d.]+ pt since sample-customers-earlier\.csv$/);
  });
});
