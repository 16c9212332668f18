/**
 * The agent's phone under test for the simulated-caller tests: bundles
 * tests/integration/sim-voice-phone-page (our real engine), serves it on loopback, opens it in
 * Debian's Chromium with fake media, and gives the test typed probes.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { PhoneConfigInput, PhoneEvent } from '../../../src-common/phone-contract';
import type { CallAudio } from '../sim-voice-phone-page/entry';
import { CHROMIUM_ARGS, FAKE_MEDIA_ARGS } from '../../support/chromium-args';
import { serveTestPage } from '../../support/served-test-page';

const HERE = dirname(fileURLToPath(import.meta.url));

export type PhonePageEvent = PhoneEvent & { atMs: number };

export interface AgentPhone {
  page: Page;
  start(config: PhoneConfigInput): Promise<void>;
  events(): Promise<PhonePageEvent[]>;
  execute(command: Record<string, unknown>): Promise<unknown>;
  audio(callId: string): Promise<CallAudio | null>;
  close(): Promise<void>;
}

export async function until<T>(probe: () => Promise<T | undefined> | T | undefined, what: string, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export async function openAgentPhone(): Promise<AgentPhone> {
  const served = await serveTestPage(join(HERE, '../sim-voice-phone-page/entry.ts'), 'agent phone');
  let browser: Browser | null = null;
  try {
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: [...FAKE_MEDIA_ARGS, ...CHROMIUM_ARGS] });
    const page = await browser.newPage();
    await page.goto(served.url);
    await page.waitForFunction(() => 'simVoicePhone' in window);
    const opened = browser;
    const phone: AgentPhone = {
      page,
      async start(config) {
        const failure = await page.evaluate((c) => window.simVoicePhone.start(c), config);
        if (failure !== null) throw new Error(`phone did not start: ${failure}`);
        await until(async () => ((await phone.events()).some((e) => e.type === 'registration' && e.registration === 'registered') ? true : undefined), 'the phone to register');
      },
      events: () => page.evaluate(() => window.simVoicePhone.events as never),
      execute: (command) => page.evaluate((c) => window.simVoicePhone.execute(c), command),
      audio: (callId) => page.evaluate((id) => window.simVoicePhone.audio(id), callId),
      async close() {
        await page.evaluate(() => window.simVoicePhone.stop()).catch(() => undefined);
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
