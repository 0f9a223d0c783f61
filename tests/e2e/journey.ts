// The set-up every journey file shares: one static server and one Chromium for the file,
// a fresh browser context per test, and after each test the check that the page saw no
// error and sent no request off its origin. Not a test file (no .test. in the name).
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { launch, openApp, serveDist, type Session } from './harness';

type OpenOptions = Parameters<typeof openApp>[2];

/** Registers the hooks; `open` starts the test's session, which afterEach checks and closes. */
export function useJourneys(): { open: (options?: OpenOptions) => Promise<Session> } {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof serveDist>>;
  let session: Session | null = null;
  beforeAll(async () => {
    server = await serveDist();
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
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
      session = await openApp(browser, server.url, options);
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
