// From score to action on the sample: each band's playbook, the at-risk customers as a list
// that exports, and a band × group cell as a list in the customer table.
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import Papa from 'papaparse';
import { useJourneys, showPanel } from './journey';

const journeys = useJourneys();

describe('from score to action', () => {
  it('lists the at-risk customers in the table with one click and exports exactly them; a band × group count lists its customers', async () => {
    const { page } = await journeys.open();
    await page.getByRole('button', { name: 'Load sample data' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toMatch(/5,000 customers · 5,000 scored/);
    const atRiskTile = Number(((await page.getByRole('group', { name: /^At risk: / }).getAttribute('aria-label')) ?? '').replace(/\D/g, ''));
    expect(atRiskTile).toBeGreaterThan(0);
    await showPanel(page, 'From score to action');
    const panel = page.getByRole('region', { name: 'From score to action' });
    const playbooks = panel.getByRole('table', { name: 'What to do with each band' });
    await expect(playbooks.getByRole('row', { name: /^Poor/ }).textContent()).resolves.toMatch(/Intervene now/);
    await expect(playbooks.getByRole('row', { name: /^Good/ }).textContent()).resolves.toMatch(/Reward and expand/);
    await expect(panel.getByText(/^At risk: /).textContent()).resolves.toBe(`At risk: ${atRiskTile.toLocaleString('en-US')}`);

    await panel.getByRole('button', { name: 'List the at-risk customers' }).click();
    const table = page.getByRole('region', { name: 'Customers' });
    await expect.poll(() => table.getByText(/customers shown$/).textContent()).toBe(`${atRiskTile.toLocaleString('en-US')} customers shown`);
    await expect(table.getByRole('button', { name: 'Clear filter: revenue above the median (at risk)' }).count()).resolves.toBe(1);
    // Focus went to the table, so a keyboard user lands where the list is.
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('customers-title');
    const [download] = await Promise.all([page.waitForEvent('download'), table.getByRole('button', { name: 'Export this view (CSV)' }).click()]);
    const text = (await readFile(await download.path(), 'utf8')).replace(/^\uFEFF/, '');
    const rows = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true }).data;
    expect(rows).toHaveLength(atRiskTile);
    expect(rows.every((row) => row.crs_band === 'poor')).toBe(true);

    // A band × group count: the poor butterflies.
    await showPanel(page, 'From score to action');
    const cell = panel.getByRole('button', { name: /^List the [\d,]+ poor butterflies$/ });
    const count = Number(((await cell.getAttribute('aria-label')) ?? '').replace(/\D/g, ''));
    await cell.click();
    await expect.poll(() => table.getByText(/customers shown$/).textContent()).toBe(`${count.toLocaleString('en-US')} customers shown`);
    await expect(table.getByRole('button', { name: 'Clear filter: Butterflies' }).count()).resolves.toBe(1);
    await expect(table.getByRole('button', { name: 'Clear filter: Poor' }).count()).resolves.toBe(1);
  });
});
