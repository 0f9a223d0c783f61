// The model as a file and a link, and the session kept in this browser: reload, browser
// restart, Clear data, model export → import, share link. Each asserts what the user
// sees, that no page or console error happened, and that nothing left the page.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Download, type Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { CHROMIUM, CHROMIUM_ARGS, openApp, type Session } from './harness';
import { useServedApp } from './journey';

// Not useJourneys: the restart test opens a persistent context of its own, and several sessions are checked per test.
const app = useServedApp();
/** Every session a test opened: each is checked for errors and foreign requests. */
let sessions: Pick<Session, 'context' | 'errors' | 'foreignRequests'>[] = [];

afterEach(async () => {
  for (const session of sessions) {
    expect(session.errors).toEqual([]);
    expect(session.foreignRequests).toEqual([]);
    await session.context.close(); // a no-op for a persistent context the test already closed (the restart)
  }
  sessions = [];
});

async function open(url = app.url, permissions: string[] = []): Promise<Page> {
  const session = await openApp(app.browser, url);
  if (permissions.length > 0) await session.context.grantPermissions(permissions, { origin: new URL(app.url).origin });
  sessions.push(session);
  return session.page;
}

/** Records like harness.openApp, for a context it did not create (the persistent one). */
function watch(context: BrowserContext, page: Page): void {
  const session = { context, errors: [] as string[], foreignRequests: [] as string[] };
  const origin = new URL(app.url).origin;
  page.on('pageerror', (error) => session.errors.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') session.errors.push(`console: ${message.text()}`);
  });
  context.on('request', (request) => {
    const url = request.url();
    if (!url.startsWith(origin) && !url.startsWith('blob:') && !url.startsWith('data:')) session.foreignRequests.push(url);
  });
  sessions.push(session);
}

const status = (page: Page) => page.getByRole('status').textContent();
/** expect.poll waits 1 s by default; a freshly started browser (the restart) needs longer to load and score. */
const PATIENT = { timeout: 15_000 };
const meanTile = (page: Page) => page.getByRole('group', { name: /^Mean CRS:/ });
const weightOf = (page: Page, label: string) => page.getByRole('slider', { name: `${label} weight` }).inputValue();

async function loadSample(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Load sample data' }).click();
  await expect.poll(() => status(page), PATIENT).toMatch(/5,000 customers · 5,000 scored/);
}

/** Moves a weight slider to its end by keyboard and waits for the re-score. */
async function setWeightToEnd(page: Page, label: string, key: 'End' | 'Home'): Promise<void> {
  await expect.poll(() => meanTile(page).getAttribute('aria-label')).toMatch(/\d/);
  const before = await meanTile(page).getAttribute('aria-label');
  await page.getByRole('slider', { name: `${label} weight` }).focus();
  await page.keyboard.press(key);
  await expect.poll(() => meanTile(page).getAttribute('aria-label')).not.toBe(before);
}

/** The keys in idb-keyval's default store, as the page sees them. */
function storedKeys(page: Page): Promise<IDBValidKey[]> {
  return page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('keyval-store');
      request.onupgradeneeded = () => request.result.createObjectStore('keyval');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const keys = await new Promise<IDBValidKey[]>((resolve, reject) => {
      const request = db.transaction('keyval').objectStore('keyval').getAllKeys();
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    db.close();
    return keys;
  });
}

async function downloadText(download: Download): Promise<string> {
  return (await readFile(await download.path(), 'utf8')).replace(/^\uFEFF/, '');
}

async function exportCrs(page: Page): Promise<string[]> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export scored CSV' }).click()]);
  const lines = (await downloadText(download)).trim().split(/\r?\n/);
  const crs = lines[0].split(',').indexOf('crs');
  return lines.slice(1).map((line) => line.split(',')[crs]);
}

