/**
 * The conference rules of the engine over the in-memory SIP switch: joining resumes the held call
 * and marks both calls, mute moves into the mix, and a leg that hangs up (either side) or is
 * held ends the mix. The WebAudio mix itself is proven in Chromium (tests/interop/conference).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { conferenceCandidates } from '../../../src-common/call';
import { ok } from '../../../src-common/result';
import type { ConferenceBridgeFactory, ConferenceLeg } from '../../../src-phone/engine/conference-bridge';
import { MemorySipSwitch } from './support/memory-sip-switch';
import { makePhone, registered, waitFor, type TestPhone } from './support/test-phone';

interface BridgeRecord {
  legs: string[];
  muted: boolean[];
  microphones: string[];
  ended: boolean;
}

/** Node has no MediaStreamTrack: the bridge only passes it on, so its id is enough here. */
const stubTrack = (id: string): MediaStreamTrack => ({ id }) as MediaStreamTrack;

let phones: TestPhone[] = [];

function recordingBridges(): { factory: ConferenceBridgeFactory; bridges: BridgeRecord[] } {
  const bridges: BridgeRecord[] = [];
  const factory: ConferenceBridgeFactory = async (legs: readonly [ConferenceLeg, ConferenceLeg]) => {
    const record: BridgeRecord = { legs: legs.map((leg) => leg.callId), muted: [], microphones: [], ended: false };
    bridges.push(record);
    return ok({
      setMicrophoneMuted: (muted: boolean) => void record.muted.push(muted),
      replaceMicrophone: (track: MediaStreamTrack) => void record.microphones.push(track.id),
      end: async () => void (record.ended = true),
    });
  };
  return { factory, bridges };
}

async function agentWithTwoCalls(): Promise<{ agent: TestPhone; first: string; second: string; bridges: BridgeRecord[]; jordi: TestPhone; marta: TestPhone }> {
  const sipSwitch = new MemorySipSwitch();
  const { factory, bridges } = recordingBridges();
  const agent = makePhone(sipSwitch, 'ana', {}, { conferenceBridgeFactory: factory });
  const jordi = makePhone(sipSwitch, 'jordi');
  const marta = makePhone(sipSwitch, 'marta');
  phones = [agent, jordi, marta];
  await Promise.all(phones.map((phone) => phone.engine.start()));
  await Promise.all(phones.map(registered));
  const dialAndAnswer = async (callee: TestPhone): Promise<string> => {
    const dialled = await agent.engine.execute({ type: 'dial', target: callee.user });
    if (!dialled.ok || !dialled.value.callId) throw new Error('dial failed');
    const ringing = await waitFor(() => callee.call((call) => call.state === 'ringing-in'), `${callee.user} ringing`);
    expect((await callee.engine.execute({ type: 'answer', callId: ringing.id })).ok).toBe(true);
    const callId = dialled.value.callId;
    await waitFor(() => agent.call((call) => call.id === callId)?.state === 'active', 'agent connected');
    return callId;
  };
  const first = await dialAndAnswer(jordi);
  // Dialling the second party puts the first on hold, as on any desk phone.
  const second = await dialAndAnswer(marta);
  expect(agent.call((call) => call.id === first)?.state).toBe('held');
  return { agent, first, second, bridges, jordi, marta };
}

afterEach(async () => {
  await Promise.all(phones.map((phone) => phone.engine.stop()));
  phones = [];
});

