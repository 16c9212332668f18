import { afterEach, describe, expect, it } from 'vitest';
import { MemorySipSwitch } from './support/memory-sip-switch';
import { lastCallState, makePhone, registered, waitFor, type TestPhone } from './support/test-phone';
import { webRtcOfferProblem } from '../../../src-phone/engine/web-media';

let phones: TestPhone[] = [];
let sipSwitch: MemorySipSwitch;

async function start(...users: string[]): Promise<TestPhone[]> {
  sipSwitch = new MemorySipSwitch();
  phones = users.map((user) => makePhone(sipSwitch, user));
  await Promise.all(phones.map((phone) => phone.engine.start()));
  await Promise.all(phones.map(registered));
  return phones;
}

/** Ana, whose media behaves as `media` says, and María, who calls her. */
async function startAnaCalledByMaria(media: Parameters<typeof makePhone>[3]): Promise<[TestPhone, TestPhone]> {
  sipSwitch = new MemorySipSwitch();
  const ana = makePhone(sipSwitch, 'ana', {}, media);
  const caller = makePhone(sipSwitch, 'maria');
  phones = [ana, caller];
  await Promise.all(phones.map((phone) => phone.engine.start()));
  await Promise.all(phones.map(registered));
  return [ana, caller];
}

/** caller dials callee and callee answers; returns both call ids. */
async function connect(caller: TestPhone, callee: TestPhone): Promise<{ out: string; inc: string }> {
  const dialled = await caller.engine.execute({ type: 'dial', target: callee.user });
  if (!dialled.ok || !dialled.value.callId) throw new Error('dial failed');
  const out = dialled.value.callId;
  const inc = (await waitFor(() => callee.call((call) => call.state === 'ringing-in' && call.remote.number === caller.user), 'ringing')).id;
  const answered = await callee.engine.execute({ type: 'answer', callId: inc });
  expect(answered.ok).toBe(true);
  await waitFor(() => caller.call((call) => call.id === out)?.state === 'active', 'caller active');
  await waitFor(() => callee.call((call) => call.id === inc)?.state === 'active', 'callee active');
  return { out, inc };
}

afterEach(async () => {
  await Promise.all(phones.map((phone) => phone.engine.stop()));
  phones = [];
});

