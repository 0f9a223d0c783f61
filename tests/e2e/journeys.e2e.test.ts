// Journeys a user takes: sample, upload, re-weight, export, bad files. Each asserts what
// the user sees, that no page or console error happened, and that nothing left the page.
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import Papa from 'papaparse';
import type { Download, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useJourneys, showPanel } from './journey';

const journeys = useJourneys();
const SAMPLE = resolve(import.meta.dirname, '../../public/sample-customers.csv');

async function loadSample(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Load sample data' }).click();
  await expect.poll(() => page.getByRole('status').textContent()).toMatch(/5,000 customers · 5,000 scored/);
}

async function upload(page: Page, name: string, content: string | Buffer): Promise<void> {
  await page.getByLabel('Upload CSV').setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.isBuffer(content) ? content : Buffer.from(content) });
}

async function downloadText(download: Download): Promise<string> {
  const path = await download.path();
  const text = await readFile(path, 'utf8');
  return text.replace(/^\uFEFF/, '');
}

async function exportCsv(page: Page): Promise<{ name: string; rows: string[][] }> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export scored CSV' }).click()]);
  const text = await downloadText(download);
  const parsed = Papa.parse<string[]>(text, { skipEmptyLines: true });
  expect(parsed.errors).toEqual([]);
  return { name: download.suggestedFilename(), rows: parsed.data };
}

const meanTile = (page: Page) => page.getByRole('group', { name: /^Mean CRS:/ });

describe('sample data', () => {
  it('loads with one click and shows every customer scored, the distribution and the four groups', async () => {
    const session = await journeys.open();
    const { page } = session;
    await loadSample(page);
    await expect.poll(() => meanTile(page).getAttribute('aria-label')).toMatch(/^Mean CRS: \d+\.\d$/);
    await expect.poll(() => page.getByRole('img', { name: /Histogram of CRS\. 5,000 scored customers/ }).count()).toBe(1);
    let total = 0;
    for (const group of ['True friends', 'Butterflies', 'Barnacles', 'Strangers']) {
      const label = await page.getByLabel(new RegExp(`^${group}: [\\d,]+ customers$`)).getAttribute('aria-label');
      total += Number((label ?? '').replace(/\D/g, ''));
    }
    expect(total).toBe(5000);
    await expect(page.getByLabel('Engagement column').inputValue()).resolves.toBe('engagement_score');
  });
});

describe('small screens', () => {
  it('fits a 390 px phone without sideways scrolling, the table scrolling inside its panel', async () => {
    const session = await journeys.open({ width: 390, height: 844 });
    const { page } = session;
    await loadSample(page);
    await showPanel(page, 'Customers');
    await expect.poll(() => page.getByRole('grid', { name: 'Customer list', exact: true }).count()).toBe(1);
    await page.getByRole('grid', { name: 'Customer list', exact: true }).getByRole('row').nth(1).click();
    await expect.poll(() => page.getByRole('region', { name: /^Score explanation: / }).count()).toBe(1);
    await expect(page.evaluate(() => document.documentElement.scrollWidth)).resolves.toBeLessThanOrEqual(390);
  });
});

describe('re-weighting', () => {
  it('moving a weight slider by keyboard re-scores: the mean CRS and the export change', async () => {
    const session = await journeys.open();
    const { page } = session;
    await loadSample(page);
    await expect.poll(() => meanTile(page).getAttribute('aria-label')).toMatch(/\d/);
    const before = await meanTile(page).getAttribute('aria-label');
    const histogram = page.getByRole('img', { name: /^Histogram of CRS/ });
    const histogramBefore = await histogram.getAttribute('aria-label');
    const poorBefore = await page.getByRole('group', { name: /^Poor:/ }).getAttribute('aria-label');
    const exportBefore = await exportCsv(page);
    const slider = page.getByRole('slider', { name: 'Engagement weight' });
    await slider.focus();
    await page.keyboard.press('End');
    await expect(slider.inputValue()).resolves.toBe('100');
    await expect.poll(() => meanTile(page).getAttribute('aria-label')).not.toBe(before);
    // The band tiles and the histogram follow, and agree with each other.
    await expect.poll(() => page.getByRole('group', { name: /^Poor:/ }).getAttribute('aria-label')).not.toBe(poorBefore);
    await expect.poll(() => histogram.getAttribute('aria-label')).not.toBe(histogramBefore);
    const poorCount = await page
      .getByRole('group', { name: /^Poor:/ })
      .getByText(/customers$/)
      .textContent();
    expect(await histogram.getAttribute('aria-label')).toContain(`Poor: ${poorCount?.replace(' customers', '')} (`);
    const exportAfter = await exportCsv(page);
    const crs = exportBefore.rows[0].indexOf('crs');
    const changed = exportAfter.rows.slice(1).filter((row, i) => row[crs] !== exportBefore.rows[i + 1][crs]).length;
    expect(changed).toBeGreaterThan(4000);
  });
});

