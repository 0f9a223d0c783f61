// The set-up every journey file shares: one static server and one Chromium for the file,
// a fresh browser context per test, and after each test the check that the page saw no
// error and sent no request off its origin. Not a test file (no .test. in the name).
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { launch, openApp, serveDist, type Session } from './harness';

type OpenOptions = Parameters<typeof openApp>[2];

/** The built app served on 127.0.0.1 and one Chromium, for the whole test file: set up before its tests, closed after. */
export function useServedApp(): { readonly browser: Browser; readonly url: string } {
  let browser: Browser | undefined;
  let server: Awaited<ReturnType<typeof serveDist>> | undefined;
  beforeAll(async () => {
    server = await serveDist();
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  return {
    get browser() {
      if (!browser) throw new Error('the browser starts in beforeAll');
      return browser;
    },
    get url() {
      if (!server) throw new Error('the server starts in beforeAll');
      return server.url;
    },
  };
}

/** Registers the hooks; `open` starts the test's session, which afterEach checks and closes. */
export function useJourneys(): { open: (options?: OpenOptions) => Promise<Session> } {
  const app = useServedApp();
  let session: Session | null = null;
  afterEach(async () => {
    if (!session) return;
    const done = session;
    session = null;
    expect(done.errors).toEqual([]);
    expect(done.foreignRequests).toEqual([]);
    await done.context.close();
  });
  return {
    open: async (options) => {
      session = await openApp(app.browser, app.url, options);
      return session;
    },
  };
}

/**
 * Scrolls a panel into view, as a user does before reading it: a panel computes its figures
 * only while on screen (src/state/demand.ts), so below the first screen it is empty or
 * catching up until it is scrolled to.
 */
export async function showPanel(page: Page, name: string | RegExp): Promise<void> {
  const region = page.getByRole('region', { name, exact: typeof name === 'string' ? true : undefined });
  await region.scrollIntoViewIfNeeded();
  // On screen (its store reads follow the store again), and no longer catching up.
  await expect.poll(async () => (await region.getAttribute('data-shown')) !== 'false' && (await region.getAttribute('aria-busy')) === null).toBe(true);
}
