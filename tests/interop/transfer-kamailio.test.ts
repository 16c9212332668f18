/**
 * Voice interop, transfers: a real SIP caller (baresip over UDP/RTP, which follows REFER as desk
 * phones and carriers' user agents do) dials the contact-center number; Kamailio asks a real hub
 * (temp SQLite), which offers the call to Ana; Ana's phone (our engine in Chromium) answers and
 * transfers the caller to Jordi's phone (another engine in Chromium) through Kamailio and
 * rtpengine:
 *   - blind: REFER to Jordi's AOR; baresip calls Jordi; Ana's call ends as `transferred`;
 *   - attended: Ana consults Jordi first, then REFER with Replaces; the caller's INVITE replaces
 *     the consultation call at Jordi; both of Ana's calls end (this caller is a browser phone:
 *     baresip 1.0 cannot do Replaces, see the second describe).
 * Media is checked where it lands: RTP from the caller at Jordi's phone (getStats), RTP from
 * Jordi at the caller (baresip's "RTP established" event for the new call).
 * And RFC 4733 DTMF: Ana's phone sends telephone-events (RTCDTMFSender); baresip decodes them.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HubConfig } from '../../src-common/hub-config';
import { demoHubConfig } from '../../src-hub/demo/demo-config';
import { HUB_DB_FILE, startHub, type RunningHub } from '../../src-hub/embedded';
import { startBaresipCaller, type BaresipCaller, type BaresipEvent } from './support/baresip';
import { openPhoneBrowser, waitFor, type PageEvent, type PhoneBrowser } from './support/phone-browser';
import { startRig, type Rig } from './support/rig';

const SECRET = 'interop-transfer-routing-secret';
const ANA_AOR = 'sip:ana@lab.centralita';
const JORDI_AOR = 'sip:jordi@lab.centralita';
const CONTACT_CENTER_NUMBER = '5000';
const CALLER_NUMBER = '+34600100200';

let hub: RunningHub;
let hubDir: string;
let rig: Rig;
let work: string;
let ana: PhoneBrowser;
let jordi: PhoneBrowser;
let caller: BaresipCaller;
let webCaller: PhoneBrowser;

function hubConfig(): HubConfig {
  const demo = demoHubConfig();
  return {
    ...demo,
    // Only Ana takes contact-center calls here; Jordi is reached by transfer, by his AOR.
    users: demo.users.map((u) => (u.id === 'ana' ? { ...u, skills: { ...u.skills, voz: 5 } } : u)),
    voice: { ...demo.voice, routingSecret: SECRET, numbers: { [CONTACT_CENTER_NUMBER]: 'soporte-voz' } },
  };
}

function storedItem(id: string): { state: string; agent_id: string | null } | undefined {
  const db = new Database(join(hubDir, HUB_DB_FILE), { readonly: true, fileMustExist: true });
  try {
    return db.prepare('SELECT state, agent_id FROM work_items WHERE id = ?').get(id) as never;
  } finally {
    db.close();
  }
}

const calls = (events: PageEvent[], type: 'incoming-call' | 'call-updated'): PageEvent[] => events.filter((event) => event.type === type);

/** The last state the phone reported for a call. */
async function lastCall(phone: PhoneBrowser, callId: string): Promise<PageEvent['call'] | undefined> {
  return (await phone.events()).filter((event) => event.call?.id === callId).at(-1)?.call;
}

async function waitForCallState(phone: PhoneBrowser, callId: string, state: string, what: string, timeoutMs = 10_000): Promise<NonNullable<PageEvent['call']>> {
  return waitFor(async () => {
    const call = await lastCall(phone, callId);
    return call?.state === state ? call : undefined;
  }, what, timeoutMs);
}

function callerEvents(type: string, since: number): BaresipEvent[] {
  return caller.events.slice(since).filter((event) => event.type === type);
}