describe('customer table', () => {
  it('lists customers by CRS, filters by band, and explains a chosen customer by keyboard', async () => {
    const session = await journeys.open();
    const { page } = session;
    await loadSample(page);
    await showPanel(page, 'Customers');
    const table = page.getByRole('grid', { name: 'Customer list', exact: true });
    const firstRow = table.getByRole('row').nth(1);
    await expect.poll(() => firstRow.getByRole('gridcell').nth(2).textContent()).toMatch(/^\d+\.\d$/);
    const scores = await table.getByRole('row').evaluateAll((rows) => rows.slice(1, 8).map((row) => Number(row.children[2]?.textContent)));
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    await page.getByLabel('Filter by band').selectOption('poor');
    // As many rows as the Poor tile counts, e.g. "954 customers" → "954 customers shown".
    const poorCount = await page
      .getByRole('group', { name: /^Poor:/ })
      .getByText(/customers$/)
      .textContent();
    await expect.poll(() => page.getByText(/customers shown$/).textContent()).toBe(`${poorCount} shown`);
    await expect.poll(() => firstRow.getByRole('gridcell').nth(3).textContent()).toBe('Poor');
    await firstRow.getByRole('gridcell').first().focus();
    await page.keyboard.press('Enter');
    const explanation = page.getByRole('region', { name: /^Score explanation: / });
    await expect.poll(() => explanation.textContent()).toMatch(/CRS \d+\.\d · Poor/);
    await expect(explanation.getByText(/^To reach average/).count()).resolves.toBe(1);
    const points = await explanation.getByRole('listitem').evaluateAll((items) => items.map((item) => Number(item.getAttribute('aria-label')?.match(/: ([\d.]+) points/)?.[1] ?? 0)));
    const crs = Number((await explanation.textContent())?.match(/CRS (\d+\.\d)/)?.[1]);
    expect(points.reduce((a, b) => a + b, 0)).toBeCloseTo(crs, 0);
  });
});

describe('relationship grid', () => {
  it('a group cell filters the table to that group, and the filter chip clears it', async () => {
    const session = await journeys.open();
    const { page } = session;
    await loadSample(page);
    const cell = page.getByRole('group', { name: /^True friends: [\d,]+ customers$/ });
    const count = (await cell.getAttribute('aria-label'))?.match(/: ([\d,]+) customers/)?.[1];
    await cell.getByRole('button', { name: 'Filter the dashboard to True friends' }).click();
    // The distribution shows the same customers.
    await expect.poll(() => page.getByRole('heading', { name: 'CRS distribution: True friends' }).count()).toBe(1);
    await expect.poll(() => page.getByRole('img', { name: /^Histogram of CRS/ }).getAttribute('aria-label')).toContain(`True friends: ${count} scored customers`);
    // So does the table, once scrolled to.
    await showPanel(page, 'Customers');
    await expect.poll(() => page.getByText(/customers shown$/).textContent()).toBe(`${count} customers shown`);
    const groups = await page
      .getByRole('grid', { name: 'Customer list', exact: true })
      .getByRole('row')
      .evaluateAll((rows) => rows.slice(1, 6).map((row) => row.children[4]?.textContent));
    expect(groups).toEqual(Array(5).fill('True friends'));
    await page.getByRole('button', { name: 'Clear filter: True friends' }).click();
    await showPanel(page, /^CRS distribution/);
    await expect.poll(() => page.getByRole('heading', { name: 'CRS distribution', exact: true }).count()).toBe(1);
    await showPanel(page, 'Customers');
    await expect.poll(() => page.getByText(/customers shown$/).textContent()).toBe('5,000 customers shown');
  });

  it('moving a split line in the scatter by keyboard or by dragging regroups customers and shows the split in the mapping', async () => {
    const session = await journeys.open();
    const { page } = session;
    await loadSample(page);
    const friends = () => page.getByRole('group', { name: /^True friends: [\d,]+ customers$/ }).getAttribute('aria-label');
    await expect.poll(friends).toMatch(/\d/);
    const before = await friends();
    await showPanel(page, 'Profitability × loyalty');
    const split = page.getByRole('slider', { name: 'Profitability split' });
    const splitValue = () => page.getByLabel('Profitability split (high from)').inputValue().then(Number);
    const median = await split.getAttribute('aria-valuetext');
    await split.focus();
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowUp');
    await expect.poll(friends).not.toBe(before);
    // The mapping, scrolled to, shows the split the line moved to.
    await showPanel(page, 'Column mapping');
    const moved = await splitValue();
    expect(moved).toBeGreaterThan(Number(median?.replace(/,/g, '')));
    await showPanel(page, 'Profitability × loyalty');
    // A higher bar for "high profitability": fewer true friends and butterflies.
    expect(Number((await friends())?.replace(/\D/g, ''))).toBeLessThan(Number(before?.replace(/\D/g, '')));
    await page.keyboard.press('Home');
    await expect.poll(friends).toBe(before);

    // Dragged with the mouse: the line stays where it is dropped, the split takes that value, and Home still resets it.
    const box = await page.locator('.split-line[data-line="profitability-split"]').boundingBox();
    if (!box) throw new Error('the split line has no box');
    const x = box.x + box.width / 2;
    const y = box.y + box.height / 2;
    await page.mouse.move(x, y);
    await page.mouse.down();
    await page.mouse.move(x, y - 40, { steps: 4 });
    await page.mouse.up();
    // The slider follows once the engine has the new split (the line shows the drop at once).
    await expect.poll(() => split.getAttribute('aria-valuetext')).not.toBe(median);
    const dropped = await split.getAttribute('aria-valuetext');
    await expect.poll(friends).not.toBe(before);
    await showPanel(page, 'Column mapping');
    await expect.poll(async () => (await splitValue()) > Number(median?.replace(/,/g, ''))).toBe(true);
    await showPanel(page, 'Profitability × loyalty');
    await expect(split.getAttribute('aria-valuetext')).resolves.toBe(dropped);
    await split.focus();
    await page.keyboard.press('Home');
    await expect.poll(friends).toBe(before);
    await expect.poll(() => split.getAttribute('aria-valuetext')).toBe(median);
  });

  it('breaks every tile down by group, and the per-group customer counts match the grid', async () => {
    const session = await journeys.open();
    const { page } = session;
    await loadSample(page);
    await page.getByLabel('Break tiles down by').selectOption('group');
    const customers = page.getByLabel('Customers by relationship group');
    await expect.poll(() => customers.count()).toBe(1);
    for (const group of ['True friends', 'Butterflies', 'Barnacles', 'Strangers']) {
      const label = await page.getByLabel(new RegExp(`^${group}: [\\d,]+ customers$`)).getAttribute('aria-label');
      const count = label?.match(/: ([\d,]+) customers/)?.[1];
      await expect(customers.getByText(group, { exact: true }).locator('xpath=..').textContent()).resolves.toBe(`${group}${count}`);
    }
    // KPIs come from the engine: churn per group, each a percentage.
    const churn = page.getByLabel('Churn rate by relationship group');
    await expect.poll(() => churn.locator('dd').allTextContents()).toHaveLength(4);
    for (const value of await churn.locator('dd').allTextContents()) expect(value).toMatch(/^\d+\.\d %$/);
  });

  it('compare mode keeps the pinned distribution and says what a weight change did', async () => {
    const session = await journeys.open();
    const { page } = session;
    await loadSample(page);
    await page.getByRole('button', { name: 'Compare', exact: true }).click();
    const mean = Number((await meanTile(page).getAttribute('aria-label'))?.match(/[\d.]+$/)?.[0]);
    const slider = page.getByRole('slider', { name: 'Support quality weight' });
    await slider.focus();
    await page.keyboard.press('End');
    const note = page.getByText(/^Compared with the pinned weights/);
    await expect.poll(() => note.textContent()).toMatch(/Support quality 20\)/);
    await expect.poll(() => meanTile(page).getAttribute('aria-label')).not.toBe(`Mean CRS: ${mean.toFixed(1)}`);
    const after = Number((await meanTile(page).getAttribute('aria-label'))?.match(/[\d.]+$/)?.[0]);
    await expect.poll(() => note.textContent()).toContain(`mean ${mean.toFixed(1)} → ${after.toFixed(1)}`);
  });
});

