/**
 * Voice supervision proven by ear through real Kamailio + rtpengine and through the hub's lab
 * proxy (any SIP server will do: the agent's phone mixes): three real phone engines in
 * Chromium, the caller sending 440 Hz, the agent 660 Hz and the supervisor 880 Hz. The supervisor's
 * phone calls the agent's phone with a grant; the agent's phone (the test plays its desktop,
 * which would ask the hub) answers without ringing and mixes. An FFT at each party checks who
 * hears whom in monitor, whisper and barge, switching modes on the same call (SIP INFO), and that
 * the others are left right when the supervisor leaves or the caller hangs up; a microphone the
 * agent switches to mid-whisper goes into the mix on both legs; a refused grant gets a 403 and
 * nobody is joined. The hub's side of grants is tested in
 * tests/unit/hub/voice-supervision-grants.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestHub, type TestHub } from '../unit/hub/support/test-hub';
import { startRig, type Rig } from './support/rig';
import { waitFor } from './support/phone-browser';
import { HEARD_DB, ToneParties } from './support/tone-parties';

const DOMAIN = 'lab.centralita';
const TONES = { caller: 440, agent: 660, supervisor: 880 } as const;
type Party = keyof typeof TONES;
/** The agent's other microphone, switched to mid-whisper. */
const NEW_AGENT_MICROPHONE_HZ = 1500;
const grant = (n: number): string => `grant${n}AAAAAAAAAAAAAAAA.signature${n}`;

const LAB_USERS: Record<Party, string> = { caller: 'jordi', agent: 'ana', supervisor: 'sara' };

let phones: ToneParties<Party>;
let explain: () => string = () => '';

/** The agent's desktop: waits for the supervision request carrying `expected`, and accepts it in `mode`. */
async function agentAccepts(expected: string, mode: string): Promise<string> {
  const request = await waitFor(async () => (await phones.events('agent')).find((event) => event.type === 'supervision-request' && event.grant === expected), `the agent's phone reports grant ${expected}`);
  const callId = request.callId ?? '';
  const accepted = await phones.execute('agent', { type: 'supervisionAccept', callId, mode, itemId: null });
  expect(accepted.ok, accepted.error?.message).toBe(true);
  return callId;
}

/** The supervisor asks for `mode` on the call; the agent's desktop accepts the new grant. */
async function switchMode(supervisorCall: string, n: number, mode: string, agentCall: string): Promise<void> {
  const switching = phones.execute('supervisor', { type: 'superviseSwitch', callId: supervisorCall, grant: grant(n), mode });
  expect(await agentAccepts(grant(n), mode)).toBe(agentCall);
  const switched = await switching;
  expect(switched.ok, switched.error?.message).toBe(true);
}

const supervise = (n: number, mode: string) => phones.execute('supervisor', { type: 'superviseDial', target: phones.sipUserOf('agent'), grant: grant(n), mode });