/** The caller dials the contact-center number; Ana (ready) rings with the hub's item and answers. */
async function callerReachesAna(): Promise<{ anaCallId: string; itemId: string; callerCallId: string }> {
  const anaBefore = calls(await ana.events(), 'incoming-call').length;
  const since = caller.events.length;
  expect(hub.center.setState('ana', 'ready', null).ok).toBe(true);
  await caller.command('dial', `sip:${CONTACT_CENTER_NUMBER}@127.0.0.1:${rig.env.SIP_PORT}`);
  const ringing = await waitFor(async () => calls(await ana.events(), 'incoming-call')[anaBefore], 'Ana’s phone to ring');
  expect(ringing.call?.remote.number).toBe(CALLER_NUMBER);
  const anaCallId = ringing.call?.id ?? '';
  const itemId = ringing.call?.itemId ?? '';
  expect(itemId).not.toBe('');
  expect(await ana.execute({ type: 'answer', callId: anaCallId })).toMatchObject({ ok: true });
  await waitForCallState(ana, anaCallId, 'active', 'Ana’s call to be active');
  const established = await waitFor(() => callerEvents('CALL_ESTABLISHED', since)[0], 'the caller to see the call answered');
  await waitFor(async () => ((await ana.inboundPackets(anaCallId)) > 0 ? true : undefined), 'the caller’s RTP at Ana’s phone');
  await waitFor(() => (storedItem(itemId)?.state === 'accepted' ? true : undefined), 'the hub to accept Ana’s offer');
  return { anaCallId, itemId, callerCallId: established.id ?? '' };
}

/** Jordi's phone rings for the transferred caller; returns the new incoming call. */
async function jordiRings(before: number): Promise<PageEvent> {
  return waitFor(async () => calls(await jordi.events(), 'incoming-call')[before], 'Jordi’s phone to ring', 15_000);
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'centralita-interop-transfer-'));
  hubDir = join(work, 'hub');
  hub = await startHub({ port: 0, dataDir: hubDir, config: hubConfig(), seedDemoData: true, logger: pino({ level: 'silent' }) });
  rig = await startRig({ staticAor: 'sip:nobody@lab.centralita', hub: { url: hub.url, secret: SECRET } });
  ana = await openPhoneBrowser();
  await ana.startPhone({ serverUrl: rig.env.WS_URL, aor: ANA_AOR, dtmfMode: 'rfc4733', iceGatheringTimeoutMs: 500 });
  jordi = await openPhoneBrowser();
  await jordi.startPhone({ serverUrl: rig.env.WS_URL, aor: JORDI_AOR, dtmfMode: 'rfc4733', iceGatheringTimeoutMs: 500 });
  caller = await startBaresipCaller({ sipPort: rig.env.SIP_PORT, user: CALLER_NUMBER });
  webCaller = await openPhoneBrowser();
  await webCaller.startPhone({ serverUrl: rig.env.WS_URL, aor: `sip:${CALLER_NUMBER}@lab.centralita`, iceGatheringTimeoutMs: 500 });
});

afterAll(async () => {
  await ana?.close();
  await jordi?.close();
  await webCaller?.close();
  await caller?.stop();
  await rig?.stop();
  await hub?.stop();
  if (work) rmSync(work, { recursive: true, force: true });
});

async function report(): Promise<void> {
  console.log(
    'ana:', JSON.stringify((await ana.events()).slice(-6)),
    '\njordi:', JSON.stringify((await jordi.events()).slice(-6)),
    '\ncaller:', JSON.stringify(caller.events.slice(-10)),
    '\n', caller.log(), '\n', rig.kamailioLog(), '\n', rig.rtpengineLog(),
  );
}

/** Ends the caller's call from Jordi's side and wraps Ana's item up, so the next test starts clean. */
async function finish(jordiCallId: string, itemId: string): Promise<void> {
  const since = caller.events.length;
  expect(await jordi.execute({ type: 'hangup', callId: jordiCallId })).toMatchObject({ ok: true });
  await waitFor(() => callerEvents('CALL_CLOSED', since)[0], 'the caller to see Jordi hang up');
  expect(hub.center.endWork('ana', itemId).ok).toBe(true);
  expect(hub.center.wrapUp('ana', itemId, 'escalated', 'Transferred to Jordi').ok).toBe(true);
}

