/**
 * The voice routing API as Kamailio uses it, against a real hub on a temp SQLite file: which
 * agent's phone rings, callers waiting in queue, abandoned calls, ring failures, and the API's
 * door (secret, client address, malformed questions).
 */
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { HubConfig } from '../../../src-common/hub-config';
import { demoHubConfig } from '../../../src-hub/demo/demo-config';
import { ManualClock } from './support/manual-clock';
import { login, TestSocket } from './support/hub-client';
import { startTestHub, type TestHub } from './support/test-hub';

const SECRET = 'test-voice-routing-secret';
const MARIA = '+34600100200';

/** The demo centre, with Ana able to take calls and Jordi's phone registered as "jpuig". */
function voiceConfig(overrides: Partial<HubConfig['voice']> = {}): HubConfig {
  const demo = demoHubConfig();
  return {
    ...demo,
    users: demo.users.map((u) => (u.id === 'ana' ? { ...u, skills: { ...u.skills, voz: 5 } } : u.id === 'jordi' ? { ...u, sipUser: 'jpuig' } : u)),
    voice: { ...demo.voice, routingSecret: SECRET, numbers: { '5000': 'soporte-voz' }, defaultQueueId: undefined, ...overrides },
  };
}

interface Answer {
  status: number;
  body: Record<string, unknown>;
}

