// Predicted lifetime value in the browser: the fit runs in the worker on the sample's
// columns and its parameters, P(alive) and CLV are shown; nothing leaves the page.
import { describe, expect, it } from 'vitest';
import { useJourneys, showPanel } from './journey';

const journeys = useJourneys();

describe('lifetime value', () => {
  it('fits BG/NBD and Gamma-Gamma on the sample and shows P(alive) for every usable customer', async () => {
    const session = await journeys.open();
    const { page } = session;
    await page.getByRole('button', { name: 'Load sample data' }).click();
    await expect.poll(() => page.getByRole('status').textContent(), { timeout: 20000 }).toMatch(/5,000 customers · 5,000 scored/);
    const panel = page.getByRole('region', { name: 'Predicted lifetime value' });
    await expect(panel.getByLabel('Orders per customer').inputValue()).resolves.toBe('orders_12m');
    await panel.getByRole('button', { name: 'Fit lifetime value' }).click();
    const parameters = panel.getByRole('table', { name: 'Fitted parameters' });
    await expect.poll(() => parameters.count(), { timeout: 20000 }).toBe(1);
    await expect(parameters.getByRole('row', { name: /^α/ }).textContent()).resolves.toMatch(/^α\d+\.\d{3}weeks/);
    await expect(parameters.getByRole('row', { name: /^γ/ }).textContent()).resolves.toMatch(/^γ\d+\.\d{3}currency of the order value/);
    // Every customer with at least one order is in the P(alive) table.
    const counts = await panel.getByRole('table', { name: 'Customers by P(alive)' }).getByRole('cell').allTextContents();
    const total = counts.reduce((sum, text) => sum + Number(text.replace(/\D/g, '')), 0);
    const summary = await panel.getByText(/^BG\/NBD: log-likelihood/).textContent();
    expect(total).toBe(Number(/over ([\d,]+) customers/.exec(summary ?? '')?.[1].replace(/\D/g, '')));
    expect(total).toBeGreaterThan(4000);
  });

  it('a file with first and last purchase dates: RFM segments from the dates, and P(alive) from a BG/NBD fit on them', async () => {
    // 300 customers over 2025 from a seeded BG/NBD world: each buys at a rate of their own
    // and, after each purchase, may drop out for good. (Hand-made regular patterns made the
    // fit run away, which the panel now refuses to show as results.)
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const day = (d: number) => new Date(Date.UTC(2025, 0, 1) + d * 86400000).toISOString().slice(0, 10);
    const rows = ['customer_id,first_purchase,last_purchase,orders,revenue'];
    for (let i = 0; i < 300; i++) {
      const start = Math.floor(random() * 120);
      const weeklyRate = -Math.log(1 - random()) / 8;
      const dropOut = random() * 0.5;
      let t = start;
      let last = start;
      let orders = 1;
      while (random() >= dropOut) {
        t += (-Math.log(1 - random()) / weeklyRate) * 7;
        if (t > 364) break;
        last = Math.floor(t);
        orders++;
      }
      rows.push(`C${i},${day(start)},${day(last)},${orders},${orders * (30 + (i % 40))}`);
    }
    const session = await journeys.open();
    const { page } = session;
    await page.getByLabel('Upload CSV').setInputFiles({ name: 'purchases.csv', mimeType: 'text/csv', buffer: Buffer.from(rows.join('\n') + '\n') });
    await expect.poll(() => page.getByRole('status').textContent(), { timeout: 20000 }).toMatch(/300 customers/);
    // RFM: recency from the last purchase date; every customer in one segment.
    await showPanel(page, 'RFM segments');
    const segments = page.getByRole('table', { name: /^Customers per RFM segment/ });
    await expect.poll(() => segments.count(), { timeout: 20000 }).toBe(1);
    const counts = await segments.getByRole('row').evaluateAll((trs) => trs.slice(1).map((tr) => Number(tr.children[1]?.textContent?.replace(/\D/g, '') ?? 0)));
    expect(counts.reduce((a, b) => a + b, 0)).toBe(300);
    // Lifetime value from the dates.
    const panel = page.getByRole('region', { name: 'Predicted lifetime value' });
    await expect(panel.getByLabel('First purchase date').inputValue()).resolves.toBe('first_purchase');
    await expect(panel.getByLabel('Last purchase date').inputValue()).resolves.toBe('last_purchase');
    await panel.getByRole('button', { name: 'Fit lifetime value' }).click();
    const alive = panel.getByRole('table', { name: 'Customers by P(alive)' });
    await expect.poll(() => alive.count(), { timeout: 20000 }).toBe(1);
    const byBin = (await alive.getByRole('cell').allTextContents()).map((text) => Number(text.replace(/\D/g, '')));
    expect(byBin.reduce((a, b) => a + b, 0)).toBe(300);
    // Customers silent for 200 days are less likely alive: not everyone lands in the top bin.
    expect(byBin[9]).toBeLessThan(300);

    // The grid: first on revenue × orders (columns), then on predicted CLV × P(alive) from the fit.
    const grid = page.getByRole('region', { name: 'Relationship groups' });
    const cellCounts = async () => {
      const labels = await grid.getByRole('group').evaluateAll((els) => els.filter((el) => el.classList.contains('group-cell')).map((el) => el.getAttribute('aria-label') ?? ''));
      return Object.fromEntries(labels.map((label) => [label.split(':')[0], Number(label.replace(/\D/g, ''))]));
    };
    await showPanel(page, 'Relationship groups');
    // first_purchase (a date) is the loyalty axis by itself, so the grid is drawn and its axes folded away: open them.
    await grid.getByText(/^Axes: revenue × first_purchase \(months to \d{4}-\d{2}-\d{2}\)/).click();
    await grid.getByLabel('Profitability axis').selectOption({ label: 'revenue' });
    await grid.getByLabel('Loyalty axis').selectOption({ label: 'orders' });
    await expect.poll(async () => Object.keys(await cellCounts()).length, { timeout: 20000 }).toBe(4);
    const byColumns = await cellCounts();
    expect(Object.values(byColumns).reduce((a, b) => a + b, 0)).toBe(300);
    await grid.getByLabel('Profitability axis').selectOption({ label: 'Predicted CLV' });
    await grid.getByLabel('Loyalty axis').selectOption({ label: 'P(alive)' });
    // The axis titles name the predictions (the hidden export image repeats them, so the visible one is taken).
    await expect.poll(() => grid.getByText('Loyalty (P(alive))').first().isVisible(), { timeout: 20000 }).toBe(true);
    await expect.poll(async () => JSON.stringify(await cellCounts()), { timeout: 20000 }).not.toBe(JSON.stringify(byColumns));
    const byPrediction = await cellCounts();
    await expect(grid.getByText('Profitability (Predicted CLV (12 months))').first().isVisible()).resolves.toBe(true);
    // Every customer with a prediction is in a cell; the rest are counted as in no group.
    const ungrouped = Number((await grid.getByText(/lack a value on an axis/).allTextContents()).join('').replace(/\D/g, '') || 0);
    expect(Object.values(byPrediction).reduce((a, b) => a + b, 0) + ungrouped).toBe(300);
    // Silent customers (P(alive) lower) are short-term: the long-term column does not hold everyone.
    expect(byPrediction['Strangers'] + byPrediction['Butterflies']).toBeGreaterThan(0);
    // 3×3 on the same axes: nine cells, the same customers.
    await grid.getByRole('radio', { name: '3×3' }).check();
    await expect.poll(async () => Object.keys(await cellCounts()).length, { timeout: 20000 }).toBe(9);
    const nine = await cellCounts();
    expect(Object.values(nine).reduce((a, b) => a + b, 0)).toBe(Object.values(byPrediction).reduce((a, b) => a + b, 0));
    await grid.screenshot({ path: 'test-results/grid-clv-palive-3x3.png' });
  });

  it('an age column in weeks fits in weeks without touching the unit, and recovers the purchase rate it was simulated with', async () => {
    // 600 customers from a seeded BG/NBD world counted in weeks: rates Gamma(r 1, α 8), so r / α = 0.125
    // purchases a week; after each repeat purchase a customer drops out with a chance of their own.
    let seed = 11;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const exponential = (rate: number) => -Math.log(1 - random()) / rate;
    const rows = ['customer_id,orders,age_weeks,days_since_last_purchase,avg_order_value'];
    for (let i = 0; i < 600; i++) {
      const age = 20 + Math.floor(random() * 33);
      const rate = exponential(8); // Gamma(1, 8)
      const dropOut = random() * 0.4;
      let t = 0;
      let last = 0;
      let repeats = 0;
      for (;;) {
        t += exponential(rate);
        if (t > age) break;
        repeats++;
        last = t;
        if (random() < dropOut) break;
      }
      rows.push(`C${i},${repeats + 1},${age},${Math.round((age - last) * 7)},${(30 + random() * 40).toFixed(2)}`);
    }
    const session = await journeys.open();
    const { page } = session;
    await page.getByLabel('Upload CSV').setInputFiles({ name: 'weeks.csv', mimeType: 'text/csv', buffer: Buffer.from(rows.join('\n') + '\n') });
    await expect.poll(() => page.getByRole('status').textContent(), { timeout: 20000 }).toMatch(/600 customers/);
    await showPanel(page, 'Predicted lifetime value');
    const panel = page.getByRole('region', { name: 'Predicted lifetime value' });
    await panel.getByLabel('Orders per customer').selectOption('orders');
    await panel.getByLabel('Customer age (since first purchase)').selectOption('age_weeks');
    await expect(panel.getByLabel('Age is in').inputValue()).resolves.toBe('weeks');
    await panel.getByRole('button', { name: 'Fit lifetime value' }).click();
    const parameters = panel.getByRole('table', { name: 'Fitted parameters' });
    await expect.poll(() => parameters.count(), { timeout: 20000 }).toBe(1);
    await expect(panel.getByRole('group', { name: /^Customers likely still active/ }).count()).resolves.toBe(1);
    const alpha = await parameters.getByRole('row', { name: /^α/ }).textContent();
    const perWeek = Number(/about r \/ α = ([\d.]+) times a week/.exec(alpha ?? '')?.[1]);
    // Read as months, the same file gives about 0.03 (every age 4.35 times too long).
    expect(perWeek).toBeGreaterThan(0.09);
    expect(perWeek).toBeLessThan(0.17);
  });
});
