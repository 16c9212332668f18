/**
 * Voice interop with the hub deciding: a sipp caller over UDP/RTP dials the contact-center
 * number; Kamailio asks a real hub (started here, temp SQLite) which agent gets the call; Ana's
 * phone (our engine in Chromium) rings with the X-Centralita-Item header while the hub holds
 * the offer for her; answering on the phone accepts the offer in the hub. And a caller who
 * hangs up while queued becomes an abandoned item.
 * Run with `npm run test:interop` (scripts/rig/install.sh needs apt access the first time).
 */
import Database from 'better-sqlite3';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HubConfig } from '../../src-common/hub-config';
import { demoHubConfig } from '../../src-hub/demo/demo-config';
import { HUB_DB_FILE, startHub, type RunningHub } from '../../src-hub/embedded';
import { openPhoneBrowser, waitFor, type PhoneBrowser } from './support/phone-browser';
import { freePorts, runSipp, sippScenario, startRig, udpArrivedAt, writeToneFile, type Rig } from './support/rig';
import { registerSilentPhone } from './support/silent-phone';

const SECRET = 'interop-voice-routing-secret';
const ANA_AOR = 'sip:ana@lab.centralita';
const JORDI_AOR = 'sip:jordi@lab.centralita';
const CONTACT_CENTER_NUMBER = '5000';
/** A second voice queue whose calls the agent's phone answers by itself (queue autoAnswer). */
const AUTO_ANSWER_NUMBER = '5001';

let hub: RunningHub;
let hubDir: string;
let rig: Rig;
let work: string;
let phone: PhoneBrowser;
let jordiPhone: PhoneBrowser;

function hubConfig(): HubConfig {
  const demo = demoHubConfig();
  return {
    ...demo,
    // Ana takes calls here; Jordi (a voice agent in the demo) only when the last test makes him ready.
    users: demo.users.map((u) => (u.id === 'ana' ? { ...u, skills: { ...u.skills, voz: 5 } } : u)),
    // Short offers, so the unanswered-ring case takes seconds; Ana answers the others well within.
    offerTimeoutSeconds: 5,
    maxMissedOffers: 3,
    queues: [...demo.queues, { id: 'soporte-voz-auto', name: 'Soporte (voz, respuesta automática)', channel: 'voice', priority: 30, requiredSkills: { voz: 3 }, autoAnswer: { afterSeconds: 0 }, serviceLevel: { thresholdSeconds: 20, target: 0.8 }, maxWaitSeconds: 60 }],
    voice: { ...demo.voice, routingSecret: SECRET, numbers: { [CONTACT_CENTER_NUMBER]: 'soporte-voz', [AUTO_ANSWER_NUMBER]: 'soporte-voz-auto' } },
  };
}

/** Work items as stored by the hub (read-only look at its SQLite file). */
function storedItem(id: string): { state: string; agent_id: string | null; customer_id: string | null; channel: string } | undefined {
  const db = new Database(join(hubDir, HUB_DB_FILE), { readonly: true, fileMustExist: true });
  try {
    return db.prepare('SELECT state, agent_id, customer_id, channel FROM work_items WHERE id = ?').get(id) as never;
  } finally {
    db.close();
  }
}

function latestVoiceItemId(): string | undefined {
  const db = new Database(join(hubDir, HUB_DB_FILE), { readonly: true, fileMustExist: true });
  try {
    const row = db.prepare("SELECT id FROM work_items WHERE channel = 'voice' ORDER BY created_at DESC, rowid DESC LIMIT 1").get() as { id: string } | undefined;
    return row?.id;
  } finally {
    db.close();
  }
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'centralita-interop-cc-'));
  hubDir = join(work, 'hub');
  hub = await startHub({ port: 0, dataDir: hubDir, config: hubConfig(), seedDemoData: true, logger: pino({ level: 'silent' }) });
  rig = await startRig({ staticAor: 'sip:nobody@lab.centralita', hub: { url: hub.url, secret: SECRET } });
  phone = await openPhoneBrowser();
  await phone.startPhone({ serverUrl: rig.env.WS_URL, aor: ANA_AOR, dtmfMode: 'info', iceGatheringTimeoutMs: 500, reconnectMaxDelayMs: 1000 });
  jordiPhone = await openPhoneBrowser();
  await jordiPhone.startPhone({ serverUrl: rig.env.WS_URL, aor: JORDI_AOR, dtmfMode: 'info', iceGatheringTimeoutMs: 500, reconnectMaxDelayMs: 1000 });
});

