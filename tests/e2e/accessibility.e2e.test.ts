// Keyboard and screen-reader users: axe-core (WCAG 2.1 A/AA and best practice) on every state a
// user reaches, in both themes and at desktop and phone widths; a keyboard-only journey; focus
// after a load and after Clear data; and the 3:1 edge of every form field, which axe does not check.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { showPanel, useJourneys } from './journey';
import { seriousViolations } from './axe';

const journeys = useJourneys();
async function loadSampleByButton(page: Page) {
  await page.getByRole('button', { name: 'Load sample data' }).click();
  await expect.poll(() => page.getByRole('status').textContent()).toMatch(/5,000 customers · 5,000 scored/);
}

/** Scrolls every panel into view once, so each has drawn its figures (panels off screen hold placeholders). */
async function showEveryPanel(page: Page) {
  const names = await page
    .locator('main section[aria-labelledby]')
    .evaluateAll((sections) => sections.map((section) => document.getElementById(section.getAttribute('aria-labelledby') ?? '')?.textContent ?? ''));
  for (const name of names) if (name !== '' && !name.startsWith('Score explanation')) await showPanel(page, name);
  await page.evaluate(() => window.scrollTo(0, 0));
}

/** Elements a Tab can reach inside a chart image: hidden from screen readers, and a Tab stop with no name. */
const focusablesInImages = (page: Page) =>
  page.evaluate(() => [...document.querySelectorAll('[role=img] :is([tabindex]:not([tabindex="-1"]), a[href], button, input, select, textarea)')].map((element) => element.outerHTML.slice(0, 80)));

/** Where focus is: the name of the panel (region) holding it, or the focused element's own name. */
const focusedIn = (page: Page) =>
  page.evaluate(() => {
    const active = document.activeElement;
    const section = active?.closest('section[aria-labelledby]');
    return section ? (document.getElementById(section.getAttribute('aria-labelledby') ?? '')?.textContent ?? '') : '';
  });

describe('axe-core finds no serious or critical violation', () => {
  for (const colorScheme of ['light', 'dark'] as const) {
    for (const width of [1440, 390]) {
      it(`${colorScheme}, ${width} px: empty page, loaded sample, a selected customer, the More menu`, async () => {
        const { page } = await journeys.open({ colorScheme, width, height: width > 400 ? 900 : 844 });
        await expect(seriousViolations(page)).resolves.toEqual([]);
        await loadSampleByButton(page);
        await showEveryPanel(page);
        await expect(seriousViolations(page)).resolves.toEqual([]);
        // The ROC curve is drawn by recharts, whose charts are a Tab stop unless told otherwise.
        await showPanel(page, 'Does the score predict the outcome?');
        await expect
          .poll(() =>
            page
              .getByRole('img', { name: /^ROC curve/ })
              .locator('svg')
              .count(),
          )
          .toBeGreaterThan(0);
        await expect(focusablesInImages(page)).resolves.toEqual([]);
        await showPanel(page, 'Customers');
        await page.getByRole('grid', { name: 'Customer list', exact: true }).getByRole('row').nth(1).click();
        await expect.poll(() => page.getByRole('region', { name: /^Score explanation: / }).count()).toBe(1);
        await expect(seriousViolations(page)).resolves.toEqual([]);
        await page.evaluate(() => window.scrollTo(0, 0));
        await page.getByRole('button', { name: 'More' }).click();
        await expect.poll(() => page.getByRole('group', { name: 'More' }).isVisible()).toBe(true);
        await expect(seriousViolations(page)).resolves.toEqual([]);
      });
    }
  }
});

