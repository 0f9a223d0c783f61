// Browser-test harness: serves dist/ on 127.0.0.1 with a tiny static server and drives
// Debian's Chromium through playwright-core. Records page errors, console errors and any
// request that leaves the origin.
import { createServer, type Server } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const DIST = resolve(import.meta.dirname, '../../dist');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic', '--no-first-run'];

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.csv': 'text/csv; charset=utf-8',
  '.json': 'application/json',
  '.png': 'image/png',
};

/** Serves `root`, plus `extra` files by exact path (used by the benchmark's reference page). */
export async function serveDist(root = DIST, extra: Record<string, { type: string; body: string | Buffer }> = {}): Promise<{ url: string; close: () => Promise<void> }> {
  const server: Server = createServer(async (request, response) => {
    try {
      const path = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
      const file = extra[path];
      if (file) {
        response.writeHead(200, { 'content-type': file.type }).end(file.body);
        return;
      }
      let local = normalize(join(root, path));
      if (!local.startsWith(root)) throw new Error('outside root');
      if ((await stat(local)).isDirectory()) local = join(local, 'index.html');
      response.writeHead(200, { 'content-type': TYPES[extname(local)] ?? 'application/octet-stream' });
      response.end(await readFile(local));
    } catch {
      response.writeHead(404).end('not found');
    }
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('server has no port');
  return { url: `http://127.0.0.1:${address.port}/`, close: () => new Promise((done) => server.close(() => done())) };
}

export function launch(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

export interface Session {
  context: BrowserContext;
  page: Page;
  /** Page errors and console errors seen so far. */
  errors: string[];
  /** Requests to anything but the app's own origin. */
  foreignRequests: string[];
}

export async function openApp(
  browser: Browser,
  url: string,
  options: { width?: number; height?: number; colorScheme?: 'light' | 'dark'; bypassCSP?: boolean; /** Runs in the page before the app: e.g. to block storage. */ initScript?: string } = {},
): Promise<Session> {
  const context = await browser.newContext({
    viewport: { width: options.width ?? 1440, height: options.height ?? 900 },
    colorScheme: options.colorScheme ?? 'light',
    acceptDownloads: true,
    locale: 'en-US',
    // Only the benchmark sets this, to run its probes as source text.
    bypassCSP: options.bypassCSP ?? false,
  });
  if (options.initScript) await context.addInitScript(options.initScript);
  const page = await context.newPage();
  const errors: string[] = [];
  const foreignRequests: string[] = [];
  const origin = new URL(url).origin;
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  });
  context.on('request', (request) => {
    const requestUrl = request.url();
    if (!requestUrl.startsWith(origin) && !requestUrl.startsWith('blob:') && !requestUrl.startsWith('data:')) foreignRequests.push(requestUrl);
  });
  await page.goto(url);
  return { context, page, errors, foreignRequests };
}
