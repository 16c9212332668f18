/**
 * The browser phones of the call-setup bench, side by side in one Debian Chromium with the same
 * fake-media flags: ours (the product's page PhoneHost), stock SIP.js 0.21 SimpleUser and
 * JsSIP 3.13. Each page (bench/pages) is bundled with esbuild the same way (minified ES module,
 * as the product's phone window is), served from loopback, opened in its own browser context, and
 * registered over WebSocket to the rig's Kamailio as its own SIP user. Ours also gets the build
 * step the product's bundles get (SIP.js's grammar tables decoded once: scripts/sip-grammar-tables.mjs);
 * the peers' pages stay stock.
 */
import { build } from 'esbuild';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { sipGrammarTablesEsbuild } from '../../scripts/sip-grammar-tables.mjs';
import type { BenchPhoneConfig, BenchPhoneWindow } from '../pages/bench-phone';
import { ROOT } from './call-setup-rig';
import type { CleanupStack } from './cleanup';
import { SETUP_PHASES_PROBE } from './setup-phases';
import { DEFAULT_SETTINGS } from '../../src-common/settings';
import { WEBRTC_IP_HANDLING } from '../../src-main/electron/window-options';

export interface BrowserPhoneKind {
  /** Row label in the bench's table. */
  label: string;
  /** bench/pages/<page>.ts */
  page: string;
  /** The SIP user it registers as (the sipp service it is called at). */
  user: string;
  describe: string;
}

export const BROWSER_PHONES: readonly BrowserPhoneKind[] = [
  { label: 'ours', page: 'ours', user: 'phone', describe: 'our page PhoneHost (SIP.js API layer + our media)' },
  { label: 'sip.js', page: 'simple-user', user: 'simpleuser', describe: 'stock SIP.js 0.21 Web.SimpleUser' },
  { label: 'jssip', page: 'jssip', user: 'jssip', describe: 'JsSIP 3.13 UA' },
];

export interface BrowserPhone {
  kind: BrowserPhoneKind;
  page: Page;
  answeredCalls(): Promise<number>;
  failures(): Promise<string[]>;
}

const CHROMIUM_ARGS = ['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', '--autoplay-policy=no-user-gesture-required', '--disable-gpu',
  '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic',
  // The WebRTC address policy the desktop gives its phone window, for every browser phone alike.
  `--webrtc-ip-handling-policy=${WEBRTC_IP_HANDLING[DEFAULT_SETTINGS.voiceInterfaces]}`];

/** Bundles every page into `dir/<page>.js` with the same esbuild options. */
async function bundlePages(dir: string, pages: string[]): Promise<void> {
  mkdirSync(dir, { recursive: true });
  await Promise.all(pages.map((page) => build({
    entryPoints: [path.join(ROOT, 'bench/pages', `${page}.ts`)],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'chrome130',
    minify: true,
    plugins: page === 'ours' ? [sipGrammarTablesEsbuild] : [],
    outfile: path.join(dir, `${page}.js`),
    logLevel: 'silent',
  })));
  writeFileSync(path.join(dir, 'index.html'), '<!doctype html><meta charset="utf-8"><title>bench phone</title><body><script type="module" src="./phone.js"></script>');
}

/** Serves `/<page>/` (the page) and `/<page>/phone.js` (its bundle) on loopback; returns the origin. */
async function servePages(dir: string, cleanup: CleanupStack): Promise<string> {
  const server = createServer((request, response) => {
    const [, page, file] = /^\/([a-z-]+)\/(phone\.js)?$/.exec(request.url ?? '') ?? [];
    if (!page || !BROWSER_PHONES.some((kind) => kind.page === page)) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'content-type': file ? 'text/javascript' : 'text/html' });
    response.end(readFileSync(path.join(dir, file ? `${page}.js` : 'index.html')));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanup.add('page server', () => new Promise((resolve) => server.close(() => resolve())));
  const address = server.address();
  return `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
}

export interface OpenedPhones {
  browserVersion: string;
  phones: BrowserPhone[];
}

/**
 * Opens and registers every browser phone. With `probePhases`, each page first gets the
 * setup-phases probe (setup-phases.ts).
 */
export async function openBrowserPhones(work: string, cleanup: CleanupStack, wsUrl: string, options: { probePhases: boolean }): Promise<OpenedPhones> {
  const dir = path.join(work, 'phone-pages');
  await bundlePages(dir, BROWSER_PHONES.map((kind) => kind.page));
  const origin = await servePages(dir, cleanup);
  const browser: Browser = await chromium.launch({
    // The bench's own signal handlers stop everything in order; Playwright's would exit first.
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
  });
  cleanup.add('chromium', () => browser.close());
  const phones: BrowserPhone[] = [];
  for (const kind of BROWSER_PHONES) {
    const context = await browser.newContext();
    const page = await context.newPage();
    if (options.probePhases) await page.addInitScript(SETUP_PHASES_PROBE);
    await page.goto(`${origin}/${kind.page}/`);
    await page.waitForFunction(() => 'benchPhone' in globalThis);
    const config: BenchPhoneConfig = { serverUrl: wsUrl, aor: `sip:${kind.user}@lab.centralita`, displayName: `Bench ${kind.label}` };
    const failure = await Promise.race([
      page.evaluate((c) => (globalThis as unknown as BenchPhoneWindow).benchPhone.start(c), config),
      new Promise<string>((resolve) => setTimeout(() => resolve('no registration within 10 s'), 10_000)),
    ]);
    if (failure !== null) throw new Error(`${kind.label} did not register: ${failure}`);
    phones.push({
      kind,
      page,
      answeredCalls: () => page.evaluate(() => (globalThis as unknown as BenchPhoneWindow).benchPhone.answeredCalls()),
      failures: () => page.evaluate(() => (globalThis as unknown as BenchPhoneWindow).benchPhone.failures()),
    });
  }
  return { browserVersion: browser.version(), phones };
}
