/**
 * Digits the far end keys as RFC 4733 telephone-events reach the agent's call panel. The page
 * PhoneHost (what web mode's agent page and Electron's phone window run) in Debian's Chromium
 * answers a sipp caller through real Kamailio + rtpengine; the caller's media end (a socket of
 * this test) plays a tone and keys digits as RFC 4733 events, which rtpengine relays into the
 * call's SRTP. Chromium raises no event for received telephone-events: the phone hears them in
 * the decoded audio. Run with `npx vitest run --project interop`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openHostPage, type HostPage } from './support/host-page';
import { waitFor } from './support/phone-browser';
import { startRig, type Rig } from './support/rig';
import { callWithRtpCaller } from './support/rtp-caller';

const AGENT_AOR = 'sip:keys@lab.centralita';

let rig: Rig;
let work: string;
let host: HostPage;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'centralita-interop-dtmf-'));
  rig = await startRig({ staticAor: AGENT_AOR });
  host = await openHostPage(rig.env.WS_URL ?? '', AGENT_AOR, 'Keys');
});

afterAll(async () => {
  await host?.close();
  await rig?.stop();
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('digits the caller keys in RTP (RFC 4733)', () => {
  it('show in the call as the caller keys them, in order, each once', async () => {
    const { page } = host;
    const caller = await callWithRtpCaller(rig, work, 'keys');
    try {
      const callId = await waitFor(() => page.evaluate(() => window.hostUnderTest.lastIncomingCall() ?? undefined), 'the call rings');
      expect(await page.evaluate((id) => window.hostUnderTest.execute({ type: 'answer', callId: id }), callId)).toBeNull();
      await caller.startMedia();
      // The call's media is up both ways before the caller keys anything.
      await waitFor(() => ((caller.media.packetsByType().get(0) ?? 0) > 0 ? true : undefined), 'the phone’s audio at the caller’s media address');
      await new Promise((resolve) => setTimeout(resolve, 500));
      const digits = () => page.evaluate((id) => window.hostUnderTest.digitsReceived(id), callId);
      expect(await digits()).toBe('');

      caller.media.sendDigits('1470#*');
      await waitFor(async () => ((await digits()) === '1470#*' ? true : undefined), 'the caller’s digits shown', 10_000).catch(async (cause: unknown) => {
          throw new Error(`${String(cause)}; the call shows "${await digits()}"`);
      });
      // The caller's tone resumes between and after the digits: nothing more is heard as a key.
      await new Promise((resolve) => setTimeout(resolve, 1000));
      expect(await digits()).toBe('1470#*');

      expect(await page.evaluate((id) => window.hostUnderTest.execute({ type: 'hangup', callId: id }), callId)).toBeNull();
      expect(await caller.sipp.exit).toBe(0);
    } catch (failure) {
      console.log(caller.explain());
      throw failure;
    } finally {
      await caller.close();
    }
  });
});
