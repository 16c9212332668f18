/**
 * The supervision rules of the engine over the in-memory SIP switch: a supervisor's INVITE with a
 * grant never rings and is announced for the hub's check; accepted, it is answered without
 * holding the customer and mixed with the customer's call; a mode change travels as an INFO whose
 * 200 or 403 the supervisor's phone reports; the supervisor is hung up when the customer's call
 * ends. The WebAudio mix itself is proven by ear in Chromium (tests/interop/voice-supervision).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ok } from '../../../src-common/result';
import type { SupervisionMixFactory } from '../../../src-phone/engine/supervision-mix';
import { MemorySipSwitch } from './support/memory-sip-switch';
import { lastCallState, makePhone, registered, waitFor, type TestPhone } from './support/test-phone';

interface MixRecord {
  customer: string;
  supervisor: string;
  modes: string[];
  microphones: string[];
  ended: boolean;
}

const GRANT = (n: number): string => `grant${n}AAAAAAAAAAAAAAAA.signature${n}`;
let phones: TestPhone[] = [];

afterEach(async () => {
  await Promise.all(phones.map((phone) => phone.engine.stop()));
  phones = [];
});

async function supervisedCall() {
  const sipSwitch = new MemorySipSwitch();
  const mixes: MixRecord[] = [];
  const factory: SupervisionMixFactory = async (legs, mode) => {
    const record: MixRecord = { customer: legs.customer.callId, supervisor: legs.supervisor.callId, modes: [mode], microphones: [], ended: false };
    mixes.push(record);
    return ok({ setMode: (next) => void record.modes.push(next), replaceMicrophone: (track) => void record.microphones.push(track.id), end: async () => void (record.ended = true) });
  };
  const agent = makePhone(sipSwitch, 'ana', {}, { supervisionMixFactory: factory });
  const caller = makePhone(sipSwitch, 'maria');
  const supervisor = makePhone(sipSwitch, 'sara');
  phones = [agent, caller, supervisor];
  await Promise.all(phones.map((phone) => phone.engine.start()));
  await Promise.all(phones.map(registered));
  const dialled = await caller.engine.execute({ type: 'dial', target: 'ana' });
  const callerSide = dialled.ok ? (dialled.value.callId ?? '') : '';
  const customer = await waitFor(() => agent.call((call) => call.state === 'ringing-in'), 'the customer rings');
  await agent.engine.execute({ type: 'answer', callId: customer.id });
  await waitFor(() => agent.call((call) => call.id === customer.id)?.state === 'active', 'customer connected');
  return { sipSwitch, agent, caller, supervisor, callerSide, customerCall: customer.id, mixes };
}

describe('voice supervision in the phone engine', () => {
  it('answers a granted supervisor without ringing or holding the customer, and switches modes by INFO', async () => {
    const { sipSwitch, agent, supervisor, customerCall, mixes } = await supervisedCall();
    const dialled = await supervisor.engine.execute({ type: 'superviseDial', target: 'ana', grant: GRANT(1), mode: 'monitor' });
    const supervisorCall = dialled.ok ? (dialled.value.callId ?? '') : '';
    const request = await waitFor(() => agent.events.find((event) => event.type === 'supervision-request'), 'the grant is announced');
    if (request.type !== 'supervision-request') throw new Error('no request');
    expect(request.grant).toBe(GRANT(1));
    // Never announced as a ringing call: no ringtone, no offer card.
    expect(agent.events.some((event) => event.type === 'incoming-call' && event.call.id === request.callId)).toBe(false);

    expect((await agent.engine.execute({ type: 'supervisionAccept', callId: request.callId, mode: 'monitor', itemId: null })).ok).toBe(true);
    await waitFor(() => supervisor.call((call) => call.id === supervisorCall)?.state === 'active', 'supervisor connected');
    expect(mixes).toEqual([{ customer: customerCall, supervisor: request.callId, modes: ['monitor'], microphones: [], ended: false }]);
    // The agent switches microphone while supervised: the mix takes it, for both calls.
    expect(agent.engine.useMicrophoneInMixes(() => ({ id: 'laptop' }) as MediaStreamTrack)).toEqual([request.callId, customerCall]);
    expect(mixes[0]?.microphones).toEqual(['laptop']);
    // The customer was not put on hold to take the supervisor.
    expect(sipSwitch.requests('INVITE').filter((message) => /a=sendonly/.test(message.text))).toHaveLength(0);
    expect(agent.call((call) => call.id === request.callId)?.supervision).toEqual({ side: 'agent', mode: 'monitor' });

    // Whisper, granted by the hub: the INFO is answered 200 and the mix follows.
    const switching = supervisor.engine.execute({ type: 'superviseSwitch', callId: supervisorCall, grant: GRANT(2), mode: 'whisper' });
    const second = await waitFor(() => agent.events.filter((event) => event.type === 'supervision-request')[1], 'the mode change is announced');
    if (second.type !== 'supervision-request') throw new Error('no request');
    expect(second).toMatchObject({ callId: request.callId, grant: GRANT(2) });
    expect((await agent.engine.execute({ type: 'supervisionAccept', callId: second.callId, mode: 'whisper', itemId: null })).ok).toBe(true);
    expect((await switching).ok).toBe(true);
    expect(mixes[0]?.modes).toEqual(['monitor', 'whisper']);
    expect(supervisor.call((call) => call.id === supervisorCall)?.supervision).toEqual({ side: 'supervisor', mode: 'whisper' });

    // Barge refused by the hub: 403 to the INFO, the supervisor's phone says so, nothing changes.
    const refusedSwitch = supervisor.engine.execute({ type: 'superviseSwitch', callId: supervisorCall, grant: GRANT(3), mode: 'barge' });
    const third = await waitFor(() => agent.events.filter((event) => event.type === 'supervision-request')[2], 'the barge request');
    if (third.type !== 'supervision-request') throw new Error('no request');
    expect((await agent.engine.execute({ type: 'supervisionRefuse', callId: third.callId })).ok).toBe(true);
    expect(await refusedSwitch).toMatchObject({ ok: false, error: { message: 'The agent’s phone refused the mode change (403).' } });
    expect(mixes[0]?.modes).toEqual(['monitor', 'whisper']);
    expect(supervisor.call((call) => call.id === supervisorCall)?.supervision?.mode).toBe('whisper');
  });

  it('refuses a grant the hub refused with 403, and hangs the supervisor up when the customer’s call ends', async () => {
    const { agent, caller, supervisor, callerSide, mixes } = await supervisedCall();
    const refusedDial = await supervisor.engine.execute({ type: 'superviseDial', target: 'ana', grant: GRANT(5), mode: 'monitor' });
    const refusedCall = refusedDial.ok ? (refusedDial.value.callId ?? '') : '';
    const refused = await waitFor(() => agent.events.find((event) => event.type === 'supervision-request'), 'the grant is announced');
    if (refused.type !== 'supervision-request') throw new Error('no request');
    await agent.engine.execute({ type: 'supervisionRefuse', callId: refused.callId });
    await waitFor(() => lastCallState(supervisor, refusedCall)?.state === 'ended', 'the refused call ends');
    expect(lastCallState(supervisor, refusedCall)).toMatchObject({ endReason: 'refused', sipCode: 403 });
    expect(mixes).toEqual([]);

    const dialled = await supervisor.engine.execute({ type: 'superviseDial', target: 'ana', grant: GRANT(6), mode: 'barge' });
    const supervisorCall = dialled.ok ? (dialled.value.callId ?? '') : '';
    const request = await waitFor(() => agent.events.filter((event) => event.type === 'supervision-request')[1], 'the second grant');
    if (request.type !== 'supervision-request') throw new Error('no request');
    await agent.engine.execute({ type: 'supervisionAccept', callId: request.callId, mode: 'barge', itemId: null });
    await waitFor(() => supervisor.call((call) => call.id === supervisorCall)?.state === 'active', 'supervisor connected');

    await caller.engine.execute({ type: 'hangup', callId: callerSide });
    await waitFor(() => lastCallState(supervisor, supervisorCall)?.state === 'ended', 'the supervisor is hung up');
    expect(lastCallState(supervisor, supervisorCall)?.endReason).toBe('remote-hangup');
    expect(mixes[0]?.ended).toBe(true);
  });
});