describe('local 3-way conference', () => {
  it('resumes the held call, mixes both and shows each call joined to the other', async () => {
    const { agent, first, second, bridges, jordi } = await agentWithTwoCalls();
    expect(conferenceCandidates(agent.engine.listCalls())).toEqual(expect.arrayContaining([first, second]));
    const joined = await agent.engine.execute({ type: 'conference', callIds: [first, second] });
    expect(joined).toEqual({ ok: true, value: { callId: null } });
    expect(agent.call((call) => call.id === first)).toMatchObject({ state: 'active', conferenceWith: second });
    expect(agent.call((call) => call.id === second)).toMatchObject({ state: 'active', conferenceWith: first });
    expect(bridges).toHaveLength(1);
    expect(bridges[0].legs).toEqual([first, second]);
    // The first party was on hold and hears us again; the microphone tracks are live for the mix.
    await waitFor(() => jordi.call()?.onHoldByRemote === false, 'jordi no longer on hold');
    expect(agent.media(first)).toMatchObject({ senderEnabled: true, receiverEnabled: true });
    expect(conferenceCandidates(agent.engine.listCalls())).toBeNull();
  });

  it('refuses a second conference and a conference with a call that is not connected', async () => {
    const { agent, first, second } = await agentWithTwoCalls();
    expect(await agent.engine.execute({ type: 'conference', callIds: [first, 'nope'] })).toMatchObject({ ok: false, error: { code: 'not-found' } });
    expect(await agent.engine.execute({ type: 'conference', callIds: [first, first] })).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect((await agent.engine.execute({ type: 'conference', callIds: [first, second] })).ok).toBe(true);
    expect(await agent.engine.execute({ type: 'conference', callIds: [second, first] })).toMatchObject({ ok: false, error: { code: 'conflict' } });
  });

  it('mutes the microphone in the mix for both calls, not the mixed tracks', async () => {
    const { agent, first, second, bridges } = await agentWithTwoCalls();
    await agent.engine.execute({ type: 'conference', callIds: [first, second] });
    expect((await agent.engine.execute({ type: 'mute', callId: second })).ok).toBe(true);
    expect(bridges[0].muted.at(-1)).toBe(true);
    expect(agent.engine.listCalls().every((call) => call.muted)).toBe(true);
    // The far ends must keep hearing each other: the senders stay enabled.
    expect(agent.media(first)?.senderEnabled).toBe(true);
    await agent.engine.execute({ type: 'unmute', callId: first });
    expect(bridges[0].muted.at(-1)).toBe(false);
  });

  it('when one far end hangs up, the mix ends and the remaining call goes on with the plain microphone', async () => {
    const { agent, first, second, bridges, marta } = await agentWithTwoCalls();
    await agent.engine.execute({ type: 'conference', callIds: [first, second] });
    const martaCall = marta.call();
    if (!martaCall) throw new Error('marta has no call');
    await marta.engine.execute({ type: 'hangup', callId: martaCall.id });
    await waitFor(() => bridges[0].ended, 'mix ended');
    await waitFor(() => agent.call((call) => call.id === first)?.conferenceWith === null, 'first call left the conference');
    expect(agent.call((call) => call.id === first)?.state).toBe('active');
    expect(agent.media(first)?.senderEnabled).toBe(true);
  });

  it('holding one call of the conference splits it first', async () => {
    const { agent, first, second, bridges } = await agentWithTwoCalls();
    await agent.engine.execute({ type: 'conference', callIds: [first, second] });
    expect((await agent.engine.execute({ type: 'hold', callId: first })).ok).toBe(true);
    expect(bridges[0].ended).toBe(true);
    expect(agent.call((call) => call.id === first)).toMatchObject({ state: 'held', conferenceWith: null });
    expect(agent.call((call) => call.id === second)).toMatchObject({ state: 'active', conferenceWith: null });
  });

  it('takes another microphone into the mix (the host leaves both calls’ senders alone), and none once it ended', async () => {
    const { agent, first, second, bridges } = await agentWithTwoCalls();
    expect(agent.engine.useMicrophoneInMixes(() => stubTrack('headset'))).toEqual([]);
    await agent.engine.execute({ type: 'conference', callIds: [first, second] });
    expect(agent.engine.useMicrophoneInMixes(() => stubTrack('laptop'))).toEqual([first, second]);
    expect(bridges[0].microphones).toEqual(['laptop']);
    await agent.engine.execute({ type: 'hold', callId: first });
    expect(agent.engine.useMicrophoneInMixes(() => stubTrack('headset'))).toEqual([]);
    expect(bridges[0].microphones).toEqual(['laptop']);
  });
});
