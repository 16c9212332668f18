/**
 * Digits the far end keys as RFC 4733 telephone-events reach the agent's call panel. The page
 * PhoneHost (what web mode's agent page and Electron's phone window run) in Debian's Chromium
 * answers a sipp caller through real Kamailio + rtpengine; the caller's media end (a socket of
 * this test) plays a tone and keys digits as RFC 4733 events, which rtpengine relays into the
 * call's SRTP. Chromium raises no event for received telephone-events: the phone hears them in
 * the decoded audio. Run with `npx vitest run --project interop`.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_ARGS, FAKE_MEDIA_ARGS } from '../support/chromium-args';
import { serveTestPage, type ServedTestPage } from '../support/served-test-page';
import { waitFor } from './support/phone-browser';
import { freePorts, runSipp, startRig, toneMuLaw, type Rig } from './support/rig';
import { startRtpEndpoint } from './support/rtp-endpoint';

const HERE = dirname(fileURLToPath(import.meta.url));
const AGENT_AOR = 'sip:keys@lab.centralita';

let rig: Rig;
let work: string;
let served: ServedTestPage;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'centralita-interop-dtmf-'));
  rig = await startRig({ staticAor: AGENT_AOR });
  served = await serveTestPage(join(HERE, 'host-page/entry.ts'), 'page phone host');
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: [...FAKE_MEDIA_ARGS, ...CHROMIUM_ARGS] });
  page = await browser.newPage();
  await page.goto(served.url);
  await page.waitForFunction(() => 'hostUnderTest' in window);
  const failure = await page.evaluate(
    (provisioning) => window.hostUnderTest.start(provisioning),
    { serverUrl: rig.env.WS_URL, aor: AGENT_AOR, authorizationUsername: '', password: '', displayName: 'Keys', iceServers: [], dtmfMode: 'rfc4733' as const, lab: false },
  );
  expect(failure).toBeNull();
});

afterAll(async () => {
  await browser?.close();
  await served?.close();
  await rig?.stop();
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('digits the caller keys in RTP (RFC 4733)', () => {
  it('show in the call as the caller keys them, in order, each once', async () => {
    const media = await startRtpEndpoint({ tone: toneMuLaw(), telephoneEventPayloadType: 101 });
    const scenario = join(work, 'dtmf-caller.xml');
    writeFileSync(scenario, readFileSync(join(HERE, 'support/sipp-dtmf-caller.xml'), 'utf8').replaceAll('@@RTP_PORT@@', String(media.port)));
    const [sipPort, mediaPort] = freePorts(2);
    const messages = join(work, 'sipp-dtmf-messages.log');
    const sipp = runSipp({ scenario, target: `127.0.0.1:${rig.env.SIP_PORT}`, service: 'keys', localPort: sipPort, mediaPort, messageLog: messages });
    try {
      const callId = await waitFor(() => page.evaluate(() => window.hostUnderTest.lastIncomingCall() ?? undefined), 'the call rings');
      expect(await page.evaluate((id) => window.hostUnderTest.execute({ type: 'answer', callId: id }), callId)).toBeNull();
      const answer = await waitFor(() => {
        const afterOk = readFileSync(messages, 'utf8').split(/^SIP\/2\.0 200 OK/m)[1] ?? '';
        const address = /^c=IN IP4 (\S+)/m.exec(afterOk)?.[1];
        const port = /^m=audio (\d+)/m.exec(afterOk)?.[1];
        return address && port ? { address, port: Number(port) } : undefined;
      }, 'the 200 OK with SDP at sipp');
      media.sendTo(answer.address, answer.port);
      // The call's media is up both ways before the caller keys anything.
      await waitFor(() => ((media.packetsByType().get(0) ?? 0) > 0 ? true : undefined), 'the phone’s audio at the caller’s media address');
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(await page.evaluate((id) => window.hostUnderTest.digitsReceived(id), callId)).toBe('');

      media.sendDigits('1470#*');
      const digits = () => page.evaluate((id) => window.hostUnderTest.digitsReceived(id), callId);
      await waitFor(async () => ((await digits()) === '1470#*' ? true : undefined), 'the caller’s digits shown', 10_000).catch(async (cause: unknown) => {
        throw new Error(`${String(cause)}; the call shows "${await digits()}"`);
      });
      // The caller's tone resumes between and after the digits: nothing more is heard as a key.
      await new Promise((resolve) => setTimeout(resolve, 1000));
      expect(await digits()).toBe('1470#*');

      expect(await page.evaluate((id) => window.hostUnderTest.execute({ type: 'hangup', callId: id }), callId)).toBeNull();
      expect(await sipp.exit).toBe(0);
    } catch (failure) {
      console.log(sipp.output(), readFileSync(messages, 'utf8').slice(-3000), JSON.stringify([...media.packetsByType()]), rig.rtpengineLog(20));
      throw failure;
    } finally {
      if (sipp.process.exitCode === null) sipp.process.kill('SIGTERM');
      await media.close();
    }
  });
});
