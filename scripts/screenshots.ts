// Screenshots of the built app for the README and for review: sample data loaded, at
// 1440×900 and 390×844, light and dark. Run: npm run screenshots
import { launch, openApp, serveDist } from '../tests/e2e/harness';

const OUT = new URL('../docs/screenshots/', import.meta.url).pathname;
const VIEWS = [
  { name: 'desktop-light', width: 1440, height: 900, colorScheme: 'light' },
  { name: 'desktop-dark', width: 1440, height: 900, colorScheme: 'dark' },
  { name: 'mobile-light', width: 390, height: 844, colorScheme: 'light' },
  { name: 'mobile-dark', width: 390, height: 844, colorScheme: 'dark' },
] as const;

const server = await serveDist();
const browser = await launch();
try {
  for (const view of VIEWS) {
    const session = await openApp(browser, server.url, view);
    if (view.name === 'desktop-light') await session.page.screenshot({ path: `${OUT}empty.png` });
    await session.page.getByRole('button', { name: 'Load sample data' }).click();
    await session.page
      .getByRole('status')
      .getByText(/5,000 scored/)
      .waitFor();
    await session.page.mouse.move(0, 0);
    await session.page.waitForTimeout(300);
    await session.page.screenshot({ path: `${OUT}${view.name}.png` });
    if (view.name === 'desktop-light') {
      // The whole page: tiles per group, a customer explained.
      await session.page.getByLabel('Break tiles down by').selectOption('group');
      await session.page.getByLabel('Customers by relationship group').waitFor();
      // A panel computes only while on screen (src/state/demand.ts): scroll the table into view first.
      await session.page.getByRole('region', { name: 'Customers', exact: true }).scrollIntoViewIfNeeded();
      await session.page.getByRole('grid', { name: 'Customer list', exact: true }).getByRole('row').nth(1).click();
      await session.page.getByRole('region', { name: /^Score explanation: / }).waitFor();
      await session.page.waitForTimeout(300);
      await session.page.screenshot({ path: `${OUT}desktop-full.png`, fullPage: true });
      // Two snapshots: the sample against its earlier snapshot.
      const movement = session.page.getByRole('region', { name: 'Since an earlier file' });
      await movement.scrollIntoViewIfNeeded();
      await session.page.getByRole('button', { name: 'Try the sample’s earlier snapshot' }).click();
      await movement.getByRole('table', { name: 'Band movement' }).waitFor();
      await movement.scrollIntoViewIfNeeded();
      await session.page.waitForTimeout(500);
      await movement.screenshot({ path: `${OUT}movement.png` });
    }
    if (session.errors.length > 0) throw new Error(`${view.name}: ${session.errors.join('; ')}`);
    await session.context.close();
    console.log(`wrote ${OUT}${view.name}.png`);
  }
} finally {
  await browser.close();
  await server.close();
}