function supervisionTests(): void {
  it('monitor, whisper and barge hear exactly who they should, switching on one call; the caller keeps the agent when the supervisor leaves', async () => {
    const call = await phones.connect('caller', 'agent', explain);

    const dialled = await supervise(1, 'monitor');
    expect(dialled.ok).toBe(true);
    const supervisorCall = dialled.value?.callId ?? '';
    const agentCall = await agentAccepts(grant(1), 'monitor');
    // It never rang on the agent's phone: no incoming-call event for it, only the request.
    expect((await phones.events('agent')).some((event) => event.type === 'incoming-call' && event.call?.id === agentCall)).toBe(false);
    await waitFor(() => phones.lastCall('supervisor', (c) => c.id === supervisorCall && c.state === 'active'), 'supervisor connected');
    await phones.mediaFlows('supervisor', supervisorCall, explain);
    await phones.mediaFlows('agent', agentCall, explain);

    // Monitor: the supervisor hears caller and agent; nobody hears the supervisor.
    const monitor = {
      supervisor: await phones.hearsUntil('supervisor', supervisorCall, (h) => h.caller > HEARD_DB && h.agent > HEARD_DB, 'supervisor hears both'),
      agent: await phones.hears('agent', agentCall),
      agentFromCaller: await phones.hears('agent', call.toSide),
      caller: await phones.hears('caller', call.fromSide),
    };
    console.log('monitor (dB)', monitor);
    expect(monitor.supervisor.supervisor).toBeLessThan(HEARD_DB);
    expect(monitor.agent.supervisor).toBeLessThan(HEARD_DB);
    expect(monitor.agentFromCaller.caller).toBeGreaterThan(HEARD_DB);
    expect(monitor.caller.agent).toBeGreaterThan(HEARD_DB);
    expect(monitor.caller.supervisor).toBeLessThan(HEARD_DB);

    // Whisper: the agent hears the supervisor too; the caller still does not.
    await switchMode(supervisorCall, 2, 'whisper', agentCall);
    const whisper = {
      agent: await phones.hearsUntil('agent', agentCall, (h) => h.supervisor > HEARD_DB, 'agent hears the whisper'),
      caller: await phones.hears('caller', call.fromSide),
      supervisor: await phones.hears('supervisor', supervisorCall),
    };
    console.log('whisper (dB)', whisper);
    expect(whisper.caller.supervisor).toBeLessThan(HEARD_DB);
    expect(whisper.caller.agent).toBeGreaterThan(HEARD_DB);
    expect(whisper.supervisor.caller).toBeGreaterThan(HEARD_DB);
    expect(whisper.supervisor.agent).toBeGreaterThan(HEARD_DB);

    // Barge: all three hear each other.
    await switchMode(supervisorCall, 3, 'barge', agentCall);
    const barge = {
      caller: await phones.hearsUntil('caller', call.fromSide, (h) => h.supervisor > HEARD_DB, 'caller hears the supervisor'),
      agent: await phones.hears('agent', agentCall),
      supervisor: await phones.hears('supervisor', supervisorCall),
    };
    console.log('barge (dB)', barge);
    expect(barge.caller.agent).toBeGreaterThan(HEARD_DB);
    expect(barge.agent.supervisor).toBeGreaterThan(HEARD_DB);
    expect(barge.supervisor.caller).toBeGreaterThan(HEARD_DB);
    expect(barge.supervisor.agent).toBeGreaterThan(HEARD_DB);
    expect(await phones.lastCall('supervisor', (c) => c.id === supervisorCall)).toMatchObject({ supervision: { side: 'supervisor', mode: 'barge' } });

    // Back to monitor: the supervisor fades out of what the caller and the agent hear.
    await switchMode(supervisorCall, 4, 'monitor', agentCall);
    const quiet = await phones.hearsUntil('caller', call.fromSide, (h) => h.supervisor < HEARD_DB, 'supervisor gone from what the caller hears');
    expect(quiet.agent).toBeGreaterThan(HEARD_DB);
    const agentQuiet = await phones.hearsUntil('agent', agentCall, (h) => h.supervisor < HEARD_DB, 'supervisor gone from what the agent hears');
    console.log('back to monitor (dB): caller hears', quiet, 'agent hears', agentQuiet);

    // The supervisor leaves: caller and agent keep each other, on the plain microphone.
    expect((await phones.execute('supervisor', { type: 'hangup', callId: supervisorCall })).ok).toBe(true);
    await waitFor(() => phones.lastCall('agent', (c) => c.id === agentCall && c.state === 'ended'), 'supervision call ended on the agent’s phone');
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const after = { caller: await phones.hears('caller', call.fromSide), agent: await phones.hears('agent', call.toSide) };
    console.log('after the supervisor left (dB)', after);
    expect(after.caller.agent).toBeGreaterThan(HEARD_DB);
    expect(after.agent.caller).toBeGreaterThan(HEARD_DB);
    expect(await phones.lastCall('caller', (c) => c.id === call.fromSide)).toMatchObject({ state: 'active' });

    expect((await phones.execute('agent', { type: 'hangup', callId: call.toSide })).ok).toBe(true);
    await waitFor(() => phones.lastCall('caller', (c) => c.id === call.fromSide && c.state === 'ended'), 'call over');
  }, 150_000);

  it('hangs the supervisor up when the caller hangs up during barge; a refused grant is a 403 and joins nobody', async () => {
    const call = await phones.connect('caller', 'agent', explain);
    const dialled = await supervise(10, 'barge');
    const supervisorCall = dialled.value?.callId ?? '';
    const agentCall = await agentAccepts(grant(10), 'barge');
    await waitFor(() => phones.lastCall('supervisor', (c) => c.id === supervisorCall && c.state === 'active'), 'supervisor connected');
    await phones.hearsUntil('caller', call.fromSide, (h) => h.supervisor > HEARD_DB, 'caller hears the barging supervisor');

    expect((await phones.execute('caller', { type: 'hangup', callId: call.fromSide })).ok).toBe(true);
    await waitFor(() => phones.lastCall('supervisor', (c) => c.id === supervisorCall && c.state === 'ended'), 'the supervisor’s call ends with the customer’s');
    await waitFor(() => phones.lastCall('agent', (c) => c.id === agentCall && c.state === 'ended'), 'the agent’s side of it too');

    // A grant the hub refuses (forged, replayed, expired, another agent's): 403, nothing joined.
    const second = await phones.connect('caller', 'agent', explain);
    const refusedDial = await supervise(11, 'monitor');
    const refusedCall = refusedDial.value?.callId ?? '';
    const request = await waitFor(async () => (await phones.events('agent')).find((event) => event.type === 'supervision-request' && event.grant === grant(11)), 'the request');
    expect((await phones.execute('agent', { type: 'supervisionRefuse', callId: request.callId ?? '' })).ok).toBe(true);
    const refused = await waitFor(() => phones.lastCall('supervisor', (c) => c.id === refusedCall && c.state === 'ended'), 'refused supervision call ends');
    expect(refused.sipCode).toBe(403);
    expect((await phones.hears('caller', second.fromSide)).agent).toBeGreaterThan(HEARD_DB);
    expect((await phones.execute('agent', { type: 'hangup', callId: second.toSide })).ok).toBe(true);
  }, 120_000);

  it('a microphone the agent switches to during a whisper reaches the caller and the supervisor, and the whisper stays private', async () => {
    const call = await phones.connect('caller', 'agent', explain);
    const supervisorCall = (await supervise(40, 'whisper')).value?.callId ?? '';
    const agentCall = await agentAccepts(grant(40), 'whisper');
    await waitFor(() => phones.lastCall('supervisor', (c) => c.id === supervisorCall && c.state === 'active'), 'supervisor connected');
    await phones.mediaFlows('supervisor', supervisorCall, explain);
    await phones.hearsUntil('agent', agentCall, (h) => h.supervisor > HEARD_DB, 'agent hears the whisper');

    // Picked in Settings, or the headset unplugged: the mix takes the new microphone on both of
    // the agent's legs (customer and supervisor), not the raw device on one of them.
    expect(new Set(await phones.switchMicrophone('agent', NEW_AGENT_MICROPHONE_HZ))).toEqual(new Set([call.toSide, agentCall]));
    const heardBy = async (name: 'caller' | 'supervisor', callId: string, what: string) =>
      waitFor(async () => {
        const [newMicrophone = -160, oldMicrophone = 0, caller = -160, supervisor = 0] = await phones.hearsAt(name, callId, [NEW_AGENT_MICROPHONE_HZ, TONES.agent, TONES.caller, TONES.supervisor]);
        return newMicrophone > HEARD_DB && oldMicrophone < HEARD_DB ? { newMicrophone, oldMicrophone, caller, supervisor } : undefined;
      }, what, 15_000);
    const caller = await heardBy('caller', call.fromSide, "the caller hears the agent's new microphone only");
    const supervisor = await heardBy('supervisor', supervisorCall, "the supervisor hears the agent's new microphone only");
    console.log('whisper after the agent switched microphone (dB): caller hears', caller, 'supervisor hears', supervisor);
    // Still a whisper: the caller does not hear the supervisor; the supervisor still hears the caller.
    expect(caller.supervisor).toBeLessThan(HEARD_DB);
    expect(supervisor.caller).toBeGreaterThan(HEARD_DB);
    expect((await phones.hears('agent', agentCall)).supervisor).toBeGreaterThan(HEARD_DB);

    // The supervisor leaves: the caller keeps the agent's new microphone.
    expect((await phones.execute('supervisor', { type: 'hangup', callId: supervisorCall })).ok).toBe(true);
    await waitFor(() => phones.lastCall('agent', (c) => c.id === agentCall && c.state === 'ended'), 'supervision call ended on the agent’s phone');
    const [afterMix = -160] = await phones.hearsAt('caller', call.fromSide, [NEW_AGENT_MICROPHONE_HZ]);
    expect(afterMix).toBeGreaterThan(HEARD_DB);
    expect((await phones.execute('agent', { type: 'hangup', callId: call.toSide })).ok).toBe(true);
    await waitFor(() => phones.lastCall('caller', (c) => c.id === call.fromSide && c.state === 'ended'), 'call over');
  }, 120_000);

  it('ends the supervision cleanly when the agent transfers the monitored call; the caller reaches the transfer target', async () => {
    const call = await phones.connect('caller', 'agent', explain);
    const supervisorCall = (await supervise(30, 'monitor')).value?.callId ?? '';
    const agentCall = await agentAccepts(grant(30), 'monitor');
    await waitFor(() => phones.lastCall('supervisor', (c) => c.id === supervisorCall && c.state === 'active'), 'supervisor connected');

    // The agent sends the caller on (to the supervisor's own number here: any target will do).
    const earlier = new Set((await phones.events('supervisor')).map((event) => event.call?.id));
    const callerEarlier = new Set((await phones.events('caller')).map((event) => event.call?.id));
    expect((await phones.execute('agent', { type: 'blindTransfer', callId: call.toSide, target: phones.sipUserOf('supervisor') })).ok).toBe(true);
    // The blind transfer completes when the target answers; then the agent's call ends.
    const ringing = await waitFor(() => phones.lastCall('supervisor', (c) => !earlier.has(c.id) && c.state === 'ringing-in' && !c.supervision), 'the transferred caller rings');
    expect((await phones.execute('supervisor', { type: 'answer', callId: ringing.id })).ok).toBe(true);
    await waitFor(() => phones.lastCall('agent', (c) => c.id === call.toSide && c.state === 'ended'), 'the agent’s call ends');
    await waitFor(() => phones.lastCall('agent', (c) => c.id === agentCall && c.state === 'ended'), 'the supervision leg ends with it');
    await waitFor(() => phones.lastCall('supervisor', (c) => c.id === supervisorCall && c.state === 'ended'), 'the supervisor is hung up');
    const callerNow = await waitFor(() => phones.lastCall('caller', (c) => !callerEarlier.has(c.id) && c.state === 'active'), 'the caller’s new call');
    await phones.mediaFlows('caller', callerNow.id, explain);
    // Heard together over one averaged second: the target, and no longer the agent (a faint trace
    // of the old call's audio, -73 dB once against -75, may take a moment to go).
    const heard = await phones.hearsUntil('caller', callerNow.id, (h) => h.supervisor > HEARD_DB && h.agent < HEARD_DB, 'the caller hears the transfer target and not the agent');
    expect(heard.agent).toBeLessThan(HEARD_DB);
    expect((await phones.execute('supervisor', { type: 'hangup', callId: ringing.id })).ok).toBe(true);
  }, 120_000);

  it('takes the call over: the caller is moved onto the supervisor’s call (REFER with Replaces) and the agent leaves', async () => {
    const call = await phones.connect('caller', 'agent', explain);
    const supervisorCall = (await supervise(20, 'monitor')).value?.callId ?? '';
    const agentCall = await agentAccepts(grant(20), 'monitor');
    await waitFor(() => phones.lastCall('supervisor', (c) => c.id === supervisorCall && c.state === 'active'), 'supervisor connected');

    const seenBy = async (name: Party) => new Set((await phones.events(name)).map((event) => event.call?.id));
    const supervisorSaw = await seenBy('supervisor');
    const callerSaw = await seenBy('caller');
    const switching = phones.execute('supervisor', { type: 'superviseSwitch', callId: supervisorCall, grant: grant(21), mode: 'take-over' });
    const request = await waitFor(async () => (await phones.events('agent')).find((event) => event.type === 'supervision-request' && event.grant === grant(21)), 'the take-over request');
    const handedOver = await phones.execute('agent', { type: 'supervisionAccept', callId: request.callId ?? '', mode: 'take-over', itemId: null, takeOverItemId: 'wi-taken-over' });
    expect(handedOver.ok, handedOver.error?.message).toBe(true);
    expect((await switching).ok).toBe(true);

    // The caller now talks to the supervisor on a new call; the agent's calls are over.
    const taken = await waitFor(() => phones.lastCall('supervisor', (c) => !supervisorSaw.has(c.id) && !c.supervision && c.state === 'active'), 'the caller lands on the supervisor’s phone');
    const callerNow = await waitFor(() => phones.lastCall('caller', (c) => !callerSaw.has(c.id) && c.state === 'active'), 'the caller’s new call');
    await waitFor(() => phones.lastCall('agent', (c) => c.id === call.toSide && c.state === 'ended'), 'the agent’s call ends');
    expect(await phones.lastCall('agent', (c) => c.id === call.toSide)).toMatchObject({ endReason: 'transferred' });
    await waitFor(() => phones.lastCall('agent', (c) => c.id === agentCall && c.state === 'ended'), 'the agent’s side of the supervision call ends');
    await waitFor(() => phones.lastCall('supervisor', (c) => c.id === supervisorCall && c.state === 'ended'), 'the supervision call is replaced');
    await phones.mediaFlows('supervisor', taken.id, explain);
    const heard = {
      supervisor: await phones.hearsUntil('supervisor', taken.id, (h) => h.caller > HEARD_DB, 'the supervisor hears the caller'),
      caller: await phones.hearsUntil('caller', callerNow.id, (h) => h.supervisor > HEARD_DB, 'the caller hears the supervisor'),
    };
    console.log('after take-over (dB)', heard);
    expect(heard.supervisor.agent).toBeLessThan(HEARD_DB);
    expect(heard.caller.agent).toBeLessThan(HEARD_DB);
    expect((await phones.execute('supervisor', { type: 'hangup', callId: taken.id })).ok).toBe(true);
  }, 120_000);
}

describe('voice supervision through Kamailio + rtpengine (Chromium, WebAudio mix on the agent’s phone)', () => {
  let rig: Rig;
  beforeAll(async () => {
    rig = await startRig({ staticAor: `sip:agent@${DOMAIN}` });
    explain = () => rig.rtpengineLog(30);
    phones = await ToneParties.open(TONES);
    await phones.register(rig.env.WS_URL ?? '', DOMAIN);
  }, 180_000);
  afterAll(async () => {
    await phones?.close();
    await rig?.stop();
  });
  supervisionTests();
});

describe('voice supervision through the hub’s lab proxy (Chromium, WebAudio mix on the agent’s phone)', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub({ seedDemoData: true });
    const lab = hub.labSip;
    if (!lab) throw new Error('the demo hub runs no lab proxy');
    explain = () => '';
    phones = await ToneParties.open(TONES);
    await phones.register(lab.url, DOMAIN, (name) => ({ sipUser: LAB_USERS[name], password: lab.passwordFor(LAB_USERS[name]) }));
  }, 180_000);
  afterAll(async () => {
    await phones?.close();
    await hub?.cleanup();
  });
  supervisionTests();
});
