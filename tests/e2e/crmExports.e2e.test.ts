// Files shaped like what users bring from their CRM, loaded untouched: a Salesforce accounts
// export, a HubSpot contacts export, a report export with a title above its header, and the
// same accounts as .xlsx. Each must draw the relationship grid with no mapping touched.
import { describe, expect, it } from 'vitest';
import * as XLSX from '@e965/xlsx';
import type { Page } from 'playwright-core';
import { useJourneys, showPanel } from './journey';
import { csv, hubspotRows, salesforceRows } from './crmFiles';

const journeys = useJourneys();

async function upload(page: Page, name: string, buffer: Buffer, mimeType = 'text/csv'): Promise<void> {
  await page.getByLabel('Upload CSV').setInputFiles({ name, mimeType, buffer });
}

/** The grid's cells, "Strangers: 12 customers" → { Strangers: 12 }. */
async function gridCells(page: Page): Promise<Record<string, number>> {
  const labels = await page
    .getByRole('region', { name: 'Relationship groups' })
    .getByRole('group')
    .evaluateAll((els) => els.filter((el) => el.classList.contains('group-cell')).map((el) => el.getAttribute('aria-label') ?? ''));
  return Object.fromEntries(labels.map((label) => [label.split(':')[0], Number(label.split(':')[1].replace(/\D/g, ''))]));
}

/** Every customer in one of the four cells, each cell holding some: the grid is drawn. */
async function expectGridDrawn(page: Page, customers: number): Promise<void> {
  await showPanel(page, 'Relationship groups');
  await expect.poll(async () => Object.keys(await gridCells(page)).length, { timeout: 20000 }).toBe(4);
  const cells = await gridCells(page);
  expect(Object.values(cells).reduce((a, b) => a + b, 0)).toBe(customers);
  expect(Object.values(cells).every((count) => count > 0)).toBe(true);
}