describe('baresip caller → Kamailio → hub → Ana’s phone, transferred to Jordi’s phone', () => {
  it('sends RFC 4733 DTMF from the phone that the caller decodes from RTP', async () => {
    const { anaCallId, itemId } = await callerReachesAna();
    try {
      const since = caller.events.length;
      expect(await ana.execute({ type: 'sendDtmf', callId: anaCallId, digits: '19#' })).toMatchObject({ ok: true });
      const digits = await waitFor(() => {
        const received = callerEvents('CALL_DTMF_START', since).map((event) => event.param).join('');
        return received.length >= 3 ? received : undefined;
      }, 'the digits at the caller');
      expect(digits).toBe('19#');
      // In RTP, not SIP INFO: the caller's SIP trace shows the INVITE it sent and no INFO at all.
      const trace = caller.sipTrace();
      expect(trace).toMatch(/^INVITE sip:5000@/m);
      expect(trace).not.toMatch(/^INFO sip:/m);
      expect(await lastCall(ana, anaCallId)).toMatchObject({ dtmfSent: '19#' });
      const sinceHangup = caller.events.length;
      expect(await ana.execute({ type: 'hangup', callId: anaCallId })).toMatchObject({ ok: true });
      await waitFor(() => callerEvents('CALL_CLOSED', sinceHangup)[0], 'the caller to see Ana hang up');
      expect(hub.center.endWork('ana', itemId).ok).toBe(true);
      expect(hub.center.wrapUp('ana', itemId, 'resolved', 'DTMF check').ok).toBe(true);
    } catch (failure) {
      await report();
      throw failure;
    }
  });

  it('blind transfer: Ana refers the caller to Jordi’s AOR; Jordi’s phone rings and answers; media flows caller ⇄ Jordi; Ana’s call ends as transferred', async () => {
    const { anaCallId, itemId, callerCallId } = await callerReachesAna();
    try {
      const jordiBefore = calls(await jordi.events(), 'incoming-call').length;
      const since = caller.events.length;
      expect(await ana.execute({ type: 'blindTransfer', callId: anaCallId, target: 'jordi' })).toMatchObject({ ok: true });

      const ringing = await jordiRings(jordiBefore);
      expect(ringing.call?.remote.number).toBe(CALLER_NUMBER);
      const jordiCallId = ringing.call?.id ?? '';
      expect(await jordi.execute({ type: 'answer', callId: jordiCallId })).toMatchObject({ ok: true });
      await waitForCallState(jordi, jordiCallId, 'active', 'Jordi’s call to be active');

      const anaEnded = await waitForCallState(ana, anaCallId, 'ended', 'Ana’s call to end');
      expect(anaEnded.endReason).toBe('transferred');
      // baresip followed the REFER with a new call to Jordi and let Ana's call go (baresip 1.0
      // names the event TRANSFER, later versions CALL_TRANSFER).
      const transfer = caller.events.slice(since).find((event) => /^(CALL_)?TRANSFER$/.test(event.type));
      expect(transfer?.param).toMatch(/sip:jordi@lab\.centralita/);
      const toJordi = await waitFor(() => callerEvents('CALL_ESTABLISHED', since).find((event) => event.id !== callerCallId), 'the caller’s new call to Jordi');
      await waitFor(() => callerEvents('CALL_CLOSED', since).find((event) => event.id === callerCallId), 'the caller’s call with Ana to close');

      const received = await waitFor(async () => ((await jordi.inboundPackets(jordiCallId)) > 0 ? jordi.inboundPackets(jordiCallId) : undefined), 'the caller’s RTP at Jordi’s phone');
      expect(received).toBeGreaterThan(0);
      expect(await waitFor(() => callerEvents('CALL_RTPESTAB', since).find((event) => event.id === toJordi.id), 'Jordi’s RTP at the caller')).toBeDefined();
      await finish(jordiCallId, itemId);
    } catch (failure) {
      await report();
      throw failure;
    }
  });
});

/*
 * Attended transfer needs a transferee that turns the Refer-To's `?Replaces=` into a Replaces
 * header (RFC 3261 §19.1.5, RFC 3891). Debian 12's baresip 1.0 does not: it dials the URI with
 * the header still inside, so Jordi would get a plain new call. The transferee here is therefore
 * a third phone in Chromium (our engine, which follows REFER through SIP.js), calling the
 * contact-center number over WebSocket like a web caller.
 */