describe('validation against an outcome', () => {
  it('picks an outcome column, shows the AUC beside the sliders, and suggested weights raise it', async () => {
    const session = await journeys.open();
    const { page } = session;
    await loadSample(page);
    await page.getByLabel('Outcome column').selectOption('');
    await expect.poll(() => page.getByRole('group', { name: /^AUC against/ }).count()).toBe(0);
    await page.getByLabel('Outcome column').selectOption('churned');
    await page.getByLabel('A yes in it is').selectOption('bad');
    const badge = page.getByRole('group', { name: /^AUC against churned: / });
    await expect.poll(() => badge.count()).toBe(1);
    const aucOf = async () => Number((await badge.getAttribute('aria-label'))?.match(/([\d.]+)$/)?.[1]);
    const before = await aucOf();
    expect(before).toBeGreaterThan(0.5);
    await showPanel(page, 'Does the score predict the outcome?');
    await page.getByRole('button', { name: 'Suggest weights' }).click();
    await page.getByRole('button', { name: 'Apply suggested weights' }).click();
    await expect.poll(aucOf).toBeGreaterThan(before);
    // The sliders moved to the suggestion: together 100.
    const weights = await page.getByRole('slider', { name: /weight$/ }).evaluateAll((sliders) => sliders.map((s) => Number((s as HTMLInputElement).value)));
    expect(weights.reduce((a, b) => a + b, 0)).toBe(100);
  });
});

describe('rules', () => {
  it('a rule "churned is yes: −20 points" lowers exactly those customers, clamped at 0, and the others keep their score', async () => {
    const session = await journeys.open();
    const { page } = session;
    await loadSample(page);
    const before = await exportCsv(page);
    await page.getByRole('button', { name: 'Add rule' }).click();
    await page.getByLabel('Rule 1 column').selectOption('churned');
    await page.getByLabel('Rule 1 condition').selectOption('yes');
    const points = page.getByLabel('Rule 1 points');
    await points.fill('-20');
    await points.press('Tab');
    let after = before;
    const header = before.rows[0];
    const crs = header.indexOf('crs');
    const churned = header.indexOf('churned');
    await expect
      .poll(async () => {
        after = await exportCsv(page);
        return after.rows.slice(1).some((row, i) => row[crs] !== before.rows[i + 1][crs]);
      })
      .toBe(true);
    let lowered = 0;
    after.rows.slice(1).forEach((row, i) => {
      const was = Number(before.rows[i + 1][crs]);
      const now = Number(row[crs]);
      if (/^(yes|1|true)$/i.test(row[churned])) {
        lowered++;
        expect(Math.abs(now - Math.max(0, was - 20))).toBeLessThanOrEqual(0.1); // both shown to one decimal
      } else expect(now).toBe(was);
    });
    expect(lowered).toBeGreaterThan(500);
  });
});