describe('keyboard only', () => {
  it('loads the sample, moves a weight, and reaches the RFM panel and Column mapping in under 60 Tab presses', async () => {
    const { page } = await journeys.open();
    let tabs = 0;
    const tab = async (times = 1, shift = false) => {
      for (let i = 0; i < times; i++) await page.keyboard.press(shift ? 'Shift+Tab' : 'Tab');
      tabs += times;
    };
    // The empty page starts at the upload button; the sample is the next stop.
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Upload CSV');
    await tab();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('status').textContent()).toMatch(/5,000 customers · 5,000 scored/);
    // Focus moves to the dashboard's heading, then its contents lead to each panel.
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Dashboard');
    const contents = page.getByRole('navigation', { name: 'Dashboard' });
    await tab();
    await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toBe('Weights');
    await page.keyboard.press('Enter');
    await tab(2);
    const engagement = page.getByRole('slider', { name: 'Engagement weight' });
    await expect(engagement.evaluate((element) => element === document.activeElement)).resolves.toBe(true);
    const before = await page.getByRole('group', { name: /^Mean CRS/ }).textContent();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await expect(engagement.inputValue()).resolves.toBe('32');
    await expect.poll(() => page.getByRole('group', { name: /^Mean CRS/ }).textContent()).not.toBe(before);
    // Back to the contents (Reset weights, then the last link), and on to RFM.
    await tab(2, true);
    await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toBe('Column mapping');
    await tab(4, true);
    await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toBe('RFM');
    await page.keyboard.press('Enter');
    await tab();
    await expect(focusedIn(page)).resolves.toBe('RFM segments');
    await expect(page.getByRole('region', { name: 'RFM segments' }).isVisible()).resolves.toBe(true);
    // Then to Column mapping by tabbing on, as a user reading down the page would.
    while ((await focusedIn(page)) !== 'Column mapping' && tabs < 60) await tab();
    expect(tabs).toBeLessThan(60);
    await expect(page.evaluate(() => (document.activeElement as HTMLSelectElement | null)?.labels?.[0]?.textContent)).resolves.toMatch(/^Engagement column/);
    expect(await contents.getByRole('link').count()).toBeGreaterThan(10);
  });

  it('puts focus back on the upload button after Clear data', async () => {
    const { page } = await journeys.open();
    await loadSampleByButton(page);
    await page.getByRole('button', { name: 'Clear data' }).click();
    await page.getByRole('button', { name: 'Yes, clear' }).click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Upload CSV');
  });
});

describe('form fields', () => {
  for (const colorScheme of ['light', 'dark'] as const) {
    it(`have an edge of at least 3:1 against what is behind them (${colorScheme})`, async () => {
      const { page } = await journeys.open({ colorScheme });
      await loadSampleByButton(page);
      await showEveryPanel(page);
      const weakest = await page.evaluate(() => {
        const rgb = (color: string) => (color.match(/[\d.]+/g) ?? []).map(Number);
        const luminance = ([r, g, b]: number[]) => {
          const linear = (v: number) => (v / 255 <= 0.03928 ? v / 255 / 12.92 : ((v / 255 + 0.055) / 1.055) ** 2.4);
          return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
        };
        const ratio = (a: number[], b: number[]) => {
          const [high, low] = [luminance(a), luminance(b)].sort((x, y) => y - x);
          return (high + 0.05) / (low + 0.05);
        };
        // What is behind a field: the nearest ancestor with an opaque background.
        const behind = (element: Element) => {
          for (let node = element.parentElement; node; node = node.parentElement) {
            const parts = rgb(getComputedStyle(node).backgroundColor);
            if (parts.length === 3 || (parts.length === 4 && parts[3] === 1)) return parts.slice(0, 3);
          }
          return rgb(getComputedStyle(document.documentElement).backgroundColor).slice(0, 3);
        };
        const fields = [...document.querySelectorAll('select, input:not([type=checkbox], [type=radio], [type=range], [type=file], [type=hidden])')].filter((field) => field.getClientRects().length > 0);
        return fields
          .map((field) => ({
            field: field.getAttribute('aria-label') ?? (field as HTMLInputElement).labels?.[0]?.textContent ?? field.outerHTML.slice(0, 60),
            contrast: ratio(rgb(getComputedStyle(field).borderTopColor).slice(0, 3), behind(field)),
          }))
          .sort((a, b) => a.contrast - b.contrast)
          .slice(0, 3);
      });
      expect(weakest.length).toBeGreaterThan(0);
      expect(weakest[0].contrast, weakest[0].field).toBeGreaterThanOrEqual(3);
    });
  }
});