describe('web caller → Kamailio → hub → Ana’s phone, attended transfer to Jordi’s phone', () => {
  it('Ana consults Jordi, then completes; the caller’s INVITE with Replaces takes over the consultation at Jordi; both of Ana’s calls end', async () => {
    const anaBefore = calls(await ana.events(), 'incoming-call').length;
    const jordiBefore = calls(await jordi.events(), 'incoming-call').length;
    expect(hub.center.setState('ana', 'ready', null).ok).toBe(true);
    const dialled = await webCaller.execute({ type: 'dial', target: CONTACT_CENTER_NUMBER });
    expect(dialled).toMatchObject({ ok: true });
    const callerFirstCallId = (dialled as { value: { callId: string } }).value.callId;
    const ringing = await waitFor(async () => calls(await ana.events(), 'incoming-call')[anaBefore], 'Ana’s phone to ring');
    expect(ringing.call?.remote.number).toBe(CALLER_NUMBER);
    const anaCallId = ringing.call?.id ?? '';
    const itemId = ringing.call?.itemId ?? '';
    let consultCallId = '';
    try {
      expect(await ana.execute({ type: 'answer', callId: anaCallId })).toMatchObject({ ok: true });
      await waitForCallState(webCaller, callerFirstCallId, 'active', 'the caller’s call to be answered');
      await waitFor(() => (storedItem(itemId)?.state === 'accepted' ? true : undefined), 'the hub to accept Ana’s offer');
      // They talk first (media both ways), as before any real consultation; a hold re-INVITE
      // that races the caller's own answer processing would meet 491 Request Pending.
      await waitFor(async () => ((await ana.inboundPackets(anaCallId)) > 0 ? true : undefined), 'the caller’s RTP at Ana’s phone');
      await waitFor(async () => ((await webCaller.inboundPackets(callerFirstCallId)) > 0 ? true : undefined), 'Ana’s RTP at the caller');

      const started = await ana.execute({ type: 'attendedTransferStart', callId: anaCallId, target: 'jordi' });
      expect(started).toMatchObject({ ok: true });
      consultCallId = (started as { value: { callId: string } }).value.callId;
      expect(await lastCall(ana, anaCallId)).toMatchObject({ state: 'held' });

      const consultRinging = await jordiRings(jordiBefore);
      expect(consultRinging.call?.remote.number).toBe('ana');
      const jordiConsultId = consultRinging.call?.id ?? '';
      expect(await jordi.execute({ type: 'answer', callId: jordiConsultId })).toMatchObject({ ok: true });
      await waitForCallState(ana, consultCallId, 'active', 'the consultation call to be active');
      // Two browsers through rtpengine: Ana's voice reaches Jordi while the caller waits on hold.
      await waitFor(async () => ((await jordi.inboundPackets(jordiConsultId)) > 0 ? true : undefined), 'Ana’s RTP at Jordi during the consultation');

      expect(await ana.execute({ type: 'attendedTransferComplete', callId: anaCallId, consultCallId })).toMatchObject({ ok: true });

      // The caller's new INVITE carries Replaces: Jordi's engine answers it at once (no ring to act on).
      const replacing = await jordiRings(jordiBefore + 1);
      expect(replacing.call?.remote.number).toBe(CALLER_NUMBER);
      const jordiCallId = replacing.call?.id ?? '';
      await waitForCallState(jordi, jordiCallId, 'active', 'the caller’s call at Jordi to be active');
      expect((await waitForCallState(jordi, jordiConsultId, 'ended', 'the consultation at Jordi to be replaced')).endReason).toBe('replaced');

      const anaCallerLeg = await waitForCallState(ana, anaCallId, 'ended', 'Ana’s call with the caller to end');
      const anaConsultLeg = await waitForCallState(ana, consultCallId, 'ended', 'Ana’s consultation call to end');
      expect(anaCallerLeg.endReason).toBe('transferred');
      // Jordi's phone BYEs the replaced consultation, usually before the caller's NOTIFY 200
      // reaches Ana; once the REFER was accepted, the engine reads that BYE as the transfer.
      expect(anaConsultLeg.endReason).toBe('transferred');
      expect((await waitForCallState(webCaller, callerFirstCallId, 'ended', 'the caller’s call with Ana to end')).endReason).toBe('transferred');

      // Media caller ⇄ Jordi on the new call, measured at both ends.
      const callerNewCall = (await webCaller.events()).find((event) => event.type === 'call-updated' && event.call?.id !== callerFirstCallId && event.call?.direction === 'outbound');
      const callerNewCallId = callerNewCall?.call?.id ?? '';
      await waitForCallState(webCaller, callerNewCallId, 'active', 'the caller’s new call to Jordi to be active');
      expect(await waitFor(async () => ((await jordi.inboundPackets(jordiCallId)) > 0 ? true : undefined), 'the caller’s RTP at Jordi’s phone')).toBe(true);
      expect(await waitFor(async () => ((await webCaller.inboundPackets(callerNewCallId)) > 0 ? true : undefined), 'Jordi’s RTP at the caller')).toBe(true);

      expect(await jordi.execute({ type: 'hangup', callId: jordiCallId })).toMatchObject({ ok: true });
      expect((await waitForCallState(webCaller, callerNewCallId, 'ended', 'the caller to see Jordi hang up')).endReason).toBe('remote-hangup');
      expect(hub.center.endWork('ana', itemId).ok).toBe(true);
      expect(hub.center.wrapUp('ana', itemId, 'escalated', 'Transferred to Jordi after consulting').ok).toBe(true);
    } catch (failure) {
      // The consultation is a browser-to-browser call through rtpengine: its SDP tells why media failed.
      console.log('web caller:', JSON.stringify((await webCaller.events()).slice(-6)), '\nconsultation SDP at Ana:', JSON.stringify(consultCallId ? await ana.sdp(consultCallId) : null));
      await report();
      throw failure;
    }
  });
});
