/**
 * Voice interop: our phone engine (SIP.js + WebRTC in Debian's Chromium, fake media devices)
 * against real Kamailio + rtpengine, called by a real sipp caller over UDP/RTP. DTMF both ways
 * the engine offers: SIP INFO (sipp reads the INFO) and RFC 4733 (telephone-events decoded
 * from the RTP that reaches the sipp call's media address).
 * Run with `npx vitest run --project interop` (needs apt access the first time: scripts/rig/install.sh).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openPhoneBrowser, waitFor, type PhoneBrowser } from './support/phone-browser';
import { freePorts, runSipp, startRig, writeToneFile, type Rig } from './support/rig';
import { callWithRtpCaller } from './support/rtp-caller';

const HERE = dirname(fileURLToPath(import.meta.url));
const AGENT_AOR = 'sip:agent@lab.centralita';
/** A second phone, configured for RFC 4733 DTMF (the first one sends SIP INFO). */
const RFC4733_AOR = 'sip:dtmf@lab.centralita';

let rig: Rig;
let work: string;
let phone: PhoneBrowser;
let rfc4733Phone: PhoneBrowser;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'centralita-interop-'));
  rig = await startRig({ staticAor: AGENT_AOR });
  phone = await openPhoneBrowser();
  await phone.startPhone({ serverUrl: rig.env.WS_URL, aor: AGENT_AOR, dtmfMode: 'info', iceGatheringTimeoutMs: 500, reconnectMaxDelayMs: 1000 });
  rfc4733Phone = await openPhoneBrowser();
  await rfc4733Phone.startPhone({ serverUrl: rig.env.WS_URL, aor: RFC4733_AOR, dtmfMode: 'rfc4733', iceGatheringTimeoutMs: 500, reconnectMaxDelayMs: 1000 });
});

afterAll(async () => {
  await phone?.close();
  await rfc4733Phone?.close();
  await rig?.stop();
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('phone ⇄ Kamailio ⇄ rtpengine ⇄ sipp', () => {
  it('a caller reaches the registered phone through the contact-center number; media flows; hold, resume, DTMF and hang-up work', async () => {
    const tone = join(work, 'tone.ulaw');
    writeToneFile(tone);
    const scenario = join(work, 'caller.xml');
    writeFileSync(scenario, readFileSync(join(HERE, 'support/sipp-caller.xml'), 'utf8').replace('@@TONE_FILE@@', tone));
    const [sipPort, mediaPort] = freePorts(2);
    const messages = join(work, 'sipp-messages.log');
    // 5000 is not a registered phone: without a hub, Kamailio sends it to the static agent.
    const sipp = runSipp({ scenario, target: `127.0.0.1:${rig.env.SIP_PORT}`, service: '5000', localPort: sipPort, mediaPort, messageLog: messages });

    const ringing = await waitFor(async () => (await phone.events()).find((event) => event.type === 'incoming-call'), 'incoming call');
    const callId = ringing.call?.id ?? '';
    expect(ringing.call?.remote.number).toBe('+34600100200');
    await phone.execute({ type: 'answer', callId });
    const active = await waitFor(async () => (await phone.events()).find((event) => event.type === 'call-updated' && event.call?.id === callId && event.call.state === 'active'), 'active');
    console.log(`answer → active in the page: ${Math.round(active.atMs - ringing.atMs)} ms (includes the answer command)`);

    const packets = await waitFor(async () => {
      const received = await phone.inboundPackets(callId);
      return received > 0 ? received : undefined;
    }, 'inbound RTP');
    expect(packets).toBeGreaterThan(0);

    // The caller's digit sent by SIP INFO shows on the call.
    await waitFor(async () => (await phone.events()).find((event) => event.type === 'call-updated' && event.call?.id === callId && event.call.dtmfReceived === '4'), 'the INFO digit shown');
    expect(await phone.execute({ type: 'hold', callId })).toMatchObject({ ok: true });
    expect(await phone.execute({ type: 'resume', callId })).toMatchObject({ ok: true });
    expect(await phone.execute({ type: 'sendDtmf', callId, digits: '7' })).toMatchObject({ ok: true });
    expect(await phone.execute({ type: 'hangup', callId })).toMatchObject({ ok: true });

    const code = await sipp.exit;
    if (code !== 0) console.log(sipp.output(), readFileSync(messages, 'utf8').slice(-4000));
    expect(code).toBe(0);
    expect(readFileSync(messages, 'utf8')).toMatch(/Signal=7/);
  });

  it('sends RFC 4733 digits in RTP that arrive at the sipp caller’s media address, in order, with no SIP INFO', async () => {
    const caller = await callWithRtpCaller(rig, work, 'dtmf');
    const { media, sipp, messages } = caller;
    try {
      const ringing = await waitFor(async () => (await rfc4733Phone.events()).find((event) => event.type === 'incoming-call'), 'incoming call');
      const callId = ringing.call?.id ?? '';
      await rfc4733Phone.execute({ type: 'answer', callId });
      // Like any endpoint, the caller's media starts towards the address in the answer (rtpengine's).
      await caller.startMedia();
      // Audio first (the phone's microphone, PCMU), so the digits travel on a flowing stream.
      await waitFor(() => ((media.packetsByType().get(0) ?? 0) > 0 ? true : undefined), 'the phone’s audio at the caller’s media address');
      expect(await rfc4733Phone.execute({ type: 'sendDtmf', callId, digits: '2580#*' })).toMatchObject({ ok: true });
      const events = await waitFor(() => (media.events().length >= 6 ? media.events() : undefined), 'six telephone-events with their end bit');
      expect(events.map((event) => event.digit).join('')).toBe('2580#*');
      for (const event of events) {
        expect(event.payloadType).toBe(101);
        // 160 ms configured; at least 40 ms (RFC 4733 minimum the browser enforces) on the 8 kHz clock.
        expect(event.duration).toBeGreaterThanOrEqual(40 * 8);
      }
      expect(await rfc4733Phone.execute({ type: 'hangup', callId })).toMatchObject({ ok: true });
      const code = await sipp.exit;
      if (code !== 0) console.log(sipp.output(), readFileSync(messages, 'utf8').slice(-4000));
      // The scenario fails on any in-dialog request but BYE: no INFO was sent for the digits.
      expect(code).toBe(0);
      expect(readFileSync(messages, 'utf8')).not.toMatch(/^INFO /m);
    } catch (failure) {
      console.log(caller.explain());
      throw failure;
    } finally {
      await caller.close();
    }
  });

  it('re-registers by itself within 5 s after Kamailio restarts', async () => {
    await rig.stopKamailio();
    await waitFor(async () => ((await phone.lastRegistration()) !== 'registered' ? true : undefined), 'phone notices the lost server');
    const restartedAt = Date.now();
    await rig.startKamailio();
    await waitFor(async () => ((await phone.lastRegistration()) === 'registered' ? true : undefined), 're-registration', 5000);
    const elapsed = Date.now() - restartedAt;
    console.log(`re-registered ${elapsed} ms after Kamailio was back`);
    expect(elapsed).toBeLessThan(5000);
  });
});
