/**
 * 3-way conference mixed locally by our phone (WebAudio), proven by ear: three real phone engines
 * in Chromium, each sending a different pure tone, call through real Kamailio + rtpengine. After
 * 'conference', each far end hears the other far end's tone (FFT), which it could not before;
 * mute silences the agent in both mixes but not the far ends; a microphone switched to mid-call
 * goes into both mixes; when one far end hangs up, the other hears only the agent again.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from './support/phone-browser';
import { startRig, type Rig } from './support/rig';
import { HEARD_DB, ToneParties, type ToneCall } from './support/tone-parties';

const DOMAIN = 'lab.centralita';
const TONE = { agent: 440, jordi: 700, marta: 1100 } as const;
/** The agent's other microphone, switched to mid-conference. */
const NEW_MICROPHONE_HZ = 1500;
type PartyName = keyof typeof TONE;

let rig: Rig;
let phones: ToneParties<PartyName>;

const execute = (name: PartyName, command: Record<string, unknown>) => phones.execute(name, command);
const hears = (name: PartyName, callId: string) => phones.hears(name, callId);
const lastCall = (name: PartyName, predicate: (call: ToneCall) => boolean) => phones.lastCall(name, predicate);

/** The agent dials a far end, who answers; returns both sides' call ids once both are connected. */
async function agentCalls(callee: 'jordi' | 'marta'): Promise<{ agentSide: string; farSide: string }> {
  const connected = await phones.connect('agent', callee, () => rig.rtpengineLog(30));
  return { agentSide: connected.fromSide, farSide: connected.toSide };
}

beforeAll(async () => {
  rig = await startRig({ staticAor: `sip:agent@${DOMAIN}` });
  phones = await ToneParties.open(TONE);
  await phones.register(rig.env.WS_URL ?? '', DOMAIN);
}, 180_000);

afterAll(async () => {
  await phones?.close();
  await rig?.stop();
});