describe('recency', () => {
  it('a last-login date column scores by recency: the latest login 100, one half-life earlier 50', async () => {
    const session = await journeys.open();
    const { page } = session;
    // The latest login is 2026-11-01; 90 days earlier is 2026-08-03; 180 days earlier 2026-05-05.
    await upload(page, 'logins.csv', 'customer_id,last_login\nA,2026-11-01\nB,2026-08-03\nC,2026-05-05\nD,\n');
    await expect.poll(() => page.getByRole('status').textContent()).toMatch(/4 customers · 3 scored/);
    await expect(page.getByLabel('Engagement column').inputValue()).resolves.toBe('last_login');
    await expect(page.getByLabel('Half-life (days)').inputValue()).resolves.toBe('90');
    const { rows } = await exportCsv(page);
    const crs = rows[0].indexOf('crs');
    expect(rows.slice(1).map((row) => row[crs])).toEqual(['100.0', '50.0', '25.0', '']);
  });
});

describe('scenario compare', () => {
  it('saves the model as A, and after a weight change lists the customers who changed band', async () => {
    const session = await journeys.open();
    const { page } = session;
    await loadSample(page);
    await page.getByRole('button', { name: 'Save current as A' }).click();
    const changed = page.getByRole('group', { name: /^Customers who change band: / });
    await expect.poll(() => changed.getAttribute('aria-label')).toBe('Customers who change band: 0');
    const slider = page.getByRole('slider', { name: 'Engagement weight' });
    await slider.focus();
    await page.keyboard.press('End');
    await expect.poll(async () => Number((await changed.getAttribute('aria-label'))?.replace(/\D/g, ''))).toBeGreaterThan(100);
    const comparison = page.getByRole('table', { name: 'Scenario A against the current model (B)' });
    await expect(comparison.getByRole('row', { name: /^Weights/ }).textContent()).resolves.toMatch(/Engagement 30.*Engagement 100/);
    // Every listed customer's band really differs between A and B.
    const bands = await page
      .getByRole('table', { name: /^Who changed band/ })
      .getByRole('row')
      .evaluateAll((rows) => rows.slice(1).map((row) => row.children[3]?.textContent ?? ''));
    expect(bands.length).toBeGreaterThan(0);
    for (const band of bands) {
      const [from, to] = band.split(' → ');
      expect(from).not.toBe(to);
    }
  });
});

