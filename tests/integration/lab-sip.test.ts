/**
 * The hub's built-in lab SIP proxy, end to end with real parts: a real hub (temp SQLite), its
 * /ws/sip WebSocket, and SIP.js user agents (the stack our phones run) as agents' phones,
 * callers and the simulated outside world.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { SessionState, UserAgent, type Invitation, type Inviter, type Referral, type URI } from 'sip.js';
import type { HubConfig } from '../../src-common/hub-config';
import { demoHubConfig } from '../../src-hub/demo/demo-config';
import { login, TestSocket } from '../unit/hub/support/hub-client';
import { ManualClock } from '../unit/hub/support/manual-clock';
import { startTestHub, type TestHub } from '../unit/hub/support/test-hub';
import { established, LabUa, RawSipSocket, terminated, until } from './lab-sip-ua';

const DOMAIN = 'lab.centralita';
const MARIA = '+34600100200';
const ROUTING_SECRET = 'centralita-lab-voice-routing';

function labConfig(overrides: Partial<HubConfig> = {}): HubConfig {
  const demo = demoHubConfig();
  return { ...demo, disconnectGraceSeconds: 0, ...overrides };
}

describe('lab SIP proxy', () => {
  const hubs: TestHub[] = [];
  const uas: LabUa[] = [];
  const raws: RawSipSocket[] = [];
  afterEach(async () => {
    for (const raw of raws.splice(0)) raw.close();
    for (const ua of uas.splice(0)) await ua.stop().catch(() => undefined);
    for (const hub of hubs.splice(0)) await hub.cleanup();
  });

  const start = async (config = labConfig(), clock?: ManualClock): Promise<TestHub & { sipUrl: string }> => {
    const hub = await startTestHub({ seedDemoData: true, config, clock });
    hubs.push(hub);
    if (!hub.labSip) throw new Error('lab proxy not running');
    return { ...hub, sipUrl: hub.labSip.url };
  };
  const ua = async (hub: TestHub & { sipUrl: string }, user: string, password?: string): Promise<LabUa> => {
    const agent = new LabUa({ server: hub.sipUrl, uri: `sip:${user}@${DOMAIN}`, user, password: password ?? hub.labSip?.passwordFor(user) });
    uas.push(agent);
    await agent.start();
    return agent;
  };
  const phone = async (hub: TestHub & { sipUrl: string }, user: string): Promise<LabUa> => {
    const agent = await ua(hub, user);
    expect(await agent.register()).toBe(200);
    return agent;
  };
  const caller = async (hub: TestHub & { sipUrl: string }, number = MARIA): Promise<LabUa> => {
    const c = new LabUa({ server: hub.sipUrl, uri: `sip:${number}@${DOMAIN}` });
    uas.push(c);
    await c.start();
    return c;
  };
  const ready = (hub: TestHub, agentId: string): void => {
    const result = hub.center.setState(agentId, 'ready', null);
    if (!result.ok) throw new Error(result.error.message);
  };
  const routeAnswer = async (hub: TestHub, callId: string): Promise<{ status: number; body: Record<string, unknown> }> => {
    const res = await fetch(`${hub.url}/api/voice/route?${new URLSearchParams({ callId, from: MARIA, to: '5000' }).toString()}`, { headers: { 'x-centralita-voice-secret': ROUTING_SECRET } });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  const itemHeader = (invitation: Invitation): string | undefined => invitation.request.getHeader('X-Centralita-Item');

  it('registers with the derived password, refuses a wrong one or an unknown user, and unregisters', async () => {
    const hub = await start();
    const ana = await phone(hub, 'ana');
    expect(ana.registered).toBe(true);

    const wrong = await ua(hub, 'jordi', 'not-the-password');
    expect(await wrong.register()).toBe(401);
    expect(wrong.registered).toBe(false);
    const stranger = await ua(hub, 'mallory', 'whatever');
    expect(await stranger.register()).toBe(403);

    // Jordi, properly registered, can reach Ana; once Ana unregisters, he cannot.
    const jordi = await phone(hub, 'jordi');
    const first = jordi.call(`sip:ana@${DOMAIN}`);
    const ringing = await until(() => ana.invitations[0], 'Ana rings');
    await ringing.reject();
    await until(() => first.responses.includes(486) || first.responses.includes(480), 'rejection reaches Jordi');
    await ana.unregister();
    const second = jordi.call(`sip:ana@${DOMAIN}`);
    await until(() => second.responses.find((s) => s >= 400), 'final answer');
    expect(second.responses).toContain(480);
  });

  it('answers malformed or oversized SIP with 400 / 513 and keeps the socket usable', async () => {
    const hub = await start();
    const raw = await RawSipSocket.open(hub.sipUrl);
    raws.push(raw);
    const head = (method: string, extra = ''): string =>
      `${method} sip:${DOMAIN} SIP/2.0\r\nVia: SIP/2.0/WS client.invalid;branch=z9hG4bK${Math.random().toString(36).slice(2)}\r\nMax-Forwards: 70\r\n` +
      `To: <sip:${DOMAIN}>\r\nFrom: <sip:probe@${DOMAIN}>;tag=t1\r\nCall-ID: probe-${Math.random()}\r\nCSeq: 1 ${method}\r\n${extra}`;

    raw.send(`${head('OPTIONS', 'Contact: <<<not a uri\r\n')}Content-Length: 0\r\n\r\n`);
    const bad = await raw.next('400');
    expect(bad).toMatch(/^SIP\/2\.0 400 Bad Request \(error parsing header 'Contact'\)/);
    raw.send('this is not SIP at all');
    raw.send(`${head('OPTIONS')}Content-Length: 40000\r\n\r\n${'x'.repeat(40_000)}`);
    expect(await raw.next('513')).toMatch(/^SIP\/2\.0 513 /);

    raw.send(`${head('OPTIONS')}Content-Length: 0\r\n\r\n`);
    expect(await raw.next('200 to OPTIONS')).toMatch(/^SIP\/2\.0 200 OK/);
    expect(raw.open).toBe(true);

    // Max-Forwards exhausted: 483.
    raw.send(`${head('MESSAGE').replace('Max-Forwards: 70', 'Max-Forwards: 0')}Content-Length: 0\r\n\r\n`);
    expect(await raw.next('483')).toMatch(/^SIP\/2\.0 483 /);
  });

  it('rings the ready agent with the item, connects the call, and passes hold and hang-up through', async () => {
    const hub = await start();
    const ana = await phone(hub, 'ana');
    ready(hub, 'ana');
    const maria = await caller(hub);
    const { inviter, responses } = maria.call(`sip:5000@${DOMAIN}`);
    await until(() => responses.includes(180), 'caller hears ringing');

    const invitation = await until(() => ana.invitations[0], 'Ana rings');
    const offer = await until(() => hub.center.snapshot('ana')?.offers[0], 'offer on the desktop');
    expect(itemHeader(invitation)).toBe(offer.item.id);
    expect(offer.item.from).toBe(MARIA);

    await invitation.accept();
    await established(inviter, 'caller connected');
    await until(() => hub.center.snapshot('ana')?.items.find((i) => i.id === offer.item.id && i.state === 'accepted'), 'item accepted');

    // Hold: a re-INVITE from the caller reaches Ana's phone through the proxy and is answered.
    // (After the ACK has surely arrived: a re-INVITE racing the ACK gets 500 by RFC 5407.)
    await new Promise((resolve) => setTimeout(resolve, 300));
    const reinvite: number[] = [];
    await inviter.invite({ requestDelegate: { onAccept: (res) => void reinvite.push(res.message.statusCode ?? 0) } });
    await until(() => reinvite.includes(200), 're-INVITE answered');

    await inviter.bye();
    await terminated(invitation, 'BYE reaches Ana');
  });

  it("strips an outside caller's auto-answer and item headers: the agent's phone rings for the real item", async () => {
    const hub = await start();
    const ana = await phone(hub, 'ana');
    ready(hub, 'ana');
    const maria = await caller(hub);
    const { inviter } = maria.call(`sip:5000@${DOMAIN}`, [
      'Call-Info: <sip:x>;answer-after=0',
      'Alert-Info: <http://x>;info=alert-autoanswer',
      'Answer-Mode: Auto',
      'X-Centralita-Item: forged-item',
    ]);
    const invitation = await until(() => ana.invitations[0], 'Ana rings');
    const offer = await until(() => hub.center.snapshot('ana')?.offers[0], 'offer on the desktop');
    expect(itemHeader(invitation)).toBe(offer.item.id);
    expect(invitation.request.getHeaders('X-Centralita-Item')).toEqual([offer.item.id]);
    expect(invitation.request.hasHeader('Call-Info')).toBe(false);
    expect(invitation.request.hasHeader('Alert-Info')).toBe(false);
    expect(invitation.request.hasHeader('Answer-Mode')).toBe(false);
    await inviter.cancel();
  });

  it("asks the agent's phone to answer by itself when the voice queue auto-answers", async () => {
    const demo = demoHubConfig();
    const queues = demo.queues.map((q) => (q.channel === 'voice' ? { ...q, autoAnswer: { afterSeconds: 2 } } : q));
    const hub = await start(labConfig({ queues }));
    const ana = await phone(hub, 'ana');
    ready(hub, 'ana');
    const maria = await caller(hub);
    const { inviter } = maria.call(`sip:5000@${DOMAIN}`);
    const invitation = await until(() => ana.invitations[0], 'Ana rings');
    expect(invitation.request.getHeader('Call-Info')).toMatch(/^<sip:ana@lab\.centralita>;answer-after=2$/);
    await inviter.cancel();
  });

  it('marks the item abandoned when the caller hangs up while queued', async () => {
    const hub = await start();
    const maria = await caller(hub);
    const { inviter, responses } = maria.call(`sip:5000@${DOMAIN}`);
    await until(() => responses.includes(180), 'caller queued');
    await inviter.cancel();
    await until(() => responses.includes(487), '487 after CANCEL');
    const answer = await routeAnswer(hub, inviter.request.callId);
    expect(answer).toMatchObject({ status: 410, body: { action: 'end', reason: 'abandoned' } });
  });

  it('rings the next agent for the same item when the first does not answer', async () => {
    const hub = await start(labConfig({ offerTimeoutSeconds: 5 }));
    const ana = await phone(hub, 'ana');
    const jordi = await phone(hub, 'jordi');
    ready(hub, 'ana');
    ready(hub, 'jordi');
    const maria = await caller(hub);
    const { inviter } = maria.call(`sip:5000@${DOMAIN}`);

    const first = await until(() => ana.invitations[0] ?? jordi.invitations[0], 'first agent rings');
    const second = await until(() => (ana.invitations[0] && jordi.invitations[0] ? (first === ana.invitations[0] ? jordi.invitations[0] : ana.invitations[0]) : undefined), 'second agent rings', 9000);
    expect(itemHeader(second)).toBe(itemHeader(first));
    // The unanswered ring was cancelled.
    await terminated(first, 'first ring cancelled');
    await second.accept();
    await established(inviter);
  }, 20_000);

  it("rings the next agent within 4 s when the first agent's phone sends nothing back, and sets that agent Not Ready (phone offline)", async () => {
    const hub = await start();
    const ana = await phone(hub, 'ana');
    const jordi = await phone(hub, 'jordi');
    // Ana's connection leads nowhere: her phone registered, and nothing it sends arrives any more.
    const transport = ana.ua.transport;
    const send = transport.send.bind(transport);
    transport.send = () => Promise.resolve();
    ready(hub, 'ana');
    const maria = await caller(hub);
    const { inviter } = maria.call(`sip:5000@${DOMAIN}`);
    const toAna = await until(() => ana.invitations[0], "the INVITE at Ana's phone");
    const reachedAt = Date.now();
    ready(hub, 'jordi');
    const toJordi = await until(() => jordi.invitations[0], "Jordi's phone to ring", 9000);
    const waitedMs = Date.now() - reachedAt;
    // The 30 s offer did not run out: 4 s without a reply is enough, and Ana missed nothing.
    expect(waitedMs).toBeGreaterThan(3500);
    expect(waitedMs).toBeLessThan(8000);
    expect(itemHeader(toJordi)).toBe(itemHeader(toAna));
    expect(hub.center.snapshot('ana')?.presence).toMatchObject({ state: 'not-ready', reasonCode: 'phone-offline' });
    await toJordi.accept();
    await established(inviter);
    // Her connection works again (the clean-up's un-REGISTER gets its answer).
    transport.send = send;
  }, 20_000);

  it('rings the next agent at once when the first one declines, and ends the ring when the caller hangs up', async () => {
    const hub = await start();
    const ana = await phone(hub, 'ana');
    const jordi = await phone(hub, 'jordi');
    ready(hub, 'ana');
    ready(hub, 'jordi');
    const maria = await caller(hub);
    const { inviter, responses } = maria.call(`sip:5000@${DOMAIN}`);
    const first = await until(() => ana.invitations[0] ?? jordi.invitations[0], 'first agent rings');
    const startedAt = Date.now();
    await first.reject({ statusCode: 486 });
    const second = await until(() => (ana.invitations[0] && jordi.invitations[0] ? (first === ana.invitations[0] ? jordi.invitations[0] : ana.invitations[0]) : undefined), 'second agent rings', 3000);
    // Declined, not missed: the next phone rings long before the 30 s offer would run out.
    expect(Date.now() - startedAt).toBeLessThan(3000);
    expect(itemHeader(second)).toBe(itemHeader(first));

    await inviter.cancel();
    await terminated(second, 'ring stopped by the caller hanging up');
    await until(() => responses.includes(487), 'caller got 487');
    expect(await routeAnswer(hub, inviter.request.callId)).toMatchObject({ status: 410, body: { reason: 'abandoned' } });
  });

  it('asks an unknown caller to authenticate before ringing an agent directly, and detects loops', async () => {
    const hub = await start();
    const ana = await phone(hub, 'ana');
    // SIP.js answers the 407 challenge with the credentials it has (none that the hub knows).
    const stranger = await caller(hub, '+34911111111');
    const direct = stranger.call(`sip:ana@${DOMAIN}`);
    await until(() => direct.responses.find((s) => s >= 400), 'final answer');
    expect(direct.responses).toEqual([403]);
    expect(ana.invitations).toHaveLength(0);

    const raw = await RawSipSocket.open(hub.sipUrl);
    raws.push(raw);
    raw.send(
      `MESSAGE sip:ana@${DOMAIN} SIP/2.0\r\nVia: SIP/2.0/WS c.invalid;branch=z9hG4bKm1\r\nMax-Forwards: 70\r\n` +
        `To: <sip:ana@${DOMAIN}>\r\nFrom: <sip:x@${DOMAIN}>;tag=a\r\nCall-ID: msg-1\r\nCSeq: 1 MESSAGE\r\nContent-Length: 0\r\n\r\n`,
    );
    const challenge = await raw.next('407');
    expect(challenge).toMatch(/^SIP\/2\.0 407 /);
    expect(challenge).toMatch(/Proxy-Authenticate: Digest realm="lab.centralita", nonce="[^"]+", algorithm=MD5, qop="auth"/);
    const ours = (n: number): string => `Via: SIP/2.0/WS 127.0.0.1;branch=z9hG4bKlab.loop${n};cid=9\r\n`;
    raw.send(
      `OPTIONS sip:ana@${DOMAIN} SIP/2.0\r\nVia: SIP/2.0/WS c.invalid;branch=z9hG4bKx1\r\n${ours(1)}${ours(2)}${ours(3)}Max-Forwards: 60\r\n` +
        `To: <sip:ana@${DOMAIN}>\r\nFrom: <sip:x@${DOMAIN}>;tag=a\r\nCall-ID: loop-1\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n`,
    );
    expect(await raw.next('482')).toMatch(/^SIP\/2\.0 482 /);
  });

  it('limits how fast one connection may send requests', async () => {
    // A manual clock: no tokens come back while the burst is sent, however slow this machine is.
    const clock = new ManualClock();
    const hub = await start(labConfig(), clock);
    const raw = await RawSipSocket.open(hub.sipUrl);
    raws.push(raw);
    for (let i = 0; i < 100; i += 1) {
      raw.send(`OPTIONS sip:${DOMAIN} SIP/2.0\r\nVia: SIP/2.0/WS c.invalid;branch=z9hG4bKr${i}\r\nMax-Forwards: 70\r\nTo: <sip:${DOMAIN}>\r\nFrom: <sip:x@${DOMAIN}>;tag=a\r\nCall-ID: rate-${i}\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n`);
    }
    await until(() => raw.received.length >= 100, '100 answers');
    const limited = raw.received.filter((r) => r.startsWith('SIP/2.0 503'));
    expect(limited).toHaveLength(40);
    expect(limited[0]).toContain('Retry-After: 1');
    expect(raw.received.filter((r) => r.startsWith('SIP/2.0 200'))).toHaveLength(60);
    // A second later the connection may send again.
    clock.advance(1000);
    raw.received.splice(0);
    raw.send(`OPTIONS sip:${DOMAIN} SIP/2.0\r\nVia: SIP/2.0/WS c.invalid;branch=z9hG4bKagain\r\nMax-Forwards: 70\r\nTo: <sip:${DOMAIN}>\r\nFrom: <sip:x@${DOMAIN}>;tag=a\r\nCall-ID: rate-again\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n`);
    expect(await raw.next('answer after a pause')).toMatch(/^SIP\/2\.0 200 /);
  });

  // The transfer tests' common start: Ana's and Jordi's phones registered, Ana ready, and María
  // calling the voice queue from a phone that follows transfers (as every SIP phone does); Ana
  // answers. `onRefer` replaces that follow-the-transfer behaviour when a test needs the new call.
  const followTransfer = (referral: Referral): void => {
    void referral.accept().then(() => referral.makeInviter().invite());
  };
  const anaAnswersMaria = async (
    hub: TestHub & { sipUrl: string },
    onRefer: (referral: Referral) => void = followTransfer,
  ): Promise<{ ana: LabUa; jordi: LabUa; inviter: Inviter; anasLeg: Invitation; anasItem: string }> => {
    const ana = await phone(hub, 'ana');
    const jordi = await phone(hub, 'jordi');
    ready(hub, 'ana');
    const maria = await caller(hub);
    const { inviter } = maria.call(`sip:5000@${DOMAIN}`);
    inviter.delegate = { onRefer };
    const anasLeg = await until(() => ana.invitations[0], 'Ana rings');
    const anasItem = itemHeader(anasLeg) ?? '';
    await anasLeg.accept();
    await established(inviter);
    return { ana, jordi, inviter, anasLeg, anasItem };
  };
  const jordiUri = (): URI => {
    const uri = UserAgent.makeURI(`sip:jordi@${DOMAIN}`);
    if (!uri) throw new Error('bad URI');
    return uri;
  };

  it('lets the agent transfer the caller (REFER) to another agent, whom the caller then reaches', async () => {
    const hub = await start();
    const { jordi, anasLeg: ringing } = await anaAnswersMaria(hub);
    await new Promise((resolve) => setTimeout(resolve, 300));

    await ringing.refer(jordiUri());
    const transferred = await until(() => jordi.invitations[0], 'Jordi rings with the transferred caller');
    expect(transferred.request.from.uri.user).toBe(MARIA);
    expect(transferred.request.getHeader('Referred-By')).toContain('ana@');
    await transferred.accept();
    await established(transferred, 'transferred call established');
  });

  it('lets the agent complete an attended transfer: the caller replaces the consultation call', async () => {
    const hub = await start();
    const { ana, jordi, anasLeg: customerLeg } = await anaAnswersMaria(hub);
    // Ana consults Jordi, then transfers María to that consultation.
    const consult = ana.call(`sip:jordi@${DOMAIN}`);
    const consultLeg = await until(() => jordi.invitations[0], 'Jordi rings for the consultation');
    await consultLeg.accept();
    await established(consult.inviter);
    await new Promise((resolve) => setTimeout(resolve, 300));
    await customerLeg.refer(consult.inviter);
    const replacing = await until(() => jordi.invitations[1], 'Jordi gets the caller with Replaces');
    expect(replacing.request.getHeader('Replaces')).toContain(consult.inviter.request.callId);
    expect(replacing.request.from.uri.user).toBe(MARIA);
    await replacing.accept();
    await established(replacing, 'caller connected to Jordi');
  });

  // Segments: the hub op transferCall gives Jordi his own item; Ana's REFER names it and the
  // proxy stamps it on the caller's new INVITE, so Jordi's answer accepts that item.
  const transferToJordi = (hub: TestHub, anasItem: string): string => {
    ready(hub, 'jordi');
    const made = hub.center.transferCall('ana', anasItem, 'jordi', 'Cambio de tarifa');
    if (!made.ok) throw new Error(made.error.message);
    return made.value.itemId;
  };
  const withItem = (itemId: string): { requestOptions: { extraHeaders: string[] } } => ({ requestOptions: { extraHeaders: [`X-Centralita-Item: ${itemId}`] } });
  const jordisItems = (hub: TestHub): Array<{ id: string; state: string }> => hub.center.snapshot('jordi')?.items ?? [];

  it('blind transfer with an item: the caller reaches Jordi carrying his item, and answering accepts it', async () => {
    const hub = await start();
    const { jordi, anasLeg: ringing, anasItem } = await anaAnswersMaria(hub);
    await until(() => hub.center.snapshot('ana')?.items.find((i) => i.id === anasItem && i.state === 'accepted'), 'Ana holds her item');

    const jordisItem = transferToJordi(hub, anasItem);
    await ringing.refer(jordiUri(), withItem(jordisItem));
    const transferred = await until(() => jordi.invitations[0], 'Jordi rings with the transferred caller');
    expect(itemHeader(transferred)).toBe(jordisItem);
    expect(transferred.request.from.uri.user).toBe(MARIA);
    expect(jordisItems(hub).find((i) => i.id === jordisItem)).toBeUndefined();
    await transferred.accept();
    await established(transferred, 'transferred call established');
    await until(() => jordisItems(hub).find((i) => i.id === jordisItem && i.state === 'accepted'), 'Jordi holds his new item');
    // Ana's segment is still hers, to end and wrap up.
    expect(hub.center.snapshot('ana')?.items.find((i) => i.id === anasItem)?.state).toBe('accepted');
  });

  it('a transfer target who does not answer: the item goes back to its queue and the next agent\'s phone rings for it', async () => {
    const demo = demoHubConfig();
    const users = demo.users.map((u) => (u.id === 'marta' ? { ...u, skills: { ...u.skills, voz: 5 } } : u));
    const hub = await start(labConfig({ offerTimeoutSeconds: 5, users }));
    const marta = await phone(hub, 'marta');
    const { jordi, anasLeg: ringing, anasItem } = await anaAnswersMaria(hub);
    const jordisItem = transferToJordi(hub, anasItem);
    await ringing.refer(jordiUri(), withItem(jordisItem));
    const unanswered = await until(() => jordi.invitations[0], 'Jordi rings');
    expect(itemHeader(unanswered)).toBe(jordisItem);
    ready(hub, 'marta');
    // Jordi lets it ring: his offer runs out (5 s), his ring is cancelled, and Marta rings for the same item.
    const next = await until(() => marta.invitations[0], 'Marta rings for the item Jordi did not take', 12_000);
    expect(itemHeader(next)).toBe(jordisItem);
    await terminated(unanswered, 'Jordi\'s ring ends');
    await next.accept();
    await until(() => hub.center.snapshot('marta')?.items.find((i) => i.id === jordisItem && i.state === 'accepted'), 'Marta holds the item');
  });

  it('a caller who hangs up while the transfer target rings abandons the target\'s item', async () => {
    const hub = await start();
    let transferCall: { cancel(): Promise<void> } | null = null;
    const { jordi, anasLeg: ringing, anasItem } = await anaAnswersMaria(hub, (referral) => {
      const next = referral.makeInviter();
      transferCall = next;
      void referral.accept().then(() => next.invite());
    });
    await until(() => hub.center.snapshot('ana')?.items.find((i) => i.id === anasItem && i.state === 'accepted'), 'Ana holds her item');
    const jordisItem = transferToJordi(hub, anasItem);
    await ringing.refer(jordiUri(), withItem(jordisItem));
    const transferred = await until(() => jordi.invitations[0], 'Jordi rings with the transferred caller');
    expect(itemHeader(transferred)).toBe(jordisItem);
    const leaving = await until(() => transferCall, 'the caller\'s new call');
    await leaving.cancel();
    await until(() => hub.center.snapshot('jordi')?.offers.length === 0 || undefined, 'Jordi\'s offer withdrawn');
    expect(hub.center.snapshot('jordi')?.items.find((i) => i.id === jordisItem)).toBeUndefined();
  });

  it('attended transfer with an item: the caller replaces the consultation call carrying Jordi\'s item', async () => {
    const hub = await start();
    const { ana, jordi, anasLeg: customerLeg, anasItem } = await anaAnswersMaria(hub);
    await until(() => hub.center.snapshot('ana')?.items.find((i) => i.id === anasItem && i.state === 'accepted'), 'Ana holds her item');
    const consult = ana.call(`sip:jordi@${DOMAIN}`);
    const consultLeg = await until(() => jordi.invitations[0], 'Jordi rings for the consultation');
    await consultLeg.accept();
    await established(consult.inviter);
    const jordisItem = transferToJordi(hub, anasItem);
    await customerLeg.refer(consult.inviter, withItem(jordisItem));
    const replacing = await until(() => jordi.invitations[1], 'Jordi gets the caller with Replaces');
    expect(replacing.request.getHeader('Replaces')).toContain(consult.inviter.request.callId);
    expect(itemHeader(replacing)).toBe(jordisItem);
    await replacing.accept();
    await established(replacing, 'caller connected to Jordi');
    await until(() => jordisItems(hub).find((i) => i.id === jordisItem && i.state === 'accepted'), 'Jordi holds his new item');
  });

  it('connects agent to agent, sends other numbers to the outside world if registered, else 404', async () => {
    const hub = await start();
    const ana = await phone(hub, 'ana');
    const jordi = await phone(hub, 'jordi');
    const toJordi = ana.call(`sip:jordi@${DOMAIN}`);
    const ringing = await until(() => jordi.invitations[0], 'Jordi rings');
    expect(ringing.request.getHeader('X-Centralita-Item')).toBeUndefined();
    await ringing.accept();
    await established(toJordi.inviter);
    await toJordi.inviter.bye();
    await terminated(ringing);

    // Ana gives up before Jordi answers: the CANCEL reaches his phone.
    const hungUp = ana.call(`sip:jordi@${DOMAIN}`);
    const second = await until(() => jordi.invitations[1], 'Jordi rings again');
    await hungUp.inviter.cancel();
    await terminated(second, 'CANCEL reaches Jordi');

    const nowhere = ana.call(`sip:934000000@${DOMAIN}`);
    await until(() => nowhere.responses.find((s) => s >= 400), 'final answer');
    expect(nowhere.responses).toContain(404);

    const pstn = await phone(hub, 'pstn');
    const out = ana.call(`sip:934000000@${DOMAIN}`);
    const world = await until(() => pstn.invitations[0], 'outside world rings');
    expect(world.request.getHeader('To')).toContain('934000000');
    await world.accept();
    await established(out.inviter);
    expect(out.inviter.state).toBe(SessionState.Established);

    // Closing a phone's socket removes its registration at once.
    await jordi.stop();
    const gone = ana.call(`sip:jordi@${DOMAIN}`);
    await until(() => gone.responses.find((s) => s >= 400), 'final answer');
    expect(gone.responses).toContain(480);
  });

  it('hands each agent their own phone settings in the desktop snapshot, and they register', async () => {
    const hub = await start();
    const session = await login(hub.url, 'ana');
    const sock = await TestSocket.open(hub.url);
    const welcome = await sock.hello(session.token);
    sock.close();
    const config = welcome.snapshot?.config;
    expect(config?.phone).toEqual({
      serverUrl: hub.sipUrl,
      aor: `sip:ana@${DOMAIN}`,
      authorizationUsername: 'ana',
      password: hub.labSip?.passwordFor('ana'),
      displayName: 'Ana Martín',
      iceServers: [],
      dtmfMode: 'rfc4733',
      lab: true,
      // The lab proxy's far ends are browsers, which learn a phone's address from its checks.
      answerBeforeCandidates: true,
    });
    expect(config?.transferAgents?.find((a) => a.id === 'jordi')?.sipUri).toBe(`sip:jordi@${DOMAIN}`);
    expect(config?.queues.find((q) => q.id === 'soporte-voz')?.dialNumber).toBe('5000');
    const password = config?.phone?.password;
    expect(password).not.toBe(hub.labSip?.passwordFor('jordi'));

    const anaPhone = new LabUa({ server: config?.phone?.serverUrl ?? '', uri: config?.phone?.aor ?? '', user: 'ana', password });
    uas.push(anaPhone);
    await anaPhone.start();
    expect(await anaPhone.register()).toBe(200);
  });
});