describe('local 3-way conference through Kamailio + rtpengine (Chromium, WebAudio mix)', () => {
  it('each far end hears the other far end after "conference"; when one leaves the other hears only the agent', async () => {
    const withJordi = await agentCalls('jordi');
    const withMarta = await agentCalls('marta');

    // Before: the first call is on hold (dialling Marta held it); Marta hears the agent, not Jordi.
    const martaBefore = await hears('marta', withMarta.farSide);
    console.log('marta hears before the conference (dB)', martaBefore);
    expect(martaBefore.agent).toBeGreaterThan(HEARD_DB);
    expect(martaBefore.jordi).toBeLessThan(HEARD_DB);

    const joined = await execute('agent', { type: 'conference', callIds: [withJordi.agentSide, withMarta.agentSide] });
    expect(joined.ok).toBe(true);
    expect(await lastCall('agent', (call) => call.id === withJordi.agentSide)).toMatchObject({ state: 'active', conferenceWith: withMarta.agentSide });

    await new Promise((resolve) => setTimeout(resolve, 1500));
    const jordiHears = await hears('jordi', withJordi.farSide);
    const martaHears = await hears('marta', withMarta.farSide);
    const agentHearsJordi = await hears('agent', withJordi.agentSide);
    const agentHearsMarta = await hears('agent', withMarta.agentSide);
    console.log('in conference (dB): jordi hears', jordiHears, 'marta hears', martaHears, 'agent hears', agentHearsJordi, agentHearsMarta);
    expect(jordiHears.agent).toBeGreaterThan(HEARD_DB);
    expect(jordiHears.marta).toBeGreaterThan(HEARD_DB);
    expect(martaHears.agent).toBeGreaterThan(HEARD_DB);
    expect(martaHears.jordi).toBeGreaterThan(HEARD_DB);
    // The agent hears both, each on its own call (the mix goes only outwards: no echo of ourselves).
    expect(agentHearsJordi.jordi).toBeGreaterThan(HEARD_DB);
    expect(agentHearsMarta.marta).toBeGreaterThan(HEARD_DB);
    expect(agentHearsJordi.agent).toBeLessThan(HEARD_DB);

    // Mute silences the agent in both mixes; the far ends still hear each other.
    expect((await execute('agent', { type: 'mute', callId: withJordi.agentSide })).ok).toBe(true);
    const muted = await waitFor(async () => {
      const heard = await hears('jordi', withJordi.farSide);
      return heard.agent < HEARD_DB ? heard : undefined;
    }, 'the agent muted for Jordi', 10_000);
    const martaMuted = await waitFor(async () => {
      const heard = await hears('marta', withMarta.farSide);
      return heard.agent < HEARD_DB ? heard : undefined;
    }, 'the agent muted for Marta', 10_000);
    console.log('agent muted (dB): jordi hears', muted, 'marta hears', martaMuted);
    expect(muted.marta).toBeGreaterThan(HEARD_DB);
    expect(martaMuted.agent).toBeLessThan(HEARD_DB);
    expect(martaMuted.jordi).toBeGreaterThan(HEARD_DB);
    expect((await execute('agent', { type: 'unmute', callId: withMarta.agentSide })).ok).toBe(true);
    await waitFor(async () => ((await hears('jordi', withJordi.farSide)).agent > HEARD_DB ? true : undefined), 'the agent heard again', 10_000);

    // The agent switches microphone (picked in Settings, or the headset unplugged): the mix takes
    // the new one; both far ends hear it instead of the old one and still hear each other.
    expect(new Set(await phones.switchMicrophone('agent', NEW_MICROPHONE_HZ))).toEqual(new Set([withJordi.agentSide, withMarta.agentSide]));
    for (const [name, callId, other] of [['jordi', withJordi.farSide, 'marta'], ['marta', withMarta.farSide, 'jordi']] as const) {
      const [newMicrophone, oldMicrophone, otherFarEnd] = await waitFor(async () => {
        const heard = await phones.hearsAt(name, callId, [NEW_MICROPHONE_HZ, TONE.agent, TONE[other]]);
        return (heard[0] ?? -160) > HEARD_DB && (heard[1] ?? 0) < HEARD_DB ? heard : undefined;
      }, `${name} hears the agent's new microphone only`, 15_000);
      console.log(`${name} hears after the microphone switch (dB): new ${newMicrophone}, old ${oldMicrophone}, ${other} ${otherFarEnd}`);
      expect(otherFarEnd).toBeGreaterThan(HEARD_DB);
    }

    // Marta hangs up: the mix ends, Jordi keeps the agent with the plain (new) microphone.
    expect((await execute('marta', { type: 'hangup', callId: withMarta.farSide })).ok).toBe(true);
    await waitFor(() => lastCall('agent', (call) => call.id === withJordi.agentSide && call.conferenceWith === null), 'conference over on the agent side');
    await new Promise((resolve) => setTimeout(resolve, 1500));
    // Jordi's jitter buffer drains what was already mixed: Marta fades out within seconds (measured
    // here: about -43 dB after 1.5 s, below -73 dB after 6 s, from -27 dB in the conference).
    const startedWaiting = Date.now();
    const jordiAfter = await waitFor(async () => {
      const heard = await hears('jordi', withJordi.farSide);
      return heard.marta < HEARD_DB ? heard : undefined;
    }, 'Marta gone from what Jordi hears', 15_000);
    console.log(`jordi hears after marta left (dB), ${Date.now() - startedWaiting} ms after the mix ended`, jordiAfter);
    const [afterMix] = await phones.hearsAt('jordi', withJordi.farSide, [NEW_MICROPHONE_HZ]);
    expect(afterMix).toBeGreaterThan(HEARD_DB);
    expect(jordiAfter.agent).toBeLessThan(HEARD_DB);

    expect((await execute('agent', { type: 'hangup', callId: withJordi.agentSide })).ok).toBe(true);
  }, 120_000);
});