describe('export', () => {
  it('round-trips every row and cell of the sample, in order, with crs, band, group, issues and the RFM scores', async () => {
    const session = await journeys.open();
    const { page } = session;
    await loadSample(page);
    const input = Papa.parse<string[]>(await readFile(SAMPLE, 'utf8'), { skipEmptyLines: true }).data;
    const { name, rows } = await exportCsv(page);
    expect(name).toBe('sample-customers-scored.csv');
    expect(rows.length).toBe(input.length);
    // The sample has recency, orders and revenue, so RFM is set up and its columns follow the score's.
    expect(rows[0]).toEqual([...input[0], 'crs', 'crs_band', 'relationship_group', 'crs_issues', 'rfm_r', 'rfm_f', 'rfm_m', 'rfm_segment']);
    for (let r = 1; r < input.length; r++) expect(rows[r].slice(0, input[0].length)).toEqual(input[r]);
    const crs = rows[0].indexOf('crs');
    const band = rows[0].indexOf('crs_band');
    const group = rows[0].indexOf('relationship_group');
    for (const row of rows.slice(1)) {
      expect(row[crs]).toMatch(/^\d{1,3}\.\d$/);
      const score = Number(row[crs]);
      expect(row[band]).toBe(score < 40 ? 'poor' : score < 70 ? 'average' : 'good');
      expect(['strangers', 'butterflies', 'barnacles', 'true friends']).toContain(row[group]);
      for (const column of ['rfm_r', 'rfm_f', 'rfm_m']) expect(row[rows[0].indexOf(column)]).toMatch(/^[1-5]$/);
      expect(row[rows[0].indexOf('rfm_segment')]).toMatch(/^[a-z ]+$/);
    }
  });

  it('scores its own scored export again: the second export repeats no column name, and crs_2 holds the scores', async () => {
    const session = await journeys.open();
    const { page } = session;
    await loadSample(page);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export scored CSV' }).click()]);
    const scored = await readFile(await download.path());
    const first = Papa.parse<string[]>(scored.toString('utf8').replace(/^\uFEFF/, ''), { skipEmptyLines: true }).data;
    await upload(page, 'sample-customers-scored.csv', scored);
    await expect.poll(() => page.getByRole('status').textContent()).toMatch(/5,000 customers · 5,000 scored · sample-customers-scored\.csv/);
    const { rows } = await exportCsv(page);
    const header = rows[0];
    expect(header.filter((name, i) => header.indexOf(name) !== i)).toEqual([]);
    expect(header.slice(0, first[0].length)).toEqual(first[0]);
    expect(header.slice(first[0].length)).toEqual(['crs_2', 'crs_band_2', 'relationship_group_2', 'crs_issues_2', 'rfm_r_2', 'rfm_f_2', 'rfm_m_2', 'rfm_segment_2']);
    // The same model scores the same customers: crs_2 is the first export's crs, row for row, and crs keeps it too.
    const column = (table: string[][], name: string): string[] => table.slice(1).map((row) => row[table[0].indexOf(name)]);
    expect(column(rows, 'crs_2')).toEqual(column(first, 'crs'));
    expect(column(rows, 'crs')).toEqual(column(first, 'crs'));
    expect(column(rows, 'crs_2').every((cell) => /^\d{1,3}\.\d$/.test(cell))).toBe(true);
  });

  it('exports every chart as a PNG at 2× and an SVG with its title and legend, with no external references', async () => {
    const session = await journeys.open();
    const { page } = session;
    await loadSample(page);
    const panelOf: Record<string, string> = { 'ROC curve against churned': 'Does the score predict the outcome?' };
    for (const title of ['CRS distribution', 'Relationship groups', 'Profitability × loyalty', 'CRS by relationship group', 'ROC curve against churned']) {
      await showPanel(page, panelOf[title] ?? title);
      const [png] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: `Export PNG: ${title}`, exact: true }).click()]);
      const pngBytes = await readFile(await png.path());
      expect([...pngBytes.subarray(0, 4)], title).toEqual([0x89, 0x50, 0x4e, 0x47]);
      expect(pngBytes.readUInt32BE(16), title).toBeGreaterThan(600); // width at 2×
      const [svg] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: `Export SVG: ${title}`, exact: true }).click()]);
      const markup = await readFile(await svg.path(), 'utf8');
      const parsed = await page.evaluate((text) => {
        const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
        return { error: doc.querySelector('parsererror') !== null, title: doc.querySelector('title')?.textContent, texts: [...doc.querySelectorAll('text')].map((t) => t.textContent ?? '') };
      }, markup);
      expect(parsed.error, title).toBe(false);
      expect(parsed.title).toBe(title);
      expect(parsed.texts.join(' '), title).toMatch(/Weights: |AUC|customers/);
      expect(markup, title).not.toMatch(/var\(--|href="http|url\(http/);
    }
  });

  it('exports the whole dashboard as one PNG, and prints a report of one A4 landscape page per section', async () => {
    const session = await journeys.open();
    const { page } = session;
    await loadSample(page);
    // The charts, table and mapping mount in a deferred render after the first paint: wait for the last of them.
    await page.getByRole('region', { name: 'Column mapping' }).waitFor();
    const dashboard = await page.locator('.app').boundingBox();
    await page.getByRole('button', { name: 'More' }).click();
    const [png] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Dashboard PNG' }).click()]);
    expect(png.suggestedFilename()).toBe('sample-customers-dashboard.png');
    const bytes = await readFile(await png.path());
    expect([...bytes.subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
    // The image is the dashboard at its full height, not the window.
    expect(bytes.readUInt32BE(20)).toBeGreaterThanOrEqual(Math.floor(dashboard?.height ?? 0));
    await page.emulateMedia({ media: 'print' });
    await expect(page.getByRole('button', { name: 'Print report' }).isVisible()).resolves.toBe(false);
    const pdf = await page.pdf({ format: 'A4', landscape: true, printBackground: true, preferCSSPageSize: true });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
    expect(pages).toBeGreaterThanOrEqual(8); // summary, distribution, groups, scatter, CRS by group, customers, validation, factors…
  });

  it('exports the model as one SQL query per dialect, from the More menu', async () => {
    const session = await journeys.open();
    const { page } = session;
    await loadSample(page);
    await page.getByRole('button', { name: 'More' }).click();
    const menu = page.getByRole('group', { name: 'More' });
    for (const [dialect, quote] of [
      ['postgres', '"engagement_score"'],
      ['spark', '`engagement_score`'],
    ] as const) {
      await menu.getByLabel('SQL dialect').selectOption(dialect);
      const [download] = await Promise.all([page.waitForEvent('download'), menu.getByRole('button', { name: 'Export as SQL' }).click()]);
      expect(download.suggestedFilename()).toBe(`sample-customers-crs-${dialect}.sql`);
      const sql = await downloadText(download);
      expect(sql).toMatch(/SELECT/);
      expect(sql).toContain(quote);
      expect(sql).toMatch(/crs_band/);
    }
    await page.keyboard.press('Escape');
    await expect(menu.isVisible()).resolves.toBe(false);
  });

  it('escapes text in exported SVG: a column named <script> stays text', async () => {
    const session = await journeys.open();
    const { page } = session;
    await upload(page, 'tricky.csv', 'id,engagement_score,"revenue<script>alert(1)</script>",tenure_months\nA,50,100,3\nB,60,300,30\nC,70,200,12\n');
    await expect.poll(() => page.getByRole('status').textContent()).toMatch(/3 customers/);
    const [svg] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export SVG: Relationship groups', exact: true }).click()]);
    const markup = await readFile(await svg.path(), 'utf8');
    const parsed = await page.evaluate((text) => {
      const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
      return { error: doc.querySelector('parsererror') !== null, scripts: doc.querySelectorAll('script').length, text: doc.documentElement.textContent ?? '' };
    }, markup);
    expect(parsed).toMatchObject({ error: false, scripts: 0 });
    expect(parsed.text).toContain('revenue<script>alert(1)</script>');
    expect(markup).toContain('&lt;script&gt;');
  });

  it('exports the table’s view: only the customers shown, in the order shown, every column kept', async () => {
    const session = await journeys.open();
    const { page } = session;
    await loadSample(page);
    await showPanel(page, 'Customers');
    await page.getByLabel('Filter by band').selectOption('poor');
    const poorCount = await page
      .getByRole('group', { name: /^Poor:/ })
      .getByText(/customers$/)
      .textContent();
    await expect.poll(() => page.getByText(/customers shown$/).textContent()).toBe(`${poorCount} shown`);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export this view (CSV)' }).click()]);
    expect(download.suggestedFilename()).toBe('sample-customers-view.csv');
    const rows = Papa.parse<string[]>(await downloadText(download), { skipEmptyLines: true }).data;
    const header = rows[0];
    expect(header.slice(0, 18)).toEqual(Papa.parse<string[]>(await readFile(SAMPLE, 'utf8'), { preview: 1 }).data[0]);
    expect(rows.length - 1).toBe(Number(poorCount?.replace(/\D/g, '')));
    const crs = rows.slice(1).map((row) => Number(row[header.indexOf('crs')]));
    expect(crs).toEqual([...crs].sort((a, b) => b - a)); // highest CRS first, as the table shows
    for (const row of rows.slice(1)) expect(row[header.indexOf('crs_band')]).toBe('poor');
  });

  it('exports the distribution chart as PNG and SVG', async () => {
    const session = await journeys.open();
    const { page } = session;
    await loadSample(page);
    const [png] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export PNG: CRS distribution', exact: true }).click()]);
    const pngBytes = await readFile(await png.path());
    expect([...pngBytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(pngBytes.readUInt32BE(16)).toBeGreaterThan(1000); // width at 2× pixel ratio
    const [svg] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export SVG: CRS distribution', exact: true }).click()]);
    const markup = await readFile(await svg.path(), 'utf8');
    const parsed = await page.evaluate((text) => {
      const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
      const fills = [...doc.querySelectorAll('path.band-area')].map((path) => path.getAttribute('fill'));
      return { error: doc.querySelector('parsererror') !== null, title: doc.querySelector('title')?.textContent, fills };
    }, markup);
    // One filled area per band, in the band colours.
    expect(parsed).toEqual({ error: false, title: 'CRS distribution', fills: ['#d64545', '#e0a526', '#2f9e6b'] });
    expect(markup).not.toMatch(/var\(--/);
  });
});

describe('upload', () => {
  it("scores the seed calculator's four-column file by its formula with no mapping touched, and says why", async () => {
    const session = await journeys.open();
    const { page } = session;
    const rows = [
      [85, 75, 65, 55],
      [1, 100, 1, 100],
      [42, 17, 93, 60],
      [70, 70, 70, 70],
    ];
    await upload(page, 'seed.csv', ['Customer ID,Engagement Score,Satisfaction Score,Purchase History,Support Quality', ...rows.map((row, i) => `C${i + 1},${row.join(',')}`)].join('\n'));
    await expect.poll(() => page.getByRole('status').textContent()).toMatch(/4 customers · 4 scored/);
    const { rows: exported } = await exportCsv(page);
    const crs = exported.slice(1).map((row) => Number(row[exported[0].indexOf('crs')]));
    // 0.3·E + 0.3·S + 0.2·P + 0.2·Q, each on its 1–100 scale as it is: 72.0 for the seed's example.
    expect(crs).toEqual(rows.map(([e, s, p, q]) => Math.round((0.3 * e + 0.3 * s + 0.2 * p + 0.2 * q) * 10) / 10));
    expect(crs[0]).toBe(72);
    await showPanel(page, 'Column mapping');
    await expect(page.getByText('Automatic: used as-is (0–100) — values on a 0–100 scale').count()).resolves.toBe(2); // Purchase history, Support quality
    await expect(page.getByText('Automatic: used as-is (0–100) — named like a score, values on 0–100').count()).resolves.toBe(2);
  });

  it('keeps a score column as a score when one cell is out of range, and flags that cell in the export', async () => {
    const session = await journeys.open();
    const { page } = session;
    await upload(page, 'scores.csv', ['id,engagement_score', ...[55, 62, 140, 71, 48, 90, 33, 67, 80, 59].map((v, i) => `${i + 1},${v}`)].join('\n'));
    await expect.poll(() => page.getByRole('status').textContent()).toMatch(/10 customers · 10 scored/);
    const { rows } = await exportCsv(page);
    const at = (name: string) => rows[0].indexOf(name);
    expect(rows.slice(1).map((row) => row[at('crs')])).toEqual(['55.0', '62.0', '100.0', '71.0', '48.0', '90.0', '33.0', '67.0', '80.0', '59.0']);
    expect(rows.slice(1).map((row) => row[at('crs_issues')])).toEqual(['', '', 'Engagement: 140 is outside 0–100; clamped', '', '', '', '', '', '', '']);
  });

  it('reads a semicolon-separated Windows-1252 file with decimal commas, and asks for a mapping when no column is recognised', async () => {
    const session = await journeys.open();
    const { page } = session;
    const text = 'kund;nöjdhet_score;omsättning;kundår\r\nÅsa AB;80,5;1 234,50;3\r\nÖrjan HB;40;"12 000,00";7\r\nÄrla;;n/a;1\r\n';
    await upload(page, 'kunder.csv', Buffer.from(text, 'latin1'));
    await expect.poll(() => page.getByRole('status').textContent()).toMatch(/3 customers · 0 scored/);
    await expect(page.getByRole('status').textContent()).resolves.toMatch(/WINDOWS-1252, ";"-separated, decimal comma/);
    await expect.poll(() => page.getByText('No column of this file was recognised as a factor').count()).toBe(1);
    await page.getByLabel('Satisfaction column').selectOption('nöjdhet_score');
    await expect.poll(() => page.getByRole('status').textContent()).toMatch(/3 customers · 2 scored/);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export scored CSV' }).click()]);
    expect(download.suggestedFilename()).toBe('kunder-scored.csv');
    const rows = Papa.parse<string[]>(await downloadText(download), { delimiter: ';', skipEmptyLines: true }).data;
    expect(rows).toEqual([
      ['kund', 'nöjdhet_score', 'omsättning', 'kundår', 'crs', 'crs_band', 'relationship_group', 'crs_issues'],
      ['Åsa AB', '80,5', '1 234,50', '3', '80,5', 'good', '', ''],
      ['Örjan HB', '40', '12 000,00', '7', '40,0', 'average', '', ''],
      ['Ärla', '', 'n/a', '1', '', '', '', 'not scored: no value for Satisfaction'],
    ]);
  });
});

describe('real data', () => {
  it('scores the IBM Telco churn export: blank TotalCharges are missing, never zero', async () => {
    const session = await journeys.open();
    const { page } = session;
    await page.getByLabel('Upload CSV').setInputFiles(resolve(import.meta.dirname, '../../../shared/datasets/telco-customer-churn.csv'));
    // 11 customers have TotalCharges " ": with TotalCharges the only factor found, they stay unscored.
    await expect.poll(() => page.getByRole('status').textContent()).toMatch(/7,043 customers · 7,032 scored/);
    await expect(page.getByLabel('Purchase history column').inputValue()).resolves.toBe('TotalCharges');
    await expect(page.getByLabel('Loyalty column').inputValue()).resolves.toBe('tenure');
    await expect.poll(() => page.getByText('11 customers lack a value on an axis and are in no group.').count()).toBe(1);
    // Churn = Yes for 1,869 of 7,043 customers (SOURCES.md): 26.5 %.
    await expect(page.getByRole('group', { name: 'Churn rate: 26.5 %' }).count()).resolves.toBe(1);
    const { rows } = await exportCsv(page);
    expect(rows.length).toBe(7044);
    const blank = rows.filter((row) => row[19] === ' ');
    expect(blank).toHaveLength(11);
    for (const row of blank) expect(row.slice(21)).toEqual(['', '', '', 'not scored: no value for Purchase history']);
  });
  it('on the Telco data with tenure, Contract and TechSupport mapped beside TotalCharges, applying the suggested weights raises the AUC shown', async () => {
    const session = await journeys.open();
    const { page } = session;
    await page.getByLabel('Upload CSV').setInputFiles(resolve(import.meta.dirname, '../../../shared/datasets/telco-customer-churn.csv'));
    await expect.poll(() => page.getByRole('status').textContent()).toMatch(/7,043 customers/);
    // Churn is picked as the outcome by itself: a yes is bad.
    await expect(page.getByLabel('Outcome column').inputValue()).resolves.toBe('Churn');
    await expect(page.getByLabel('A yes in it is').inputValue()).resolves.toBe('bad');
    await showPanel(page, 'Column mapping');
    await page.getByLabel('Engagement column').selectOption('tenure');
    await page.getByLabel('Satisfaction column').selectOption('Contract');
    await page.getByLabel('Support quality column').selectOption('TechSupport');
    const badge = page.getByRole('group', { name: /^AUC against Churn: / });
    const aucOf = async () => Number((await badge.getAttribute('aria-label'))?.match(/([\d.]+)$/)?.[1]);
    // The issue's figure for these columns at the default weights.
    await expect.poll(aucOf).toBe(0.784);
    await showPanel(page, 'Does the score predict the outcome?');
    await page.getByRole('button', { name: 'Suggest weights' }).click();
    const aucs = page.getByRole('table', { name: /^AUC of the CRS against Churn/ });
    await expect.poll(() => aucs.count(), { timeout: 20000 }).toBe(1);
    const row = async (name: string) =>
      (
        await aucs
          .getByRole('row', { name: new RegExp(`^${name}`) })
          .getByRole('cell')
          .allTextContents()
      ).map((text) => text.trim());
    const [currentHeldOut, currentFolds, currentAll] = await row('Current');
    const [suggestedHeldOut, suggestedFolds, suggestedAll] = await row('Suggested');
    expect(currentAll).toBe('0.784');
    // Held out, with the spread over the folds, the suggestion ranks better than the weights it replaces.
    expect(Number(suggestedHeldOut)).toBeGreaterThan(Number(currentHeldOut));
    expect(currentFolds).toMatch(/^0\.\d{3}–0\.\d{3}$/);
    expect(suggestedFolds).toMatch(/^0\.\d{3}–0\.\d{3}$/);
    await page.getByRole('button', { name: 'Apply suggested weights' }).click();
    // The AUC beside the sliders is now the suggestion's, as the panel said.
    await expect.poll(aucOf).toBe(Number(suggestedAll));
    expect(Number(suggestedAll)).toBeGreaterThan(0.784);
  });
});

describe('bad input', () => {
  const badFiles: [string, string | Buffer, RegExp][] = [
    ['empty.csv', '', /"empty\.csv" is empty/],
    ['header-only.csv', 'id,engagement_score,csat\n', /"header-only\.csv" has a header row with 3 columns but no customer rows/],
    [
      'photo.csv',
      Buffer.from([
        0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0, 0, 1, 0, 0, 0, 1, 0, 8, 6, 0, 0, 0, 0x5c, 0x72, 0xa8, 0x66, 0, 0, 0, 1, 0x73, 0x52, 0x47, 0x42, 0, 0xae,
      ]),
      /"photo\.csv" is not a CSV or a spreadsheet/,
    ],
  ];
  it.each(badFiles)('%s raises a specific alert and keeps the loaded dataset', async (name, content, message) => {
    const session = await journeys.open();
    const { page } = session;
    await loadSample(page);
    await upload(page, name, content);
    await expect.poll(() => page.getByRole('alert').textContent()).toMatch(message);
    await expect(page.getByRole('status').textContent()).resolves.toMatch(/5,000 customers · 5,000 scored · sample-customers\.csv/);
    await expect(page.getByRole('button', { name: 'Export scored CSV' }).isEnabled()).resolves.toBe(true);
  });

  it('a stray quote on row 10 of 1,000 costs that row only: 1,000 customers, a note names the row, the export flags it', async () => {
    const session = await journeys.open();
    const { page } = session;
    // Customer 10's name opens a quote that is never closed: it used to swallow the 990 rows after it.
    const lines = ['id,name,engagement_score,csat', ...Array.from({ length: 1000 }, (_, i) => `C${i + 1},${i === 9 ? '"Ann Lee' : `Name ${i + 1}`},${(i * 7) % 101},${(i % 5) + 1}`)];
    await upload(page, 'stray-quote.csv', `${lines.join('\n')}\n`);
    await expect.poll(() => page.getByRole('status').textContent()).toMatch(/1,000 customers · 1,000 scored/);
    await page.getByText(/notes? about this file/).click();
    await expect(page.getByText(/^Customer row 10 has a quote \(".*row 10 reads: C10, "Ann Lee, 63, 5/).count()).resolves.toBe(1);
    const { rows } = await exportCsv(page);
    expect(rows.length).toBe(1001);
    expect(rows[10].slice(0, 4)).toEqual(['C10', '"Ann Lee', '63', '5']);
    expect(rows[11].slice(0, 4)).toEqual(['C11', 'Name 11', '70', '1']);
    expect(rows[10][7]).toMatch(/^a quote \("\) opens a cell and runs past the end of the line/);
    expect(
      rows
        .slice(1)
        .filter((row) => row[7] !== '')
        .map((row) => row[0]),
    ).toEqual(['C10']);
    expect(rows.slice(1).every((row) => /^\d{1,3}\.\d$/.test(row[4]))).toBe(true);
  });

  it('flags ragged rows, unparsable numbers and out-of-range scores in the export without losing a cell', async () => {
    const session = await journeys.open();
    const { page } = session;
    const text = [
      'id,engagement_score,csat,note',
      '1,80,5,ok',
      '2,abc,3,"says ""hi"", twice"',
      '3,130,4',
      '4,50,2,x,extra1,extra2',
      '5,-,-,=HYPERLINK("x")',
      // Enough ordinary rows that one 130 is an outlier (≤ 1 %) in a 0–100 score column.
      ...Array.from({ length: 195 }, (_, i) => `${i + 6},${i % 101},${(i % 5) + 1},fine`),
    ].join('\n');
    await upload(page, 'messy.csv', text);
    await expect.poll(() => page.getByRole('status').textContent()).toMatch(/200 customers · 199 scored/);
    await page.getByText(/notes? about this file/).click();
    await expect(page.getByText(/2 rows have a different number of cells than the header/).count()).resolves.toBe(1);
    await expect(page.getByText(/"engagement_score": 1 cell is not a number/).count()).resolves.toBe(1);
    const { rows } = await exportCsv(page);
    expect(rows.length).toBe(201);
    expect(rows.slice(0, 6).map((row) => row.slice(0, 4))).toEqual([
      ['id', 'engagement_score', 'csat', 'note'],
      ['1', '80', '5', 'ok'],
      ['2', 'abc', '3', 'says "hi", twice'],
      ['3', '130', '4', ''],
      ['4', '50', '2', 'x'],
      ['5', '-', '-', '\'=HYPERLINK("x")'],
    ]);
    const issues = rows.map((row) => row[7]);
    expect(issues[1]).toBe('');
    expect(issues[2]).toMatch(/Engagement: "abc" is not a number; scored without Engagement/);
    expect(issues[3]).toMatch(/row has 3 of 4 cells; padded.*Engagement: 130 is outside 0–100; clamped/);
    expect(issues[4]).toMatch(/extra cells: extra1 \| extra2/);
    expect(issues[5]).toMatch(/not scored: no value for Engagement, Satisfaction/);
    // 130 clamped to 100; csat 4 on the 1–5 scale is 75: (30·100 + 30·75) / 60.
    expect(rows[3][4]).toBe('87.5');
  });
});
