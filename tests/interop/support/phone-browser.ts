/**
 * The phone under test in Chromium: builds tests/interop/phone-page (our real engine with SIP.js's
 * WebSocket transport and our WebRTC handler), serves it on a loopback port, opens it with fake
 * media devices, and gives the test typed probes into `window.phoneUnderTest`.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { PhoneConfigInput } from '../../../src-common/phone-contract';
import { CHROMIUM_ARGS, FAKE_MEDIA_ARGS } from '../../support/chromium-args';
import { serveTestPage } from '../../support/served-test-page';

const HERE = dirname(fileURLToPath(import.meta.url));

export interface PageEvent {
  type: string;
  atMs: number;
  call?: { id: string; state: string; direction: string; itemId: string | null; remote: { number: string }; endReason: string | null; dtmfSent: string; dtmfReceived?: string };
  info?: { itemId: string | null; autoAnswer?: { source: string; delayMs: number } | null };
  registration?: string;
}

export interface PhoneBrowser {
  page: Page;
  /** Starts the engine in the page; resolves once it is registered. */
  startPhone(config: PhoneConfigInput): Promise<void>;
  events(): Promise<PageEvent[]>;
  /** performance.timeOrigin of the page, to turn event times into wall-clock times. */
  timeOrigin(): Promise<number>;
  execute(command: Record<string, unknown>): Promise<unknown>;
  inboundPackets(callId: string): Promise<number>;
  outboundPackets(callId: string): Promise<number>;
  /** The call's local and remote SDP as the browser holds them (null without a call). */
  sdp(callId: string): Promise<{ local: string; remote: string } | null>;
  lastRegistration(): Promise<string | undefined>;
  close(): Promise<void>;
}

export async function waitFor<T>(probe: () => Promise<T | undefined> | T | undefined, what: string, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

export async function openPhoneBrowser(): Promise<PhoneBrowser> {
  const served = await serveTestPage(join(HERE, '../phone-page/entry.ts'), 'phone under test');
  let browser: Browser | null = null;
  try {
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: [...FAKE_MEDIA_ARGS, ...CHROMIUM_ARGS],
    });
    const page = await browser.newPage();
    await page.goto(served.url);
    await page.waitForFunction(() => 'phoneUnderTest' in window);
    const opened = browser;
    const phone: PhoneBrowser = {
      page,
      async startPhone(config) {
        const failure = await page.evaluate((c) => window.phoneUnderTest.start(c), config);
        if (failure !== null) throw new Error(`phone did not start: ${failure}`);
        await waitFor(async () => ((await phone.lastRegistration()) === 'registered' ? true : undefined), 'registration');
      },
      events: () => page.evaluate(() => window.phoneUnderTest.events as never),
      timeOrigin: () => page.evaluate(() => performance.timeOrigin),
      execute: (command) => page.evaluate((c) => window.phoneUnderTest.execute(c), command),
      inboundPackets: (callId) => page.evaluate((id) => window.phoneUnderTest.inboundPackets(id), callId),
      outboundPackets: (callId) => page.evaluate((id) => window.phoneUnderTest.outboundPackets(id), callId),
      sdp: (callId) => page.evaluate((id) => window.phoneUnderTest.sdp(id), callId),
      async lastRegistration() {
        return (await phone.events()).filter((event) => event.type === 'registration').at(-1)?.registration;
      },
      async close() {
        await opened.close();
        await served.close();
      },
    };
    return phone;
  } catch (cause) {
    await browser?.close();
    await served.close();
    throw cause;
  }
}