describe('phone engine over an in-memory SIP server', () => {
  it('registers, and reports the registration to the host', async () => {
    const [ana] = await start('ana');
    expect(sipSwitch.isRegistered('ana')).toBe(true);
    expect(ana.events).toContainEqual({ type: 'registration', transport: 'connected', registration: 'registered', message: null });
  });

  it('rings the callee, who sees who is calling; ringback then answer connects both sides', async () => {
    const [ana, jordi] = await start('ana', 'jordi');
    const dialled = await ana.engine.execute({ type: 'dial', target: 'jordi', itemId: 'item-7' });
    expect(dialled.ok).toBe(true);
    const incoming = await waitFor(() => jordi.events.find((event) => event.type === 'incoming-call'), 'incoming call');
    expect(incoming).toMatchObject({ call: { direction: 'inbound', state: 'ringing-in', remote: { number: 'ana' }, itemId: 'item-7' }, info: { itemId: 'item-7', autoAnswer: null } });
    await waitFor(() => ana.call()?.state === 'early', 'ringback at the caller');
    const callId = incoming.type === 'incoming-call' ? incoming.call.id : '';
    await jordi.engine.execute({ type: 'answer', callId });
    const active = await waitFor(() => (ana.call()?.state === 'active' ? ana.call() : undefined), 'caller active');
    expect(active.answeredAt).not.toBeNull();
  });

  it('holds and resumes with a re-INVITE the far end sees as hold, and mutes only the microphone', async () => {
    const [ana, jordi] = await start('ana', 'jordi');
    const { out, inc } = await connect(ana, jordi);
    expect((await ana.engine.execute({ type: 'hold', callId: out })).ok).toBe(true);
    expect(ana.call()?.state).toBe('held');
    await waitFor(() => jordi.call()?.onHoldByRemote, 'jordi sees remote hold');
    expect(ana.media(out)).toMatchObject({ senderEnabled: false, receiverEnabled: false });
    const reInvites = sipSwitch.requests('INVITE').filter((message) => /a=sendonly/.test(message.text));
    expect(reInvites).toHaveLength(1);

    expect(await ana.engine.execute({ type: 'resume', callId: out })).toMatchObject({ ok: true });
    expect(ana.call()?.state).toBe('active');
    await waitFor(() => jordi.call()?.onHoldByRemote === false, 'jordi sees resume');

    await jordi.engine.execute({ type: 'mute', callId: inc });
    expect(jordi.call()?.muted).toBe(true);
    expect(jordi.media(inc)).toMatchObject({ senderEnabled: false, receiverEnabled: true });
    const refused = await ana.engine.execute({ type: 'resume', callId: out });
    expect(refused.ok).toBe(false);
  });

  it('ends the call on both sides when one hangs up, with the reason each side shows', async () => {
    const [ana, jordi] = await start('ana', 'jordi');
    const { out, inc } = await connect(ana, jordi);
    await jordi.engine.execute({ type: 'hangup', callId: inc });
    await waitFor(() => ana.events.some((event) => event.type === 'call-removed' && event.callId === out), 'caller call removed');
    expect(lastCallState(ana, out)).toMatchObject({ state: 'ended', endReason: 'remote-hangup' });
    expect(lastCallState(jordi, inc)).toMatchObject({ state: 'ended', endReason: 'local-hangup' });
    expect(ana.engine.listCalls()).toEqual([]);
    // The side that received the BYE must answer it, or the far end retransmits for 32 s.
    await waitFor(
      () => sipSwitch.messages.some((m) => m.kind === 'response' && m.method === 'BYE' && m.statusCode === 200),
      'BYE answered with 200 OK',
    );
  });

  it('reports a missed call when the caller gives up, and a refusal code when rejected', async () => {
    const [ana, jordi] = await start('ana', 'jordi');
    const first = await ana.engine.execute({ type: 'dial', target: 'jordi' });
    const ringing = await waitFor(() => jordi.call((call) => call.state === 'ringing-in'), 'ringing');
    await ana.engine.execute({ type: 'hangup', callId: first.ok ? first.value.callId ?? '' : '' });
    await waitFor(() => lastCallState(jordi, ringing.id)?.state === 'ended', 'missed');
    expect(lastCallState(jordi, ringing.id)?.endReason).toBe('cancelled');

    const second = await ana.engine.execute({ type: 'dial', target: 'jordi' });
    const secondId = second.ok ? second.value.callId ?? '' : '';
    const again = await waitFor(() => jordi.call((call) => call.state === 'ringing-in'), 'ringing again');
    await jordi.engine.execute({ type: 'reject', callId: again.id, sipCode: 603 });
    await waitFor(() => lastCallState(ana, secondId)?.state === 'ended', 'refused');
    expect(lastCallState(ana, secondId)).toMatchObject({ endReason: 'refused', sipCode: 603 });
  });

  it('call waiting: answering a second call puts the first on hold', async () => {
    const [ana, jordi, marta] = await start('ana', 'jordi', 'marta');
    const { inc: first } = await connect(jordi, ana);
    await marta.engine.execute({ type: 'dial', target: 'ana' });
    const second = await waitFor(() => ana.call((call) => call.state === 'ringing-in' && call.remote.number === 'marta'), 'second call ringing');
    expect(ana.call((call) => call.id === first)?.state).toBe('active');
    await ana.engine.execute({ type: 'answer', callId: second.id });
    await waitFor(() => ana.call((call) => call.id === second.id)?.state === 'active', 'second active');
    expect(ana.call((call) => call.id === first)?.state).toBe('held');
    await waitFor(() => jordi.call()?.onHoldByRemote, 'first caller hears hold');
  });

  it('blind transfer: REFER goes out, the transferee calls the target, and we leave the call', async () => {
    const [ana, jordi, marta] = await start('ana', 'jordi', 'marta');
    const { inc } = await connect(jordi, ana);
    const transfer = await ana.engine.execute({ type: 'blindTransfer', callId: inc, target: 'marta', itemId: 'wi-marta-1' });
    expect(transfer.ok).toBe(true);
    const refer = sipSwitch.requests('REFER')[0];
    expect(refer.text).toMatch(/Refer-To: <?sip:marta@lab\.test/);
    // The target's own hub item rides on the REFER, for the SIP server to stamp on the new INVITE.
    expect(refer.text).toMatch(/^X-Centralita-Item: wi-marta-1\r?$/m);
    const atMarta = await waitFor(() => marta.call((call) => call.state === 'ringing-in'), 'target rings');
    expect(atMarta.remote.number).toBe('jordi');
    await marta.engine.execute({ type: 'answer', callId: atMarta.id });
    await waitFor(() => lastCallState(ana, inc)?.state === 'ended', 'transferor leaves');
    expect(lastCallState(ana, inc)?.endReason).toBe('transferred');
    await waitFor(() => jordi.call((call) => call.remote.number === 'marta' && call.state === 'active'), 'jordi talks to marta');
  });

  it('attended transfer: consult the target, then join caller and target with REFER/Replaces', async () => {
    const [ana, jordi, marta] = await start('ana', 'jordi', 'marta');
    const { inc } = await connect(jordi, ana);
    const consult = await ana.engine.execute({ type: 'attendedTransferStart', callId: inc, target: 'marta' });
    expect(consult.ok).toBe(true);
    const consultId = consult.ok ? consult.value.callId ?? '' : '';
    expect(ana.call((call) => call.id === inc)?.state).toBe('held');
    expect(ana.call((call) => call.id === consultId)?.consultFor).toBe(inc);
    const atMarta = await waitFor(() => marta.call((call) => call.state === 'ringing-in'), 'consult rings');
    await marta.engine.execute({ type: 'answer', callId: atMarta.id });
    await waitFor(() => ana.call((call) => call.id === consultId)?.state === 'active', 'consult active');

    const done = await ana.engine.execute({ type: 'attendedTransferComplete', callId: inc, consultCallId: consultId, itemId: 'wi-marta-2' });
    expect(done.ok).toBe(true);
    expect(sipSwitch.requests('REFER')[0].text).toMatch(/Replaces=/);
    expect(sipSwitch.requests('REFER')[0].text).toMatch(/^X-Centralita-Item: wi-marta-2\r?$/m);
    await waitFor(() => ana.engine.listCalls().length === 0, 'transferor has no calls left');
    expect(lastCallState(ana, inc)?.endReason).toBe('transferred');
    await waitFor(() => lastCallState(marta, atMarta.id)?.endReason === 'replaced', 'consult leg replaced at target');
    await waitFor(() => marta.call((call) => call.state === 'active' && call.remote.number === 'jordi'), 'marta talks to jordi');
  });

  it('sends DTMF as RFC 4733 by default, and as SIP INFO when configured or when RTP cannot carry it', async () => {
    const [ana, jordi] = await start('ana', 'jordi');
    const { out } = await connect(ana, jordi);
    await ana.engine.execute({ type: 'sendDtmf', callId: out, digits: '12#' });
    expect(ana.media(out)?.dtmfSent).toBe('12#');
    expect(ana.call()?.dtmfSent).toBe('12#');
    expect(sipSwitch.requests('INFO')).toHaveLength(0);

    const infoPhone = makePhone(sipSwitch, 'marta', { dtmfMode: 'info' });
    phones.push(infoPhone);
    await infoPhone.engine.start();
    await registered(infoPhone);
    const { out: martaCall, inc: jordiCall } = await connect(infoPhone, jordi);
    expect((await infoPhone.engine.execute({ type: 'sendDtmf', callId: martaCall, digits: '5*' })).ok).toBe(true);
    const infos = await waitFor(() => {
      const digits = sipSwitch.requests('INFO').map((message) => /Signal=(.)/.exec(message.text)?.[1]);
      return digits.length === 2 ? digits : undefined;
    }, 'two INFO requests');
    expect(infos).toEqual(['5', '*']);
    expect(infoPhone.media(martaCall)?.dtmfSent).toBe('');
    // The receiving phone shows what arrived by INFO, in order.
    await waitFor(() => jordi.call((call) => call.id === jordiCall)?.dtmfReceived === '5*', 'digits received');
  });

  it('refuses with 488 an offer its media stack cannot answer, without ringing, and says why', async () => {
    const [ana, caller] = await startAnaCalledByMaria({ offerProblem: webRtcOfferProblem });
    const dialled = await caller.engine.execute({ type: 'dial', target: 'ana' });
    const callId = dialled.ok ? (dialled.value.callId ?? '') : '';
    await waitFor(() => lastCallState(caller, callId)?.state === 'ended', 'the caller hears a final answer');
    expect(lastCallState(caller, callId)).toMatchObject({ endReason: 'refused', sipCode: 488 });
    expect(ana.events.some((event) => event.type === 'incoming-call')).toBe(false);
    const error = ana.events.find((event) => event.type === 'error');
    expect(error).toMatchObject({ code: 'media-incompatible' });
    expect(error?.type === 'error' && error.message).toContain('plain RTP (RTP/AVP)');
  });

  it('hangs up a call whose media refused the offer after the answer had left, and says why', async () => {
    const [ana, caller] = await startAnaCalledByMaria({ refusesAfterAnswer: 'Failed to set remote offer sdp: Failed to parse fingerprint' });
    const dialled = await caller.engine.execute({ type: 'dial', target: 'ana' });
    const callId = dialled.ok ? (dialled.value.callId ?? '') : '';
    const ringing = await waitFor(() => ana.call((call) => call.state === 'ringing-in'), 'ringing');
    const answered = await ana.engine.execute({ type: 'answer', callId: ringing.id });
    expect(answered.ok).toBe(false);
    expect(!answered.ok && answered.error.message).toContain('its audio could not start');
    expect(!answered.ok && answered.error.message).toContain('Failed to parse fingerprint');
    // The caller's call does not stay up without audio: a BYE ends it.
    await waitFor(() => lastCallState(caller, callId)?.state === 'ended', 'the caller\'s call ended');
    expect(lastCallState(caller, callId)).toMatchObject({ endReason: 'remote-hangup' });
    await waitFor(() => lastCallState(ana, ringing.id)?.state === 'ended', 'the agent\'s call ended');
    expect(lastCallState(ana, ringing.id)).toMatchObject({ endReason: 'failed' });
  });

  it('a caller who hangs up while the media is still being set up ends the call without an error for the agent', async () => {
    const [ana, caller] = await startAnaCalledByMaria({ startsOnlyWhenClosed: true });
    const dialled = await caller.engine.execute({ type: 'dial', target: 'ana' });
    const callId = dialled.ok ? (dialled.value.callId ?? '') : '';
    const ringing = await waitFor(() => ana.call((call) => call.state === 'ringing-in'), 'ringing');
    const answering = ana.engine.execute({ type: 'answer', callId: ringing.id });
    await waitFor(() => lastCallState(caller, callId)?.state === 'active', 'the caller connected');
    await caller.engine.execute({ type: 'hangup', callId });
    const answered = await answering;
    expect(answered.ok).toBe(true);
    await waitFor(() => lastCallState(ana, ringing.id)?.state === 'ended', 'the agent\'s call ended');
    expect(lastCallState(ana, ringing.id)).toMatchObject({ endReason: 'remote-hangup' });
    expect(ana.events.some((event) => event.type === 'error')).toBe(false);
  });

  it('offers the far end the media\'s own answer in a re-INVITE when the media did not take the answer that left, and the call goes on', async () => {
    const [ana, caller] = await startAnaCalledByMaria({ answersOwnWay: true });
    const { out, inc } = await connect(caller, ana);
    await waitFor(() => ana.media(inc)?.descriptions.some((description) => description.iceRestart), 'a re-INVITE with a new media offer');
    expect(caller.call((call) => call.id === out)?.state).toBe('active');
    expect(ana.call((call) => call.id === inc)?.state).toBe('active');
  });

  it('auto-answers when the INVITE asks for it or the hub armed it, and not otherwise', async () => {
    const [ana, jordi] = await start('ana', 'jordi');
    await jordi.engine.execute({ type: 'autoAnswerNext', itemId: 'item-9', delayMs: 0 });
    await ana.engine.execute({ type: 'dial', target: 'jordi', itemId: 'item-9' });
    const answered = await waitFor(() => jordi.call((call) => call.state === 'active'), 'auto-answered');
    expect(answered.autoAnswer).toEqual({ source: 'hub', delayMs: 0 });
    await jordi.engine.execute({ type: 'hangup', callId: answered.id });
    await waitFor(() => jordi.engine.listCalls().length === 0 && ana.engine.listCalls().length === 0, 'calls cleared');

    await ana.engine.execute({ type: 'dial', target: 'jordi', itemId: 'item-10' });
    const ringing = await waitFor(() => jordi.call((call) => call.state === 'ringing-in'), 'rings normally');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(jordi.call((call) => call.id === ringing.id)?.state).toBe('ringing-in');
  });

  it('a call auto-answered without delay goes straight to 200 OK (no 180 in front of it); others still send ringback', async () => {
    const [ana, jordi] = await start('ana', 'jordi');
    const ringbacks = () => sipSwitch.messages.filter((message) => message.kind === 'response' && message.statusCode === 180).length;
    const oks = () => sipSwitch.messages.filter((message) => message.kind === 'response' && message.method === 'INVITE' && message.statusCode === 200).length;
    const hangUpAll = async () => {
      for (const call of jordi.engine.listCalls()) await jordi.engine.execute({ type: 'hangup', callId: call.id });
      await waitFor(() => jordi.engine.listCalls().length === 0 && ana.engine.listCalls().length === 0, 'calls cleared');
    };

    await jordi.engine.execute({ type: 'autoAnswerNext', itemId: 'item-1', delayMs: 0 });
    await ana.engine.execute({ type: 'dial', target: 'jordi', itemId: 'item-1' });
    await waitFor(() => jordi.call((call) => call.state === 'active'), 'answered at once');
    expect([ringbacks(), oks()]).toEqual([0, 1]);
    await hangUpAll();

    // With a delay, the caller hears ringback while the phone waits.
    await jordi.engine.execute({ type: 'autoAnswerNext', itemId: 'item-2', delayMs: 50 });
    await ana.engine.execute({ type: 'dial', target: 'jordi', itemId: 'item-2' });
    await waitFor(() => jordi.call((call) => call.state === 'active'), 'answered after the delay');
    expect([ringbacks(), oks()]).toEqual([1, 2]);
    await hangUpAll();

    await ana.engine.execute({ type: 'dial', target: 'jordi' });
    await waitFor(() => ana.call()?.state === 'early', 'ringback at the caller');
    expect(ringbacks()).toBe(2);
  });

  it('comes back registered by itself after the SIP server restarts', async () => {
    const [ana] = await start('ana');
    const restartedAt = Date.now();
    await sipSwitch.restart(300);
    expect(ana.engine.registrationState().transport).not.toBe('connected');
    await waitFor(() => sipSwitch.isRegistered('ana') && ana.engine.registrationState().registration === 'registered', 're-registered', 5000);
    expect(Date.now() - restartedAt).toBeLessThan(5000);
    expect(sipSwitch.requests('REGISTER').length).toBeGreaterThanOrEqual(2);
  });

  it('after the machine wakes, reconnects and registers again so calls reach it, and keeps a live call on its connection', async () => {
    const [ana, jordi] = await start('ana', 'jordi');
    sipSwitch.forgetBinding('ana');
    expect(sipSwitch.isRegistered('ana')).toBe(false);
    const seen = ana.events.length;
    ana.engine.recoverAfterWake();
    await waitFor(() => sipSwitch.isRegistered('ana'), 'ana registered again', 5000);
    // The connection was closed and opened afresh: the old one may be dead without knowing it.
    const transports = ana.events.slice(seen).flatMap((e) => (e.type === 'registration' ? [e.transport] : []));
    expect(transports).toEqual(expect.arrayContaining(['disconnected', 'connecting', 'connected']));

    const { out } = await connect(ana, jordi);
    const registersBefore = sipSwitch.requests('REGISTER').length;
    const duringCall = ana.events.length;
    ana.engine.recoverAfterWake();
    await waitFor(() => sipSwitch.requests('REGISTER').length > registersBefore, 'a REGISTER renewing the binding');
    // During a call only the binding is renewed: the call's connection stays up.
    expect(ana.events.slice(duringCall).some((e) => e.type === 'registration' && e.transport !== 'connected')).toBe(false);
    expect(ana.call((call) => call.id === out)?.state).toBe('active');
  });

  it('after a network change, reconnects at once and moves a held call to the new connection with an ICE restart, keeping it held', async () => {
    const [ana, jordi] = await start('ana', 'jordi');
    const { out, inc } = await connect(ana, jordi);
    expect((await ana.engine.execute({ type: 'hold', callId: out })).ok).toBe(true);
    const firstConnection = sipSwitch.requests('REGISTER').at(-1)?.from;
    const reInvitesBefore = sipSwitch.requests('INVITE').length;
    const acksBefore = sipSwitch.requests('ACK').length;

    // A connection opened after the change is already on the new network: it is kept.
    const eventsBefore = ana.events.length;
    ana.engine.recoverAfterNetworkChange(Date.now() - 60_000);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(ana.events.slice(eventsBefore).filter((event) => event.type === 'registration')).toEqual([]);
    expect(sipSwitch.requests('INVITE').length).toBe(reInvitesBefore);

    ana.engine.recoverAfterNetworkChange(Date.now());

    const restart = await waitFor(() => sipSwitch.requests('INVITE').slice(reInvitesBefore).find((message) => message.from !== firstConnection), 'a re-INVITE on the new connection');
    // Still on hold: the restarted offer keeps the direction the far end agreed to.
    expect(restart.text).toContain('a=sendonly');
    expect(ana.media(out)?.descriptions.at(-1)).toEqual({ hold: true, iceRestart: true });
    await waitFor(() => sipSwitch.requests('REGISTER').at(-1)?.from !== firstConnection, 'registered on the new connection');
    await waitFor(() => sipSwitch.isRegistered('ana'), 'ana registered again');
    expect(ana.call((call) => call.id === out)?.state).toBe('held');

    // The restart was for that offer only: resuming offers plain sendrecv without another restart.
    await waitFor(() => sipSwitch.requests('ACK').length > acksBefore, 'the restart acknowledged');
    // SIP.js lets the next re-INVITE go once it has applied the restart's answer, just after its ACK.
    let resumed = await ana.engine.execute({ type: 'resume', callId: out });
    for (let tries = 0; !resumed.ok && tries < 50; tries += 1) {
      await new Promise((resolve) => setTimeout(resolve, 10));
      resumed = await ana.engine.execute({ type: 'resume', callId: out });
    }
    expect(resumed).toMatchObject({ ok: true });
    expect(ana.media(out)?.descriptions.at(-1)).toEqual({ hold: false, iceRestart: false });
    expect(ana.call((call) => call.id === out)?.state).toBe('active');

    // The far end's hang-up reaches the phone on its new connection.
    expect((await jordi.engine.execute({ type: 'hangup', callId: inc })).ok).toBe(true);
    await waitFor(() => lastCallState(ana, out)?.state === 'ended', 'ana sees the far end hang up');
  });

  it('plays early media: the far end\'s 183 with SDP reaches the media before any answer', async () => {
    const [ana] = await start('ana');
    const announcement = ['v=0', 'o=pbx 1 1 IN IP4 127.0.0.1', 's=announcement', 'c=IN IP4 127.0.0.1', 't=0 0', 'm=audio 4000 RTP/AVP 0', 'a=sendonly', ''].join('\r\n');
    sipSwitch.announce('info-line', announcement);
    const dialled = await ana.engine.execute({ type: 'dial', target: 'info-line' });
    if (!dialled.ok || !dialled.value.callId) throw new Error('dial failed');
    const callId = dialled.value.callId;
    await waitFor(() => ana.call((call) => call.id === callId)?.state === 'early', 'early state');
    await waitFor(() => ana.media(callId)?.remoteSdp?.includes('s=announcement'), 'the announcement set as the remote description');
    expect(ana.call((call) => call.id === callId)?.answeredAt).toBeNull();
    expect((await ana.engine.execute({ type: 'hangup', callId })).ok).toBe(true);
    await waitFor(() => !ana.call((call) => call.id === callId), 'the call gone after hanging up');
  });

  it('refuses malformed commands and calls to nowhere with a message for the agent', async () => {
    const [ana] = await start('ana');
    const bad = await ana.engine.execute({ type: 'sendDtmf', callId: 'x', digits: 'hello' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    const unknown = await ana.engine.execute({ type: 'hold', callId: 'nope' });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'not-found' } });
    const dialled = await ana.engine.execute({ type: 'dial', target: 'nobody' });
    const callId = dialled.ok ? dialled.value.callId ?? '' : '';
    await waitFor(() => lastCallState(ana, callId)?.state === 'ended', 'call to unknown user ends');
    expect(lastCallState(ana, callId)).toMatchObject({ endReason: 'refused', sipCode: 404 });
  });
});
