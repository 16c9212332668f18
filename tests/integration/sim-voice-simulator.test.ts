/**
 * The hub's simulator with the lab SIP proxy on (what `npm start` and `npm run hub -- --simulate`
 * run): no call while nobody can take one; once an agent is Ready a demo customer calls, one at a
 * time; the agent hears them; stopping the hub hangs the call up and closes every simulated party.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startHub, type RunningHub } from '../../src-hub/embedded';
import { openAgentPhone, until, type AgentPhone, type PhonePageEvent } from './helpers/sim-voice-phone';

type IncomingCall = Extract<PhonePageEvent, { type: 'incoming-call' }>;
const incomingCalls = async (phone: AgentPhone): Promise<IncomingCall[]> => (await phone.events()).filter((e): e is IncomingCall => e.type === 'incoming-call');
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('simulator with the lab SIP proxy', () => {
  let dataDir = '';
  let hub: RunningHub | null = null;
  let phone: AgentPhone | null = null;

  afterEach(async () => {
    await phone?.close();
    await hub?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('calls a ready agent with a demo customer, one call at a time, and hangs up when the hub stops', async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'centralita-sim-voice-'));
    // Chats hourly (out of the way); calls as often as the rule allows.
    const running = await startHub({ dataDir, seedDemoData: true, simulate: { intervalMs: 3_600_000, callIntervalMs: 1_000 }, logLevel: 'silent' });
    hub = running;
    const voice = running.simulator?.voice;
    expect(voice).toBeTruthy();
    const lab = running.labSip!;
    phone = await openAgentPhone();
    await phone.start({ serverUrl: lab.url, aor: `sip:ana@${lab.sipDomain}`, authorizationUsername: 'ana', password: lab.passwordFor('ana') });
    await until(() => (voice?.outsideWorld()?.isRegistered() ? true : undefined), 'the outside world to register');

    // Registered but not Ready: nobody could take a call, so none is placed.
    await sleep(2_500);
    expect(await incomingCalls(phone)).toHaveLength(0);
    expect(voice?.activeCallers()).toHaveLength(0);

    expect(running.center.setState('ana', 'ready', null).ok).toBe(true);
    const [incoming] = await until(async () => {
      const calls = await incomingCalls(phone!);
      return calls.length > 0 ? calls : undefined;
    }, 'a simulated call to ring Ana', 10_000);
    const offered = running.center.snapshot('ana')?.offers.find((o) => o.item.id === incoming?.info.itemId)?.item;
    expect(offered).toMatchObject({ channel: 'voice', queueId: 'soporte-voz' });
    expect(offered?.customerId).toMatch(/^cust-/);

    // While that call waits for an answer, no second caller is sent.
    await sleep(2_500);
    expect(await incomingCalls(phone)).toHaveLength(1);
    expect(voice?.activeCallers()).toHaveLength(1);

    const callId = incoming!.call.id;
    await phone.execute({ type: 'answer', callId });
    const heard = await until(async () => {
      const audio = await phone!.audio(callId);
      return audio && audio.packetsReceived > 25 && audio.audioLevel > 0.02 ? audio : undefined;
    }, 'Ana to hear the simulated caller');
    expect(heard.codec).toBe('audio/PCMU');

    const stopping = Date.now();
    await running.stop();
    hub = null;
    const stopMs = Date.now() - stopping;
    expect(stopMs).toBeLessThan(5_000);
    await until(async () => ((await phone!.events()).some((e) => e.type === 'call-removed' && e.callId === callId) ? true : undefined), 'the call to end with the hub');
    expect(voice?.activeCallers()).toHaveLength(0);
    console.log(`hub stop with a live simulated call: ${stopMs} ms`);
  });
});
