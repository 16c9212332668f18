/**
 * Standby (the agent is Ready) with the page PhoneHost in Debian's Chromium against real
 * Kamailio + rtpengine, called by sipp: the microphone is opened once when standby starts and
 * the next call's media is prepared from it, so auto-answered calls open nothing while they are
 * being answered; their audio reaches rtpengine over ICE + DTLS-SRTP; and standby off closes the
 * microphone. Run with `npx vitest run --project interop` (scripts/rig/install.sh needs apt once).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openHostPage, type HostPage } from './support/host-page';
import { waitFor } from './support/phone-browser';
import { freePorts, runSipp, startRig, type Rig } from './support/rig';

const HERE = dirname(fileURLToPath(import.meta.url));
const AGENT_AOR = 'sip:standby@lab.centralita';

let rig: Rig;
let work: string;
let host: HostPage;
let page: Page;

const inPage = <T>(probe: () => T | Promise<T>): Promise<T> => page.evaluate(probe);

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'centralita-interop-standby-'));
  rig = await startRig({ staticAor: AGENT_AOR });
  host = await openHostPage(rig.env.WS_URL ?? '', AGENT_AOR, 'Standby');
  page = host.page;
});

afterAll(async () => {
  await host?.close();
  await rig?.stop();
  if (work) rmSync(work, { recursive: true, force: true });
});

/** One auto-answered call (Call-Info answer-after=0) that stays up for `holdMs`, then BYE. */
async function autoAnsweredCall(label: string, holdMs: number): Promise<void> {
  const scenario = join(work, `${label}.xml`);
  writeFileSync(scenario, readFileSync(join(HERE, 'support/sipp-setup-caller.xml'), 'utf8').replace('<pause milliseconds="300"/>', `<pause milliseconds="${holdMs}"/>`));
  const [sipPort, mediaPort] = freePorts(2);
  const messages = join(work, `${label}.log`);
  const sipp = runSipp({ scenario, target: `127.0.0.1:${rig.env.SIP_PORT}`, service: '5000', localPort: sipPort, mediaPort, messageLog: messages });
  const code = await sipp.exit;
  if (code !== 0) console.log(sipp.output(), rig.kamailioLog());
  expect(code).toBe(0);
}

describe('standby: the page phone host keeps media ready while the agent is Ready', () => {
  it('opens the microphone once for standby, answers each call from it without opening anything, and sends audio', async () => {
    await inPage(() => window.hostUnderTest.setCallStandby(true));
    await waitFor(async () => ((await inPage(() => window.hostUnderTest.peerConnectionsMade())) === 1 ? true : undefined), 'the first call\'s media prepared');
    expect(await inPage(() => window.hostUnderTest.microphoneOpens())).toBe(1);

    const sending = autoAnsweredCall('first', 1500);
    await waitFor(async () => ((await inPage(() => window.hostUnderTest.sentPackets())) > 0 ? true : undefined), 'our audio going out to rtpengine (ICE and DTLS done)');
    await sending;
    // The next call's media is prepared again from the same open microphone.
    await waitFor(async () => ((await inPage(() => window.hostUnderTest.peerConnectionsMade())) === 2 ? true : undefined), 'the next call\'s media prepared');
    await autoAnsweredCall('second', 300);
    expect(await inPage(() => window.hostUnderTest.answeredCalls())).toBe(2);
    // Three peer connections in all, each made ahead of a call (the third waits for the next
    // one): the calls made none of their own, and nothing opened the microphone again.
    await waitFor(async () => ((await inPage(() => window.hostUnderTest.peerConnectionsMade())) >= 3 ? true : undefined), 'the third prepared');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await inPage(() => window.hostUnderTest.peerConnectionsMade())).toBe(3);
    expect(await inPage(() => window.hostUnderTest.microphoneOpens())).toBe(1);
  });

  it('standby off closes the microphone; calls still work and open it themselves', async () => {
    await inPage(() => window.hostUnderTest.setCallStandby(false));
    await waitFor(async () => ((await inPage(() => window.hostUnderTest.liveMicrophones())) === 0 ? true : undefined), 'the microphone closed');
    const before = await inPage(() => window.hostUnderTest.microphoneOpens());
    await autoAnsweredCall('off', 300);
    expect(await inPage(() => window.hostUnderTest.answeredCalls())).toBe(3);
    expect(await inPage(() => window.hostUnderTest.microphoneOpens())).toBe(before + 1);
    await waitFor(async () => ((await inPage(() => window.hostUnderTest.liveMicrophones())) === 0 ? true : undefined), 'the call\'s microphone closed after it');
  });
});
