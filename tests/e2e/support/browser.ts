/** Debian's Chromium driven by playwright-core (browsers are never downloaded). */
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, FAKE_MEDIA_ARGS } from '../../support/chromium-args';

export { CHROMIUM_ARGS };

/**
 * Agents have a microphone (Chromium's fake one, allowed without a prompt): without one the
 * readiness watchdog rightly keeps a voice agent out of routing.
 */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: [...FAKE_MEDIA_ARGS, ...CHROMIUM_ARGS] });
}

export interface AgentTab {
  context: BrowserContext;
  page: Page;
  /** Page errors and CSP violations seen so far: a clean run has none. */
  problems: string[];
}

const PHONE_SOCKET_RETRY = /^WebSocket connection to 'wss?:\/\/[^']+\/ws\/sip' failed/;

/** A fresh browser context is a fresh web-mode client, i.e. its own agent session. */
export async function openDesktop(browser: Browser, desktopUrl: string): Promise<AgentTab> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 }, locale: 'es-ES' });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    // Chromium itself logs a failed WebSocket attempt; the phone retries its SIP socket while the
    // hub is down (the outage tests cut it on purpose) and shows that state in the UI instead.
    if (PHONE_SOCKET_RETRY.test(message.text())) return;
    const where = message.location().url;
    problems.push(`console: ${message.text()}${where ? ` (at ${where})` : ''}`);
  });
  await page.goto(desktopUrl);
  return { context, page, problems };
}