describe('CRM exports, untouched', () => {
  it('a Salesforce-shaped accounts export: grid on Annual Revenue × Customer Since, Open Cases as support (higher is worse), Last Activity for recency', async () => {
    const { page } = await journeys.open();
    await upload(page, 'accounts.csv', Buffer.from(csv(salesforceRows(300))));
    await expect.poll(() => page.getByRole('status').textContent(), { timeout: 20000 }).toMatch(/300 customers · 300 scored/);
    await expectGridDrawn(page, 300);
    const grid = page.getByRole('region', { name: 'Relationship groups' });
    await expect(
      grid
        .getByText(/^Loyalty \(Customer Since \(months to \d{4}-\d{2}-\d{2}\)\)/)
        .first()
        .isVisible(),
    ).resolves.toBe(true);
    await expect(page.getByRole('status').textContent()).resolves.toMatch(/decimal point/);
    await showPanel(page, 'Column mapping');
    await expect(page.getByLabel('Support quality column').inputValue()).resolves.toBe('Open Cases');
    await expect(page.getByLabel('Engagement column').inputValue()).resolves.toBe('Last Activity');
    await showPanel(page, 'RFM segments');
    await expect(
      page
        .getByRole('region', { name: 'RFM segments' })
        .getByLabel(/^Recency column/)
        .inputValue(),
    ).resolves.toBe('Last Activity');
  });

  it('a HubSpot-shaped contacts export: grid on Total Revenue × Became a Customer Date', async () => {
    const { page } = await journeys.open();
    await upload(page, 'hubspot-contacts.csv', Buffer.from(csv(hubspotRows(250))));
    await expect.poll(() => page.getByRole('status').textContent(), { timeout: 20000 }).toMatch(/250 customers · 250 scored/);
    await expectGridDrawn(page, 250);
    await showPanel(page, 'Column mapping');
    await expect(page.getByLabel('Loyalty column').inputValue()).resolves.toBe('Became a Customer Date');
    await expect(page.getByLabel('Engagement column').inputValue()).resolves.toBe('Number of Sessions');
  });

  it('a report export with a title and a date line above the header: the header is found, the status says where, and another row can be chosen', async () => {
    const { page } = await journeys.open();
    const text = `Accounts with CSAT\r\nGenerated 12/1/2026, 9:00 AM\r\n\r\n${csv(salesforceRows(120))}`;
    await upload(page, 'report.csv', Buffer.from(text));
    await expect.poll(() => page.getByRole('status').textContent(), { timeout: 20000 }).toMatch(/120 customers · 120 scored .*header on line 4/);
    await expectGridDrawn(page, 120);
    const headerRow = page.getByLabel('Header row');
    await expect(headerRow.locator('option:checked').textContent()).resolves.toMatch(/^Line 4: Account ID, Annual Revenue/);
    // Choosing the title instead reads the file again with it as the header: one column, nothing scored.
    await headerRow.selectOption({ label: 'Line 1: Accounts with CSAT' });
    await expect.poll(() => page.getByRole('status').textContent(), { timeout: 20000 }).toMatch(/ 0 scored/);
    await page.getByLabel('Header row').selectOption({ index: 2 });
    await expect.poll(() => page.getByRole('status').textContent(), { timeout: 20000 }).toMatch(/120 customers · 120 scored/);
  });

  it('the accounts as an .xlsx workbook with a cover sheet: dates and numbers from the cells, the grid drawn, sheets listed', async () => {
    const rows = salesforceRows(200);
    // Typed cells, as Excel holds them: numbers, dates and booleans, not text.
    const date = (text: string) => {
      const [month, dayOfMonth, year] = text.split('/').map(Number);
      return new Date(Date.UTC(year, month - 1, dayOfMonth));
    };
    const typed = rows.map((row, r) => (r === 0 ? row : row.map((cell, c) => ([1, 5, 6, 7].includes(c) ? Number(cell) : c === 2 || c === 8 ? date(cell) : c === 9 ? cell === 'true' : cell))));
    const book = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet([['Exported from Salesforce'], ['for the quarterly review']]), 'Cover');
    XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet(typed, { cellDates: true }), 'Accounts');
    const bytes = Buffer.from(XLSX.write(book, { type: 'array', bookType: 'xlsx' }) as ArrayBuffer);
    const { page } = await journeys.open();
    await upload(page, 'accounts.xlsx', bytes, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    await expect.poll(() => page.getByRole('status').textContent(), { timeout: 20000 }).toMatch(/200 customers · 200 scored .*accounts\.xlsx \(sheet "Accounts"/);
    await expectGridDrawn(page, 200);
    await expect(page.getByLabel('Sheet').locator('option').allTextContents()).resolves.toEqual(['Cover', 'Accounts']);
  });

  it('a Salesforce-shaped opportunities export: close rate and average stage length tiles, no mapping touched', async () => {
    // 12 opportunities: 6 closed won, 3 closed lost, 3 open (close rate 6 / 9 = 66.7 %); 2 days in stage on average.
    const stages = ['Closed Won', 'Closed Won', 'Closed Lost', 'Prospecting', 'Closed Won', 'Negotiation/Review', 'Closed Lost', 'Closed Won', 'Closed Won', 'Qualification', 'Closed Lost', 'Closed Won'];
    const lines = ['Opportunity ID,Account Name,Amount,Stage,Days in Stage,Engagement Score,Close Date'];
    stages.forEach((stage, i) => lines.push(`0065g${i},Acme ${i},${(i + 1) * 1000},${stage},${stage.startsWith('Closed') ? 0 : 8},${40 + i * 5},12/${i + 1}/2026`));
    const { page } = await journeys.open();
    await upload(page, 'opportunities.csv', Buffer.from(lines.join('\r\n') + '\r\n'));
    await expect.poll(() => page.getByRole('status').textContent(), { timeout: 20000 }).toMatch(/12 customers · 12 scored/);
    await expect(page.getByRole('group', { name: 'Close rate: 66.7 %' }).count()).resolves.toBe(1);
    await expect(page.getByRole('group', { name: /^Average stage length: 2(\.0)? days$/ }).count()).resolves.toBe(1);
  });
});
