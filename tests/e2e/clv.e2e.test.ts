// Predicted lifetime value in the browser: the fit runs in the worker on the sample's
// columns and its parameters, P(alive) and CLV are shown; nothing leaves the page.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, openApp, serveDist } from './harness';

let browser: Browser;
let server: Awaited<ReturnType<typeof serveDist>>;

beforeAll(async () => {
  server = await serveDist();
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('lifetime value', () => {
  it('fits BG/NBD and Gamma-Gamma on the sample and shows P(alive) for every usable customer', async () => {
    const session = await openApp(browser, server.url);
    const { page } = session;
    await page.getByRole('button', { name: 'Load sample data' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toMatch(/5,000 customers · 5,000 scored/);
    const panel = page.getByRole('region', { name: 'Predicted lifetime value' });
    await expect(panel.getByLabel('Orders per customer').inputValue()).resolves.toBe('orders_12m');
    await panel.getByRole('button', { name: 'Fit lifetime value' }).click();
    const parameters = panel.getByRole('table', { name: 'Fitted parameters' });
    await expect.poll(() => parameters.count(), { timeout: 20000 }).toBe(1);
    await expect(parameters.getByRole('row', { name: /^BG\/NBD/ }).textContent()).resolves.toMatch(/r \d+\.\d{3}, α \d+\.\d{3}, a \d+\.\d{3}, b \d+\.\d{3}/);
    // Every customer with at least one order is in the P(alive) table.
    const counts = await panel.getByRole('table', { name: 'Customers by P(alive)' }).getByRole('cell').allTextContents();
    const total = counts.reduce((sum, text) => sum + Number(text.replace(/\D/g, '')), 0);
    const bgnbd = await parameters.getByRole('row', { name: /^BG\/NBD/ }).getByRole('cell').last().textContent();
    expect(total).toBe(Number(bgnbd?.replace(/\D/g, '')));
    expect(total).toBeGreaterThan(4000);
    expect(session.errors).toEqual([]);
    expect(session.foreignRequests).toEqual([]);
    await session.context.close();
  });
});