describe('persistence', () => {
  it('a reload brings back the dataset and the changed weight; Clear data empties the app, and a reload keeps it empty', async () => {
    const page = await open();
    await loadSample(page);
    await setWeightToEnd(page, 'Engagement', 'End');
    const mean = await meanTile(page).getAttribute('aria-label');
    await page.reload();
    await expect.poll(() => status(page), PATIENT).toMatch(/5,000 customers · 5,000 scored · Restored sample-customers\.csv from this browser/);
    await expect(weightOf(page, 'Engagement')).resolves.toBe('100');
    await expect.poll(() => meanTile(page).getAttribute('aria-label')).toBe(mean);

    await page.getByRole('button', { name: 'Clear data' }).click();
    await page.getByRole('button', { name: 'Yes, clear' }).click();
    await expect.poll(() => status(page), PATIENT).toMatch(/No data loaded/);
    await page.reload();
    await expect.poll(() => status(page), PATIENT).toMatch(/No data loaded/);
    // Nothing is waiting to be restored: IndexedDB and localStorage hold nothing of ours.
    await expect(storedKeys(page)).resolves.toEqual([]);
    await expect(page.evaluate(() => Object.keys(localStorage))).resolves.toEqual([]);
    await expect(status(page)).resolves.toMatch(/No data loaded/);
  });

  it('a 3×3 grid with "medium from" above "high from", as a user may type it, is still there after a reload (it used to reset the whole model)', async () => {
    const page = await open();
    await loadSample(page);
    await setWeightToEnd(page, 'Engagement', 'End');
    const grid = page.getByRole('region', { name: 'Relationship groups' });
    await grid.scrollIntoViewIfNeeded();
    await grid.getByText(/^Axes: /).click();
    await grid.getByRole('radio', { name: '3×3' }).check();
    await grid.getByLabel('Profitability: medium from').fill('500000');
    await grid.getByLabel('Profitability: high from').fill('100000');
    await expect.poll(() => grid.getByLabel('Profitability: high from').inputValue()).toBe('100000');
    await page.reload();
    await expect.poll(() => status(page), PATIENT).toMatch(/Restored sample-customers\.csv from this browser/);
    await expect(weightOf(page, 'Engagement')).resolves.toBe('100');
    const restored = page.getByRole('region', { name: 'Relationship groups' });
    await restored.scrollIntoViewIfNeeded();
    await restored.getByText(/^Axes: /).click();
    await expect.poll(() => restored.getByRole('radio', { name: '3×3' }).isChecked()).toBe(true);
    await expect(restored.getByLabel('Profitability: medium from').inputValue()).resolves.toBe('500000');
    await expect(restored.getByLabel('Profitability: high from').inputValue()).resolves.toBe('100000');
    await expect(page.getByText(/could not be read/).count()).resolves.toBe(0);
  });

  it('survives a browser restart (a persistent profile closed and opened again)', async () => {
    const profile = await mkdtemp(join(tmpdir(), 'crs-profile-'));
    try {
      const first = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, args: CHROMIUM_ARGS, viewport: { width: 1440, height: 900 } });
      const page = first.pages()[0] ?? (await first.newPage());
      watch(first, page);
      await page.goto(app.url);
      await loadSample(page);
      await setWeightToEnd(page, 'Satisfaction', 'Home');
      // Closing the browser the instant the write is queued could lose it, in any browser: wait for it.
      await expect.poll(() => storedKeys(page), PATIENT).toEqual(['crs-studio:file']);
      await first.close();

      const second = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, args: CHROMIUM_ARGS, viewport: { width: 1440, height: 900 } });
      const again = second.pages()[0] ?? (await second.newPage());
      watch(second, again);
      await again.goto(app.url);
      await expect.poll(() => status(again), PATIENT).toMatch(/5,000 customers · 5,000 scored · Restored sample-customers\.csv from this browser/);
      await expect(weightOf(again, 'Satisfaction')).resolves.toBe('0');
      await second.close();
    } finally {
      await rm(profile, { recursive: true, force: true });
    }
  });
});