async function waitUntil<T>(probe: () => T | undefined, timeoutMs = 3000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('voice routing API', () => {
  const hubs: TestHub[] = [];
  afterEach(async () => {
    for (const h of hubs.splice(0)) await h.cleanup();
  });
  const start = async (config = voiceConfig(), clock?: ManualClock): Promise<TestHub> => {
    const hub = await startTestHub({ seedDemoData: true, config, clock });
    hubs.push(hub);
    return hub;
  };
  const ask = async (hub: TestHub, action: string, params: Record<string, string>, secret: string | null = SECRET): Promise<Answer> => {
    const res = await fetch(`${hub.url}/api/voice/${action}?${new URLSearchParams(params).toString()}`, { headers: secret === null ? {} : { 'x-centralita-voice-secret': secret } });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  /** What Kamailio's onreply/CANCEL handlers send: a POST with a form body. */
  const tell = async (hub: TestHub, action: 'answered' | 'abandoned', callId: string): Promise<Answer> => {
    const res = await fetch(`${hub.url}/api/voice/${action}`, {
      method: 'POST',
      headers: { 'x-centralita-voice-secret': SECRET, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ callId }).toString(),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  const ready = (hub: TestHub, agentId: string): void => {
    const result = hub.center.setState(agentId, 'ready', null);
    expect(result.ok).toBe(true);
  };

  it('rings the ready agent at their AOR, with the offer the desktop sees and the caller found by number', async () => {
    const hub = await start();
    ready(hub, 'ana');
    const answer = await ask(hub, 'route', { callId: 'call-1@sipp', from: '600100200', to: '5000' });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ action: 'ring', aor: 'sip:ana@lab.centralita', agentId: 'ana' });
    expect(answer.body.ringMs).toBeGreaterThan(25_000);
    const offers = hub.center.snapshot('ana')?.offers ?? [];
    expect(offers).toHaveLength(1);
    expect(offers[0]).toMatchObject({ offerId: answer.body.offerId, item: { id: answer.body.itemId, channel: 'voice', queueId: 'soporte-voz', from: MARIA, customerId: 'cust-maria' } });

    const answered = await tell(hub, 'answered', 'call-1@sipp');
    expect(answered).toEqual({ status: 200, body: { itemId: answer.body.itemId, agentId: 'ana', state: 'accepted' } });
    const snapshot = hub.center.snapshot('ana');
    expect(snapshot?.offers).toEqual([]);
    expect(snapshot?.items.map((i) => [i.id, i.state])).toEqual([[answer.body.itemId, 'accepted']]);
    expect(snapshot?.presence.state).toBe('busy');
    // A retransmitted 200 OK tells the hub twice: harmless.
    expect((await tell(hub, 'answered', 'call-1@sipp')).status).toBe(200);
  });

  it('names a new caller after their display name until an agent corrects it, never after a placeholder or their number', async () => {
    const hub = await start();
    const nameOf = async (callId: string, from: string, name: string): Promise<string | undefined> => {
      expect((await ask(hub, 'route', { callId, from, to: '5000', name })).status).toBe(202);
      return hub.center.customers.findByIdentity({ kind: 'phone', value: from })?.customer.name;
    };
    expect(await nameOf('named-1', '+34699000111', '"Joan Serra\u0007"')).toBe('Joan Serra');
    expect(await nameOf('named-2', '+34699000222', 'Anonymous')).toBe('+34699000222');
    expect(await nameOf('named-3', '+34699000333', '+34 699 000 333')).toBe('+34699000333');
    // A known customer keeps their name whatever the network says.
    expect(await nameOf('named-4', MARIA, 'Someone Else')).toBe('María García López');
  });

  it('keeps a caller waiting while nobody is free, then rings the first agent who becomes ready', async () => {
    const hub = await start();
    const waiting = await ask(hub, 'route', { callId: 'call-2', from: MARIA, to: '5000' });
    expect(waiting).toMatchObject({ status: 202, body: { action: 'wait', retryMs: 250 } });
    expect((await ask(hub, 'route', { callId: 'call-2', from: MARIA, to: '5000' })).status).toBe(202);
    expect(hub.center.waitingCount()).toBe(1);

    ready(hub, 'jordi');
    const ring = await ask(hub, 'route', { callId: 'call-2', from: MARIA, to: '5000' });
    expect(ring).toMatchObject({ status: 200, body: { action: 'ring', aor: 'sip:jpuig@lab.centralita', agentId: 'jordi', itemId: waiting.body.itemId } });
    expect(hub.center.snapshot('jordi')?.offers[0]?.item.id).toBe(waiting.body.itemId);
    expect(hub.center.waitingCount()).toBe(0);
  });

  it('resumes a parked caller in the SIP server the moment an agent is offered the call', async () => {
    const hub = await start();
    // Stands in for Kamailio's /centralita/resume (xhttp): records what the hub pushes.
    const pushed: Array<{ secret: string | undefined; body: Record<string, unknown> }> = [];
    const sipServer = createServer((req: IncomingMessage, res) => {
      let text = '';
      req.on('data', (chunk: Buffer) => (text += chunk.toString()));
      req.on('end', () => {
        pushed.push({ secret: req.headers['x-centralita-voice-secret'] as string | undefined, body: JSON.parse(text) as Record<string, unknown> });
        res.end('resumed');
      });
    });
    await new Promise<void>((resolve) => sipServer.listen(0, '127.0.0.1', resolve));
    try {
      const resume = `http://127.0.0.1:${(sipServer.address() as AddressInfo).port}/centralita/resume`;
      const waiting = await ask(hub, 'route', { callId: 'call-p', from: MARIA, to: '5000' });
      expect(waiting.status).toBe(202);
      const parked = await ask(hub, 'park', { callId: 'call-p', tindex: '4242', tlabel: '77', resume });
      expect(parked).toEqual({ status: 202, body: { action: 'parked', itemId: waiting.body.itemId } });
      expect(pushed).toEqual([]);

      ready(hub, 'ana');
      const offer = hub.center.snapshot('ana')?.offers[0];
      const push = await waitUntil(() => pushed[0]);
      expect(push.secret).toBe(SECRET);
      expect(push.body).toMatchObject({ tindex: 4242, tlabel: 77, action: 'ring', aor: 'sip:ana@lab.centralita', itemId: waiting.body.itemId, offerId: offer?.offerId, agentId: 'ana' });

      // The resume URL must point back at an allowed SIP server (no pushes to anywhere else).
      const elsewhere = await ask(hub, 'park', { callId: 'call-p', tindex: '1', tlabel: '1', resume: 'http://192.0.2.1/centralita/resume' });
      expect(elsewhere).toMatchObject({ status: 400, body: { error: { message: 'Invalid "resume": an http URL on an allowed SIP server is required.' } } });
      expect((await ask(hub, 'park', { callId: 'never-seen', tindex: '1', tlabel: '1', resume })).status).toBe(404);
    } finally {
      await new Promise((resolve) => sipServer.close(resolve));
    }
  });

  it('marks a call abandoned when the caller hangs up in queue, and never offers it', async () => {
    const hub = await start();
    const waiting = await ask(hub, 'route', { callId: 'call-3', from: MARIA, to: '5000' });
    const abandoned = await tell(hub, 'abandoned', 'call-3');
    expect(abandoned).toEqual({ status: 200, body: { itemId: waiting.body.itemId, state: 'abandoned' } });
    expect(hub.center.waitingCount()).toBe(0);
    ready(hub, 'ana');
    expect(hub.center.snapshot('ana')?.offers).toEqual([]);
    // Kamailio's retry loop may still ask once: it is told to end the call, no new item starts.
    expect(await ask(hub, 'route', { callId: 'call-3', from: MARIA, to: '5000' })).toEqual({ status: 410, body: { action: 'end', itemId: waiting.body.itemId, reason: 'abandoned' } });
    expect(hub.center.waitingCount()).toBe(0);
  });

  it('revokes the ringing agent’s offer when the caller hangs up during the ring, and frees the agent', async () => {
    const hub = await start();
    ready(hub, 'ana');
    const ring = await ask(hub, 'route', { callId: 'call-4', from: MARIA, to: '5000' });
    expect(ring.status).toBe(200);
    expect((await tell(hub, 'abandoned', 'call-4')).body).toMatchObject({ state: 'abandoned' });
    expect(hub.center.snapshot('ana')?.offers).toEqual([]);
    // Ana is free again: the next caller rings her.
    const next = await ask(hub, 'route', { callId: 'call-5', from: '+34600999888', to: '5000' });
    expect(next.body).toMatchObject({ action: 'ring', agentId: 'ana' });
    // An answered call cannot be abandoned.
    expect((await tell(hub, 'answered', 'call-5')).status).toBe(200);
    expect(await tell(hub, 'abandoned', 'call-5')).toMatchObject({ status: 409, body: { error: { code: 'conflict' } } });
  });

  it('takes a ringing call only from the phone answering it: a desktop accept is refused and the caller keeps ringing', async () => {
    const hub = await start();
    const desktop = await TestSocket.open(hub.url);
    try {
      await desktop.hello((await login(hub.url, 'ana')).token);
      expect((await desktop.request('setState', { state: 'ready', reasonCode: null })).ok).toBe(true);
      const ring = await ask(hub, 'route', { callId: 'call-6', from: MARIA, to: '5000' });
      expect(ring.body).toMatchObject({ action: 'ring', agentId: 'ana' });
      // The offer's Answer pressed in a window whose phone never got the INVITE (it rang on a
      // phone the agent left behind): accepting here would leave the caller unanswered.
      const refused = await desktop.request('acceptOffer', { offerId: String(ring.body.offerId) });
      expect(refused).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringContaining("rings on the agent's phone") } });
      expect(hub.center.snapshot('ana')?.offers.map((o) => o.offerId)).toEqual([ring.body.offerId]);
      // The phone's answer takes it.
      expect((await tell(hub, 'answered', 'call-6')).body).toMatchObject({ agentId: 'ana', state: 'accepted' });
    } finally {
      desktop.close();
    }
  });

  it('moves an unanswered ring to the next agent when the offer expires, and a rejected ring at once', async () => {
    const clock = new ManualClock();
    const hub = await start(voiceConfig(), clock);
    ready(hub, 'ana');
    clock.advance(1000);
    ready(hub, 'jordi');
    const first = await ask(hub, 'route', { callId: 'call-6', from: MARIA, to: '5000' });
    expect(first.body).toMatchObject({ action: 'ring', agentId: 'ana', ringMs: 30_000 });

    // Kamailio's ring timer (ringMs) ends with 408 a moment before the hub's offer timer.
    clock.advance(29_990);
    const meanwhile = await ask(hub, 'route', { callId: 'call-6', from: MARIA, to: '5000', failedOffer: String(first.body.offerId), failedStatus: '408' });
    expect(meanwhile.body).toMatchObject({ action: 'wait' });
    clock.advance(20);
    const second = await ask(hub, 'route', { callId: 'call-6', from: MARIA, to: '5000' });
    expect(second.body).toMatchObject({ action: 'ring', agentId: 'jordi', aor: 'sip:jpuig@lab.centralita', itemId: first.body.itemId });

    // Jordi rejects on his phone (486): the offer is declined without waiting for its timer.
    const third = await ask(hub, 'route', { callId: 'call-6', from: MARIA, to: '5000', failedOffer: String(second.body.offerId), failedStatus: '486' });
    expect(third.body).toMatchObject({ action: 'ring', agentId: 'ana' });
    expect(hub.center.snapshot('jordi')?.offers).toEqual([]);

    // Ana's phone cannot take the call's media (488): the call moves on at once, and it is not a
    // missed offer of hers (she stays Ready).
    const fourth = await ask(hub, 'route', { callId: 'call-6', from: MARIA, to: '5000', failedOffer: String(third.body.offerId), failedStatus: '488' });
    expect(fourth.body).not.toMatchObject({ agentId: 'ana' });
    expect(hub.center.snapshot('ana')?.offers).toEqual([]);
    expect(hub.center.snapshot('ana')?.presence.state).toBe('ready');
  });

  it('sets an agent whose phone never replied Not Ready (phone offline) and rings the next agent at once; the phone coming back makes them Ready', async () => {
    const clock = new ManualClock();
    const hub = await start(voiceConfig(), clock);
    ready(hub, 'ana');
    clock.advance(1000);
    ready(hub, 'jordi');
    const first = await ask(hub, 'route', { callId: 'call-7', from: MARIA, to: '5000' });
    expect(first.body).toMatchObject({ action: 'ring', agentId: 'ana' });

    // Kamailio heard nothing from Ana's phone within its no-reply time (4 s), far inside the offer.
    clock.advance(4000);
    const next = await ask(hub, 'route', { callId: 'call-7', from: MARIA, to: '5000', failedOffer: String(first.body.offerId), failedStatus: '408', failedNoReply: '1' });
    expect(next.body).toMatchObject({ action: 'ring', agentId: 'jordi', itemId: first.body.itemId });
    expect(hub.center.snapshot('ana')?.presence).toMatchObject({ state: 'not-ready', reasonCode: 'phone-offline' });
    expect(hub.center.snapshot('ana')?.offers).toEqual([]);

    // Her phone reconnects and registers: the desktop reports it, and she is Ready again.
    hub.center.readiness.report('ana', { problems: ['phone-unregistered'] });
    hub.center.readiness.report('ana', { problems: [] });
    expect(hub.center.snapshot('ana')?.presence.state).toBe('ready');
  });

  it('leaves alone an agent whose desktop reported the phone back after the unanswered ring began', async () => {
    const clock = new ManualClock();
    const hub = await start(voiceConfig(), clock);
    ready(hub, 'ana');
    const first = await ask(hub, 'route', { callId: 'call-8', from: MARIA, to: '5000' });
    expect(first.body).toMatchObject({ action: 'ring', agentId: 'ana' });
    clock.advance(2000);
    hub.center.readiness.report('ana', { problems: ['phone-unregistered'] });
    clock.advance(500);
    hub.center.readiness.report('ana', { problems: [] });
    clock.advance(1500);
    await ask(hub, 'route', { callId: 'call-8', from: MARIA, to: '5000', failedOffer: String(first.body.offerId), failedStatus: '408', failedNoReply: '1' });
    expect(hub.center.snapshot('ana')?.presence.state).not.toBe('not-ready');
    expect((await ask(hub, 'route', { callId: 'call-9', from: MARIA, to: '5000', failedNoReply: 'yes' })).status).toBe(400);
  });

  it('refuses callers without the shared secret, and is off until a secret is configured', async () => {
    const hub = await start();
    const missing = await ask(hub, 'route', { callId: 'x', from: MARIA, to: '5000' }, null);
    expect(missing).toMatchObject({ status: 401, body: { error: { code: 'unauthenticated' } } });
    expect((await ask(hub, 'route', { callId: 'x', from: MARIA, to: '5000' }, 'wrong-secret-of-some-length')).status).toBe(401);
    expect(hub.center.waitingCount()).toBe(0);

    const unconfigured = await start(voiceConfig({ routingSecret: undefined }));
    expect((await ask(unconfigured, 'route', { callId: 'x', from: MARIA, to: '5000' })).status).toBe(503);
    const elsewhere = await start(voiceConfig({ routingClients: ['10.1.2.3'] }));
    expect((await ask(elsewhere, 'route', { callId: 'x', from: MARIA, to: '5000' })).status).toBe(403);
  });

  it('answers malformed questions with 400 naming the field, and unknown numbers with 404', async () => {
    const hub = await start();
    expect(await ask(hub, 'route', { from: MARIA, to: '5000' })).toEqual({ status: 400, body: { error: { code: 'bad-request', message: 'Missing or invalid "callId".' } } });
    const spaced = await ask(hub, 'route', { callId: 'c', from: MARIA, to: '50 00' });
    expect(spaced.status).toBe(400);
    expect((spaced.body.error as { message: string }).message).toMatch(/^Invalid "to": /);
    expect((await ask(hub, 'route', { callId: 'c', from: MARIA, to: '5000', failedStatus: 'soon' })).status).toBe(400);
    expect(await ask(hub, 'route', { callId: 'c', from: MARIA, to: '7777' })).toEqual({ status: 404, body: { error: { code: 'not-found', message: 'No queue answers the number 7777.' } } });
    expect((await tell(hub, 'answered', 'never-seen')).status).toBe(404);
    expect(hub.center.waitingCount()).toBe(0);
  });
});
