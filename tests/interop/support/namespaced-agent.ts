/**
 * The agent's phone for the network tests: tests/interop/network-page (the product's page phone
 * host) in Debian's Chromium started inside the agent's network namespace, its fake microphone
 * playing a pure tone from a WAV file. The page is handed over by this process (the namespace has
 * no route to loopback); the phone's WebSocket and media use the namespace's own link.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { PhoneEvent } from '../../../src-common/phone-contract';
import type { PhoneProvisioning } from '../../../src-common/domain';
import { DEFAULT_SETTINGS } from '../../../src-common/settings';
import { WEBRTC_IP_HANDLING } from '../../../src-main/electron/window-options';
import { serveTestPage, type ServedTestPage } from '../../support/served-test-page';
import { voiceChromiumArgs, writeToneWav } from '../../e2e/voice-caller/caller-browser';
import type { AgentNetwork } from './agent-netns';
import { waitFor } from './phone-browser';
import type { ToneSample } from './tone-recorder';

const HERE = dirname(fileURLToPath(import.meta.url));

export type TimedPhoneEvent = PhoneEvent & { at: number };

export interface NamespacedAgent {
  page: Page;
  /** Starts the phone host with these settings and waits until it is registered. */
  start(provisioning: PhoneProvisioning): Promise<void>;
  events(): Promise<TimedPhoneEvent[]>;
  /** The host's log and the selected ICE path over time, for a failing run's report. */
  diagnostics(): Promise<string>;
  execute(command: Record<string, unknown>): Promise<unknown>;
  /** Records how loud `hz` is in what the agent hears on the call (every 10 ms). */
  record(callId: string, hz: number): Promise<void>;
  recording(): Promise<ToneSample[]>;
  /** Starts keeping the samples the agent hears on the call (pcm-capture.ts). */
  capture(callId: string): Promise<void>;
  /** Stops keeping them: mono samples at their rate, and the moment (Date.now()) the first was kept. */
  captured(): Promise<{ sampleRate: number; samples: Float32Array; startedAt: number }>;
  close(): Promise<void>;
}

export async function openNamespacedAgent(network: AgentNetwork, toneHz: number): Promise<NamespacedAgent> {
  const served: ServedTestPage = await serveTestPage(join(HERE, '../network-page/entry.ts'), 'agent phone on a home network');
  const toneDir = mkdtempSync(join(tmpdir(), 'centralita-tone-'));
  let browser: Browser | null = null;
  const close = async () => {
    await browser?.close();
    await served.close();
    rmSync(toneDir, { recursive: true, force: true });
  };
  try {
    const tone = join(toneDir, 'tone.wav');
    writeToneWav(tone, 4, toneHz);
    // The WebRTC address policy the desktop gives its phone window (the Chromium switch that sets
    // the same renderer preference as Electron's setWebRTCIPHandlingPolicy).
    browser = await chromium.launch({ executablePath: network.chromiumPath, args: [...voiceChromiumArgs(tone), `--webrtc-ip-handling-policy=${WEBRTC_IP_HANDLING[DEFAULT_SETTINGS.voiceInterfaces]}`] });
    const page = await browser.newPage();
    await page.route(`${served.url}**`, async (route) => {
      const response = await fetch(route.request().url());
      await route.fulfill({ status: response.status, headers: Object.fromEntries(response.headers), body: Buffer.from(await response.arrayBuffer()) });
    });
    // Chromium asks before a page reaches a private-network address (Local Network Access); the
    // agent's "Allow" is given here the way the site-settings page would.
    const cdp = await page.context().newCDPSession(page);
    const { targetInfo } = await cdp.send('Target.getTargetInfo');
    for (const name of ['local-network-access', 'local-network']) {
      await cdp.send('Browser.setPermission', { permission: { name }, setting: 'granted', origin: new URL(served.url).origin, browserContextId: targetInfo.browserContextId });
    }
    await page.goto(served.url);
    await page.waitForFunction(() => 'networkUnderTest' in window);
    const agent: NamespacedAgent = {
      page,
      events: () => page.evaluate(() => window.networkUnderTest.events as TimedPhoneEvent[]),
      async diagnostics() {
        const { log, pathLog } = await page.evaluate(() => ({ log: window.networkUnderTest.log, pathLog: window.networkUnderTest.pathLog }));
        return [...log.slice(-40), '-- selected ICE path --', ...pathLog].join('\n');
      },
      async start(provisioning) {
        const failure = await page.evaluate((p) => window.networkUnderTest.start(p), provisioning);
        if (failure !== null) throw new Error(`the agent's phone did not start: ${failure}`);
        await waitFor(async () => ((await agent.events()).some((event) => event.type === 'registration' && event.registration === 'registered') ? true : undefined), 'the agent registered from its namespace', 15_000).catch(async (cause: unknown) => {
          throw new Error(`${String(cause)}\n${await agent.diagnostics()}`, { cause });
        });
      },
      execute: (command) => page.evaluate((c) => window.networkUnderTest.execute(c), command),
      async record(callId, hz) {
        await waitFor(async () => ((await page.evaluate(([id, f]) => window.networkUnderTest.record(id, f), [callId, hz] as const)) ? true : undefined), 'the agent hears the call');
      },
      recording: () => page.evaluate(() => window.networkUnderTest.recording()),
      async capture(callId) {
        await waitFor(async () => ((await page.evaluate((id) => window.networkUnderTest.capture(id), callId)) ? true : undefined), 'the agent hears the call');
      },
      async captured() {
        const taken = await page.evaluate(() => window.networkUnderTest.captured());
        if (!taken) throw new Error('nothing was captured on the agent\'s call');
        const bytes = Buffer.from(taken.pcm16, 'base64');
        const samples = new Float32Array(bytes.length / 2);
        for (let index = 0; index < samples.length; index += 1) samples[index] = bytes.readInt16LE(index * 2) / 32768;
        return { sampleRate: taken.sampleRate, samples, startedAt: taken.startedAt };
      },
      async close() {
        await page.evaluate(() => window.networkUnderTest.stop()).catch(() => undefined);
        await close();
      },
    };
    return agent;
  } catch (cause) {
    await close();
    throw cause;
  }
}