describe('blocked storage', () => {
  it('with IndexedDB and localStorage throwing on access (cookies blocked), the app still opens, says the data is kept for this visit only, and scores the sample', async () => {
    const block = `for (const name of ['indexedDB', 'localStorage']) Object.defineProperty(window, name, { configurable: true, get() { throw new DOMException('The operation is insecure.', 'SecurityError'); } });`;
    const session = await openApp(app.browser, app.url, { initScript: block });
    sessions.push(session);
    const { page } = session;
    await expect.poll(() => page.getByText(/kept for this visit only/).count()).toBeGreaterThan(0);
    await page.getByRole('button', { name: 'Load sample data' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toMatch(/5,000 customers · 5,000 scored/);
  });
});

describe('model file', () => {
  it('Export model downloads JSON that, imported after a reset, gives identical scores', async () => {
    const page = await open();
    await loadSample(page);
    await setWeightToEnd(page, 'Support quality', 'End');
    const mean = await meanTile(page).getAttribute('aria-label');
    const scores = await exportCrs(page);
    await page.getByRole('button', { name: 'More' }).click();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export model' }).click()]);
    expect(download.suggestedFilename()).toBe('sample-customers-crs-model.json');
    const json = await downloadText(download);
    expect(JSON.parse(json).factors.find((f: { id: string }) => f.id === 'support').weight).toBe(100);

    await page.getByRole('button', { name: 'Reset weights' }).click();
    await expect.poll(() => meanTile(page).getAttribute('aria-label')).not.toBe(mean);
    await page.getByLabel('Import model').setInputFiles({ name: 'mine.json', mimeType: 'application/json', buffer: Buffer.from(json) });
    await expect.poll(() => page.getByText('Applied the model in mine.json.').count()).toBe(1);
    await expect.poll(() => meanTile(page).getAttribute('aria-label')).toBe(mean);
    await expect(weightOf(page, 'Support quality')).resolves.toBe('100');
    expect(await exportCrs(page)).toEqual(scores);
  });

  it('an invalid model file is refused with the exact path, nothing changed', async () => {
    const page = await open();
    await loadSample(page);
    const bad = { version: 1, factors: [{ id: 'x', label: 'X', column: null, normalization: 'auto', isHigherBetter: true, weight: 300, shape: { kind: 'linear' } }] };
    await page.getByLabel('Import model').setInputFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(bad)) });
    await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/"bad\.json" is not a valid CRS model, so nothing was changed: factors\[0\]\.weight: /);
    await expect(weightOf(page, 'Engagement')).resolves.toBe('30');
  });
});

describe('share link', () => {
  it('a copied link opened in a fresh browser context reproduces the weights on the sample, and carries no data', async () => {
    const page = await open(app.url, ['clipboard-read', 'clipboard-write']);
    await loadSample(page);
    await setWeightToEnd(page, 'Purchase history', 'End');
    await setWeightToEnd(page, 'Engagement', 'Home');
    const mean = await meanTile(page).getAttribute('aria-label');
    await page.getByRole('button', { name: 'More' }).click();
    await page.getByRole('button', { name: 'Copy share link' }).click();
    await expect.poll(() => page.getByText(/Link copied|copy it by hand/).count()).toBeGreaterThan(0);
    const fallback = page.getByRole('textbox', { name: /Share link/ });
    const link = (await fallback.count()) > 0 ? await fallback.inputValue() : await page.evaluate(() => navigator.clipboard.readText());
    expect(link).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#model=[A-Za-z0-9_-]+$/);
    expect(link).not.toMatch(/C0001|customer_id/); // the model only

    const other = await open(link);
    await expect.poll(() => other.getByText(/Using the model from the shared link: it applies to the next file you load/).count()).toBe(1);
    expect(new URL(other.url()).hash).toBe('');
    await loadSample(other);
    await expect(weightOf(other, 'Purchase history')).resolves.toBe('100');
    await expect(weightOf(other, 'Engagement')).resolves.toBe('0');
    await expect.poll(() => meanTile(other).getAttribute('aria-label')).toBe(mean);
  });

  it('a damaged link is refused with an alert naming the problem', async () => {
    const page = await open(`${app.url}#model=not*base64`);
    await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/The shared link's model is not valid, so it was not used: \(document\): the link is cut or altered/);
    await loadSample(page);
    await expect(weightOf(page, 'Engagement')).resolves.toBe('30');
  });
});
