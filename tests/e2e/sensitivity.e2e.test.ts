// The sensitivity journey on the sample: analyse on demand, read the tornado's table and
// the Spearman figure, then see the selected customer's stability in the explanation.
import { describe, expect, it } from 'vitest';
import { useJourneys, showPanel } from './journey';

const journeys = useJourneys();

describe('sensitivity', () => {
  it('analyses the sample: one tornado row per mapped factor, a Spearman between 0 and 1, and a stability line for a customer', async () => {
    const session = await journeys.open();
    const { page } = session;
    await page.getByRole('button', { name: 'Load sample data' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toMatch(/5,000 customers · 5,000 scored/);
    const panel = page.getByRole('region', { name: 'Sensitivity' });
    await panel.getByRole('button', { name: 'Analyse sensitivity' }).click();
    const table = panel.getByRole('table', { name: /Each weight moved 10 points/ });
    await expect.poll(() => table.count()).toBe(1);
    // The mapped factors are the explanation's factor lines once a customer is chosen; the sample maps four.
    const rows = await table.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => tr.querySelector('th')?.textContent ?? ''));
    expect(rows).toHaveLength(4);
    await expect(panel.getByRole('img', { name: /Customers changing band/ }).count()).resolves.toBe(1);
    const summary = await panel.getByText(/^Rank stability/).textContent();
    const rho = Number(summary?.match(/Spearman ([\d.]+) on average/)?.[1]);
    expect(rho).toBeGreaterThan(0);
    expect(rho).toBeLessThanOrEqual(1);

    await showPanel(page, 'Customers');
    await page.getByRole('grid', { name: 'Customer list', exact: true }).getByRole('row').nth(1).click();
    const explanation = page.getByRole('region', { name: /^Score explanation: / });
    await expect.poll(() => explanation.getByText(/nearby models/).count()).toBe(1);
    await expect(explanation.getByRole('listitem').count()).resolves.toBe(rows.length);
  });
});
