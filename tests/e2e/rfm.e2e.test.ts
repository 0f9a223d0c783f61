// The RFM journey on the sample: segments auto-mapped, their counts adding up to every
// customer, and a segment filtering the customer table until its chip clears it.
import { describe, expect, it } from 'vitest';
import { useJourneys, showPanel } from './journey';

const journeys = useJourneys();

describe('RFM segments', () => {
  it('segments the sample: counts sum to 5,000, and a segment filters the customer table', async () => {
    const session = await journeys.open();
    const { page } = session;
    await page.getByRole('button', { name: 'Load sample data' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toMatch(/5,000 customers · 5,000 scored/);
    const panel = page.getByRole('region', { name: 'RFM segments' });
    await showPanel(page, 'RFM segments');
    await expect(panel.getByLabel(/^Recency column/).inputValue()).resolves.toBe('days_since_last_purchase');
    await expect(panel.getByLabel(/^Frequency column/).inputValue()).resolves.toBe('orders_12m');
    await expect(panel.getByLabel(/^Monetary column/).inputValue()).resolves.toBe('total_revenue');
    const table = panel.getByRole('table', { name: /Customers per RFM segment/ });
    await expect.poll(() => table.count()).toBe(1);
    const counts = await table.locator('tbody tr').evaluateAll((rows) => rows.map((row) => Number((row.children[1]?.textContent ?? '').replace(/\D/g, ''))));
    expect(counts).toHaveLength(11);
    const caption = (await table.locator('caption').textContent()) ?? '';
    const unscored = Number(caption.match(/([\d,]+) without/)?.[1].replace(/\D/g, '') ?? 0);
    expect(counts.reduce((a, b) => a + b, 0) + unscored).toBe(5000);
    await expect(panel.getByRole('table', { name: /Mean total_revenue per R × F cell/ }).count()).resolves.toBe(1);

    const champions = counts[0];
    expect(champions).toBeGreaterThan(0);
    const tile = (name: string) => page.getByRole('group', { name: new RegExp(`^${name}: `) }).getAttribute('aria-label');
    const meanBefore = await tile('Mean CRS');
    const gridTotal = async () => {
      const labels = await page
        .getByRole('region', { name: 'Relationship groups' })
        .getByRole('group')
        .evaluateAll((els) => els.filter((el) => el.classList.contains('group-cell')).map((el) => el.getAttribute('aria-label') ?? ''));
      return labels.reduce((sum, label) => sum + Number(label.split(':')[1].replace(/\D/g, '')), 0);
    };
    const gridBefore = await gridTotal();
    await panel.getByRole('button', { name: 'Filter the dashboard to Champions' }).click();
    const count = champions.toLocaleString('en-US');
    await showPanel(page, 'Customers');
    await expect.poll(() => page.getByText(/customers shown$/).textContent()).toBe(`${count} customers shown`);
    // Every view follows the segment: the banner, the Customers tile, the grid, the distribution and the mean (scrolled up to, as a user would).
    await page.getByRole('group', { name: /^Customers: / }).scrollIntoViewIfNeeded();
    await expect.poll(() => page.getByRole('status', { name: 'Dashboard filter' }).textContent()).toMatch(new RegExp(`Showing RFM segment Champions: ${count} of 5,000 customers`));
    await expect.poll(() => tile('Customers')).toBe(`Customers: ${count}`);
    expect(await gridTotal()).toBeLessThanOrEqual(champions);
    expect(await gridTotal()).toBeLessThan(gridBefore);
    // The sample scores every customer, so the histogram holds the whole segment.
    await expect(page.getByRole('img', { name: /^Histogram of CRS\./ }).getAttribute('aria-label')).resolves.toContain(`${count} scored customers`);
    expect(await tile('Mean CRS')).not.toBe(meanBefore);
    await page.getByRole('button', { name: 'Clear filter: Champions' }).click();
    // The chip is by the table: clicking it can scroll the tiles off screen, where they wait to be shown again.
    await page.getByRole('group', { name: /^Customers: / }).scrollIntoViewIfNeeded();
    await expect.poll(() => tile('Customers')).toBe('Customers: 5,000');
    await expect.poll(() => tile('Mean CRS')).toBe(meanBefore);
    expect(await gridTotal()).toBe(gridBefore);
    await showPanel(page, 'Customers');
    await expect.poll(() => page.getByText(/customers shown$/).textContent()).toBe('5,000 customers shown');
  });

  it('on an export where 60 % bought once, one-time buyers are F1: Hibernating and Lost fill, At risk does not take 40 %', async () => {
    const session = await journeys.open();
    const { page } = session;
    const rows = Array.from({ length: 1000 }, (_, i) => `${i + 1},${((i * 7919) % 1000) + 1},${i % 10 < 6 ? 1 : 2 + (i % 8)},${100 + (i % 37)}`);
    await page.getByLabel('Upload CSV').setInputFiles({ name: 'orders.csv', mimeType: 'text/csv', buffer: Buffer.from(['id,days_since_last_purchase,orders,revenue', ...rows].join('\n')) });
    await expect.poll(() => page.getByRole('status').textContent()).toMatch(/1,000 customers/);
    const panel = page.getByRole('region', { name: 'RFM segments' });
    await showPanel(page, 'RFM segments');
    const table = panel.getByRole('table', { name: /Customers per RFM segment/ });
    await expect.poll(() => table.count()).toBe(1);
    const counts = Object.fromEntries(
      await table.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [tr.children[0]?.textContent ?? '', Number((tr.children[1]?.textContent ?? '').replace(/\D/g, ''))])),
    ) as Record<string, number>;
    expect(counts['Hibernating']).toBeGreaterThan(50);
    expect(counts['Lost']).toBeGreaterThan(50);
    expect(counts['At risk']).toBeLessThan(200);
    expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBe(1000);
  });
});
