// "Your data never leaves the browser" is enforced by the built page's Content-Security-Policy,
// not just promised: it must be in the page, first in <head>, and the browser must refuse a
// request to another origin.
import { describe, expect, it } from 'vitest';
import { openApp } from './harness';
import { useServedApp } from './journey';

// Not useJourneys: this session's one error, the browser's report of the refusal, is expected.
const app = useServedApp();

describe('Content-Security-Policy of the built page', () => {
  it('is the first element of <head>, allows only this origin, and the browser refuses a request elsewhere', async () => {
    const session = await openApp(app.browser, app.url);
    const { page } = session;
    const first = await page.evaluate(() => {
      const meta = document.head.firstElementChild;
      return { tag: meta?.tagName, equiv: meta?.getAttribute('http-equiv'), content: meta?.getAttribute('content') };
    });
    expect(first.tag).toBe('META');
    expect(first.equiv).toBe('Content-Security-Policy');
    expect(first.content).toContain("default-src 'self'");
    expect(first.content).toContain("connect-src 'self'");
    const violated = await page.evaluate(
      () =>
        new Promise<string>((resolve) => {
          document.addEventListener('securitypolicyviolation', (event) => resolve(event.effectiveDirective), { once: true });
          fetch('https://example.com/collect').catch(() => undefined);
        }),
    );
    expect(violated).toBe('connect-src');
    // Nothing left the page: the only error is the browser's own report of the refusal.
    expect(session.foreignRequests).toEqual([]);
    expect(session.errors.every((error) => /Content Security Policy|Failed to fetch/.test(error))).toBe(true);
    await session.context.close();
  });
});