afterAll(async () => {
  await phone?.close();
  await jordiPhone?.close();
  await rig?.stop();
  await hub?.stop();
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('sipp → Kamailio → hub routing API → agent phone', () => {
  it('queues the caller with ringback until Ana is ready, then rings her phone with the item; answering accepts the offer; media flows both ways', async () => {
    const tone = join(work, 'tone.ulaw');
    writeToneFile(tone);
    const [sipPort, mediaPort] = freePorts(2);
    const messages = join(work, 'queued-caller.log');
    const sipp = runSipp({ scenario: sippScenario('sipp-queued-caller.xml', work, { TONE_FILE: tone }), target: `127.0.0.1:${rig.env.SIP_PORT}`, service: CONTACT_CENTER_NUMBER, localPort: sipPort, mediaPort, messageLog: messages });
    try {
      // Nobody is ready: the call waits in the hub's queue while the caller hears ringback.
      await waitFor(() => (hub.center.waitingCount() === 1 ? true : undefined), 'the call to be queued in the hub');
      const itemId = latestVoiceItemId() ?? '';
      expect(storedItem(itemId)).toMatchObject({ state: 'queued', customer_id: 'cust-maria', channel: 'voice' });
      await waitFor(() => (readFileSync(messages, 'utf8').includes('SIP/2.0 180') ? true : undefined), 'ringback (180) at the caller');
      expect((await phone.events()).some((event) => event.type === 'incoming-call')).toBe(false);

      expect(hub.center.setState('ana', 'ready', null).ok).toBe(true);
      const ringing = await waitFor(async () => (await phone.events()).find((event) => event.type === 'incoming-call'), 'Ana’s phone to ring');
      const offer = hub.center.snapshot('ana')?.offers[0];
      expect(offer?.item.id).toBe(itemId);
      expect(ringing.call?.itemId).toBe(itemId);
      expect(ringing.call?.remote.number).toBe('+34600100200');
      const ringAt = (await phone.timeOrigin()) + ringing.atMs;
      console.log(`offer → ring on the phone (parked caller resumed by the hub): ${Math.round(ringAt - Date.parse(offer?.offeredAt ?? ''))} ms`);

      const callId = ringing.call?.id ?? '';
      await phone.execute({ type: 'answer', callId });
      await waitFor(() => (storedItem(itemId)?.state === 'accepted' ? true : undefined), 'the hub to accept the offer when the phone answered');
      expect(storedItem(itemId)).toMatchObject({ state: 'accepted', agent_id: 'ana' });
      expect(hub.center.snapshot('ana')?.presence.state).toBe('busy');

      const received = await waitFor(async () => ((await phone.inboundPackets(callId)) > 0 ? phone.inboundPackets(callId) : undefined), 'RTP from the caller at the phone');
      const sent = await waitFor(async () => ((await phone.outboundPackets(callId)) > 0 ? phone.outboundPackets(callId) : undefined), 'RTP from the phone');
      expect(received).toBeGreaterThan(0);
      expect(sent).toBeGreaterThan(0);

      // sipp's rtp_stream only sends; what rtpengine relays from the phone waits in its socket.
      expect(await waitFor(() => (udpArrivedAt(mediaPort) > 0 ? true : undefined), 'the phone’s RTP at sipp’s media port')).toBe(true);
      expect(await phone.execute({ type: 'hangup', callId })).toMatchObject({ ok: true });
      const code = await sipp.exit;
      if (code !== 0) console.log(sipp.output(), readFileSync(messages, 'utf8').slice(-4000));
      expect(code).toBe(0);
      expect(readFileSync(messages, 'utf8')).toMatch(/BYE sip:/);
      // What the desktop does after the hang-up: end the work and wrap up, freeing Ana for calls.
      expect(hub.center.endWork('ana', itemId).ok).toBe(true);
      expect(hub.center.wrapUp('ana', itemId, 'resolved', 'Interop call').ok).toBe(true);
      expect(storedItem(itemId)).toMatchObject({ state: 'done' });
    } catch (failure) {
      console.log(rig.kamailioLog());
      throw failure;
    } finally {
      if (sipp.process.exitCode === null) sipp.process.kill('SIGTERM');
      hub.center.setState('ana', 'not-ready', 'break');
    }
  });

  it('turns a caller who hangs up while queued into an abandoned item, and never rings an agent for it', async () => {
    const [sipPort, mediaPort] = freePorts(2);
    const messages = join(work, 'abandoning-caller.log');
    const sipp = runSipp({ scenario: sippScenario('sipp-abandoning-caller.xml', work, { WAIT_MS: '1500' }), target: `127.0.0.1:${rig.env.SIP_PORT}`, service: CONTACT_CENTER_NUMBER, localPort: sipPort, mediaPort, messageLog: messages });
    const before = (await phone.events()).filter((event) => event.type === 'incoming-call').length;
    try {
      await waitFor(() => (hub.center.waitingCount() === 1 ? true : undefined), 'the call to be queued');
      const itemId = latestVoiceItemId() ?? '';
      const code = await sipp.exit;
      if (code !== 0) console.log(sipp.output(), readFileSync(messages, 'utf8').slice(-4000));
      expect(code).toBe(0);
      await waitFor(() => (storedItem(itemId)?.state === 'abandoned' ? true : undefined), 'the item to be abandoned');
      expect(hub.center.waitingCount()).toBe(0);
      // Ana becomes ready afterwards: the abandoned call must not ring her.
      expect(hub.center.setState('ana', 'ready', null).ok).toBe(true);
      await new Promise((resolve) => setTimeout(resolve, 1000));
      expect((await phone.events()).filter((event) => event.type === 'incoming-call')).toHaveLength(before);
      expect(hub.center.snapshot('ana')?.offers).toEqual([]);
    } catch (failure) {
      console.log(sipp.output(), rig.kamailioLog());
      throw failure;
    } finally {
      if (sipp.process.exitCode === null) sipp.process.kill('SIGTERM');
      hub.center.setState('ana', 'not-ready', 'break');
    }
  });

  it('rings a ready agent in the same moment as the offer; an unanswered ring ends with the offer and rings the next agent, who answers', async () => {
    const tone = join(work, 'tone.ulaw');
    writeToneFile(tone);
    // Ana has waited longest, so she is offered the call first; Jordi is next.
    expect(hub.center.setState('ana', 'ready', null).ok).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(hub.center.setState('jordi', 'ready', null).ok).toBe(true);
    const anaBefore = (await phone.events()).filter((event) => event.type === 'incoming-call').length;
    const [sipPort, mediaPort] = freePorts(2);
    const messages = join(work, 'next-agent-caller.log');
    const sipp = runSipp({ scenario: sippScenario('sipp-queued-caller.xml', work, { TONE_FILE: tone }), target: `127.0.0.1:${rig.env.SIP_PORT}`, service: CONTACT_CENTER_NUMBER, localPort: sipPort, mediaPort, messageLog: messages });
    try {
      const anaRing = await waitFor(async () => (await phone.events()).filter((event) => event.type === 'incoming-call')[anaBefore], 'Ana’s phone to ring');
      const anaOffer = hub.center.snapshot('ana')?.offers[0];
      expect(anaRing.call?.itemId).toBe(anaOffer?.item.id);
      const ringAt = (await phone.timeOrigin()) + anaRing.atMs;
      console.log(`offer → ring on the phone (agent ready): ${Math.round(ringAt - Date.parse(anaOffer?.offeredAt ?? ''))} ms`);

      // Ana does not answer: Kamailio's ring timer and the hub's offer end together (5 s), the
      // failure route asks again, and Jordi's phone rings for the same item.
      const jordiRing = await waitFor(async () => (await jordiPhone.events()).find((event) => event.type === 'incoming-call'), 'Jordi’s phone to ring', 12_000);
      const jordiOffer = hub.center.snapshot('jordi')?.offers[0];
      expect(jordiRing.call?.itemId).toBe(anaRing.call?.itemId);
      expect(jordiOffer?.item.id).toBe(anaRing.call?.itemId);
      expect(hub.center.snapshot('ana')?.offers).toEqual([]);
      const anaEnded = (await phone.events()).find((event) => event.type === 'call-updated' && event.call?.id === anaRing.call?.id && event.call?.state === 'ended');
      expect(anaEnded?.call).toMatchObject({ endReason: 'cancelled' });
      const gapMs = (await jordiPhone.timeOrigin()) + jordiRing.atMs - ringAt;
      console.log(`first ring → next agent's ring: ${Math.round(gapMs)} ms (offer timeout 5000 ms)`);
      expect(gapMs).toBeGreaterThan(4500);
      expect(gapMs).toBeLessThan(6500);

      const callId = jordiRing.call?.id ?? '';
      await jordiPhone.execute({ type: 'answer', callId });
      await waitFor(() => (storedItem(jordiRing.call?.itemId ?? '')?.state === 'accepted' ? true : undefined), 'the hub to accept Jordi’s offer');
      expect(storedItem(jordiRing.call?.itemId ?? '')).toMatchObject({ state: 'accepted', agent_id: 'jordi' });
      expect(await waitFor(async () => ((await jordiPhone.inboundPackets(callId)) > 0 ? true : undefined), 'RTP at Jordi’s phone')).toBe(true);
      await jordiPhone.execute({ type: 'hangup', callId });
      expect(await sipp.exit).toBe(0);
    } catch (failure) {
      console.log(JSON.stringify((await phone.events()).slice(-4)), JSON.stringify((await jordiPhone.events()).slice(-4)), hub.center.snapshot("ana")?.presence, rig.kamailioLog());
      throw failure;
    } finally {
      if (sipp.process.exitCode === null) sipp.process.kill('SIGTERM');
      hub.center.setState('ana', 'not-ready', 'break');
      hub.center.setState('jordi', 'not-ready', 'break');
    }
  });
  it('moves the call on within 4 s when the offered agent\'s phone never replies, and sets that agent Not Ready (phone offline), not a missed offer', async () => {
    const tone = join(work, 'tone.ulaw');
    writeToneFile(tone);
    // Marta's phone is registered but deaf (its connection leads nowhere); she has waited longest.
    const marta = await registerSilentPhone(rig.env.WS_URL, 'marta', 'lab.centralita');
    expect(hub.center.setState('marta', 'ready', null).ok).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(hub.center.setState('ana', 'ready', null).ok).toBe(true);
    const anaBefore = (await phone.events()).filter((event) => event.type === 'incoming-call').length;
    const [sipPort, mediaPort] = freePorts(2);
    const messages = join(work, 'silent-agent-caller.log');
    const sipp = runSipp({ scenario: sippScenario('sipp-queued-caller.xml', work, { TONE_FILE: tone }), target: `127.0.0.1:${rig.env.SIP_PORT}`, service: CONTACT_CENTER_NUMBER, localPort: sipPort, mediaPort, messageLog: messages });
    try {
      const offeredAt = await waitFor(() => hub.center.snapshot('marta')?.offers[0]?.offeredAt, 'the call to be offered to Marta');
      await waitFor(() => (marta.invites() > 0 ? true : undefined), 'the INVITE at Marta\'s phone');
      const anaRing = await waitFor(async () => (await phone.events()).filter((event) => event.type === 'incoming-call')[anaBefore], 'Ana\'s phone to ring', 8000);
      const gapMs = (await phone.timeOrigin()) + anaRing.atMs - Date.parse(offeredAt);
      console.log(`offer to a phone that never replied → the next agent's ring: ${Math.round(gapMs)} ms (no-reply time 4000 ms, offer 5000 ms)`);
      // After the no-reply time, well before the offer would have run out.
      expect(gapMs).toBeGreaterThan(3500);
      expect(gapMs).toBeLessThan(4800);
      expect(hub.center.snapshot('marta')?.presence).toMatchObject({ state: 'not-ready', reasonCode: 'phone-offline' });
      expect(hub.center.snapshot('marta')?.offers).toEqual([]);

      const callId = anaRing.call?.id ?? '';
      await phone.execute({ type: 'answer', callId });
      await waitFor(() => (storedItem(anaRing.call?.itemId ?? '')?.state === 'accepted' ? true : undefined), 'the hub to accept Ana\'s offer');
      await phone.execute({ type: 'hangup', callId });
      expect(await sipp.exit).toBe(0);
      expect(hub.center.endWork('ana', anaRing.call?.itemId ?? '').ok).toBe(true);
      expect(hub.center.wrapUp('ana', anaRing.call?.itemId ?? '', 'resolved', '').ok).toBe(true);
    } catch (failure) {
      console.log(JSON.stringify((await phone.events()).slice(-4)), hub.center.snapshot('marta')?.presence, rig.kamailioLog());
      throw failure;
    } finally {
      marta.close();
      if (sipp.process.exitCode === null) sipp.process.kill('SIGTERM');
      hub.center.setState('ana', 'not-ready', 'break');
      hub.center.setState('marta', 'not-ready', 'break');
    }
  });

  it('answers by itself when the queue auto-answers: Kamailio adds the hub\'s Call-Info and the phone picks up', async () => {
    const tone = join(work, 'tone.ulaw');
    writeToneFile(tone);
    expect(hub.center.setState('ana', 'ready', null).ok).toBe(true);
    const before = (await phone.events()).filter((event) => event.type === 'incoming-call').length;
    const [sipPort, mediaPort] = freePorts(2);
    const messages = join(work, 'auto-answer-caller.log');
    const sipp = runSipp({ scenario: sippScenario('sipp-queued-caller.xml', work, { TONE_FILE: tone }), target: `127.0.0.1:${rig.env.SIP_PORT}`, service: AUTO_ANSWER_NUMBER, localPort: sipPort, mediaPort, messageLog: messages });
    try {
      const ring = await waitFor(async () => (await phone.events()).filter((event) => event.type === 'incoming-call')[before], 'Ana’s phone to get the call');
      expect(ring.info?.autoAnswer).toMatchObject({ source: 'call-info', delayMs: 0 });
      const itemId = ring.call?.itemId ?? '';
      // Nobody sends "answer": the phone picks up by itself and the hub accepts the offer.
      await waitFor(() => (storedItem(itemId)?.state === 'accepted' ? true : undefined), 'the hub to accept the auto-answered call');
      const callId = ring.call?.id ?? '';
      expect(await waitFor(async () => ((await phone.inboundPackets(callId)) > 0 ? true : undefined), 'RTP from the caller')).toBe(true);
      await phone.execute({ type: 'hangup', callId });
      expect(await sipp.exit).toBe(0);
      expect(hub.center.endWork('ana', itemId).ok).toBe(true);
      expect(hub.center.wrapUp('ana', itemId, 'resolved', '').ok).toBe(true);
    } catch (failure) {
      console.log(JSON.stringify((await phone.events()).slice(-4)), rig.kamailioLog());
      throw failure;
    } finally {
      if (sipp.process.exitCode === null) sipp.process.kill('SIGTERM');
      hub.center.setState('ana', 'not-ready', 'break');
    }
  });
});
