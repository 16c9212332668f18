/**
 * 3-way conference mixed locally by our phone (WebAudio), proven by ear: three real phone engines
 * in Chromium, each sending a different pure tone, call through real Kamailio + rtpengine. After
 * 'conference', each far end hears the other far end's tone (FFT), which it could not before;
 * mute silences the agent in both mixes but not the far ends; when one far end hangs up, the
 * other hears only the agent again.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { PhoneConfigInput } from '../../src-common/call';
import { CHROMIUM_ARGS, FAKE_MEDIA_ARGS } from '../support/chromium-args';
import { serveTestPage, type ServedTestPage } from '../support/served-test-page';
import { waitFor } from './support/phone-browser';
import { startRig, type Rig } from './support/rig';

const HERE = dirname(fileURLToPath(import.meta.url));
const DOMAIN = 'lab.centralita';
const TONE = { agent: 440, jordi: 700, marta: 1100 } as const;
type PartyName = keyof typeof TONE;
/** A tone this far above the quiet bins is "heard"; silence and codec noise sit far below. */
const HEARD_DB = -75;

interface CallEvent {
  type: string;
  call?: { id: string; state: string; conferenceWith?: string | null };
}

let rig: Rig;
let served: ServedTestPage | null = null;
let browser: Browser;
let page: Page;

async function openPage(): Promise<void> {
  served = await serveTestPage(join(HERE, 'conference-page/entry.ts'), 'conference under test');
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [...FAKE_MEDIA_ARGS, ...CHROMIUM_ARGS],
  });
  page = await browser.newPage();
  await page.goto(served.url);
  await page.waitForFunction(() => 'conferenceUnderTest' in window);
}

const events = (name: PartyName): Promise<CallEvent[]> => page.evaluate((n) => window.conferenceUnderTest.events(n) as never, name);
const execute = (name: PartyName, command: Record<string, unknown>): Promise<{ ok: boolean; value?: { callId: string | null } }> =>
  page.evaluate(([n, c]) => window.conferenceUnderTest.execute(n, c) as never, [name, command] as const);

const inbound = (name: PartyName, callId: string): Promise<{ packets: number; level: number; sent: number; state: string; ice: string }> =>
  page.evaluate(([n, c]) => window.conferenceUnderTest.inbound(n, c), [name, callId] as const);

/** What `name` hears on `callId`, as dB at each party's tone, averaged over a second (the analyser is read 5 times). */
async function hears(name: PartyName, callId: string): Promise<Record<PartyName, number>> {
  const frequencies = [TONE.agent, TONE.jordi, TONE.marta];
  const sums = [0, 0, 0];
  for (let sample = 0; sample < 5; sample += 1) {
    const levels = await waitFor(async () => (await page.evaluate(([n, c, f]) => window.conferenceUnderTest.levels(n, c, f), [name, callId, frequencies] as const)) ?? undefined, `${name} audio`);
    levels.forEach((level, index) => (sums[index] += Math.max(level, -160) / 5));
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return { agent: Math.round(sums[0]), jordi: Math.round(sums[1]), marta: Math.round(sums[2]) };
}

async function lastCall(name: PartyName, predicate: (call: NonNullable<CallEvent['call']>) => boolean): Promise<NonNullable<CallEvent['call']> | undefined> {
  return (await events(name)).map((event) => event.call).filter((call): call is NonNullable<CallEvent['call']> => call !== undefined).reverse().find(predicate);
}

/** The agent dials a far end, who answers; returns both sides' call ids once both are connected. */
async function agentCalls(callee: 'jordi' | 'marta'): Promise<{ agentSide: string; farSide: string }> {
  const dialled = await execute('agent', { type: 'dial', target: callee });
  expect(dialled.ok).toBe(true);
  const agentSide = dialled.value?.callId ?? '';
  const ringing = await waitFor(() => lastCall(callee, (call) => call.state === 'ringing-in'), `${callee} rings`);
  expect((await execute(callee, { type: 'answer', callId: ringing.id })).ok).toBe(true);
  await waitFor(() => lastCall('agent', (call) => call.id === agentSide && call.state === 'active'), 'agent connected');
  await waitFor(() => lastCall(callee, (call) => call.id === ringing.id && call.state === 'active'), `${callee} connected`);
  // Media flows both ways before anyone listens (ICE + DTLS through rtpengine take a moment).
  for (const [name, callId] of [['agent', agentSide], [callee, ringing.id]] as const) {
    await waitFor(async () => ((await inbound(name, callId)).packets > 25 ? true : undefined), `${name} receives audio`, 15_000).catch(async (cause: unknown) => {
      const rtpengineLog = readFileSync(join(rig.dir, 'rtpengine.log'), 'utf8').split('\n').slice(-30).join('\n');
      throw new Error(`${String(cause)}; media state ${JSON.stringify(await inbound(name, callId))}\n${rtpengineLog}`);
    });
  }
  return { agentSide, farSide: ringing.id };
}

beforeAll(async () => {
  rig = await startRig({ staticAor: `sip:agent@${DOMAIN}` });
  await openPage();
  for (const name of Object.keys(TONE) as PartyName[]) {
    const config: PhoneConfigInput = { serverUrl: rig.env.WS_URL, aor: `sip:${name}@${DOMAIN}`, iceGatheringTimeoutMs: 500, reconnectMaxDelayMs: 1000 };
    const failure = await page.evaluate(([n, c, hz]) => window.conferenceUnderTest.startParty(n, c, hz), [name, config, TONE[name]] as const);
    expect(failure).toBeNull();
    await waitFor(async () => ((await events(name)).some((event) => event.type === 'registration' && (event as { registration?: string }).registration === 'registered') ? true : undefined), `${name} registered`);
  }
}, 180_000);

afterAll(async () => {
  await page?.evaluate(() => window.conferenceUnderTest.stop()).catch(() => undefined);
  await browser?.close();
  await served?.close();
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

    // Marta hangs up: the mix ends, Jordi keeps the agent with the plain microphone.
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
    expect(jordiAfter.agent).toBeGreaterThan(HEARD_DB);

    expect((await execute('agent', { type: 'hangup', callId: withJordi.agentSide })).ok).toBe(true);
  }, 120_000);
});
