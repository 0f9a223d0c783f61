// The RFM journey on the sample: segments auto-mapped, their counts adding up to every
// customer, and a segment filtering the customer table until its chip clears it.
import { describe, expect, it } from 'vitest';
import { useJourneys } from './journey';

const journeys = useJourneys();

describe('RFM segments', () => {
  it('segments the sample: counts sum to 5,000, and a segment filters the customer table', async () => {
    const session = await journeys.open();
    const { page } = session;
    await page.getByRole('button', { name: 'Load sample data' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toMatch(/5,000 customers · 5,000 scored/);
    const panel = page.getByRole('region', { name: 'RFM segments' });
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
    await panel.getByRole('button', { name: 'Show Champions in the table' }).click();
    await expect.poll(() => page.getByText(/customers shown$/).textContent()).toBe(`${champions.toLocaleString('en-US')} customers shown`);
    await page.getByRole('button', { name: 'Clear filter: Champions' }).click();
    await expect.poll(() => page.getByText(/customers shown$/).textContent()).toBe('5,000 customers shown');
  });
});
