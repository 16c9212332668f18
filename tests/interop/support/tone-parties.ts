/**
 * Real phone engines in one Chromium page (tests/interop/conference-page), each sending its own
 * pure tone instead of a microphone and analysing (FFT) what it receives on every call. The
 * conference and supervision tests ask "how loud is each party's tone in what P hears on call C?".
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { expect } from 'vitest';
import type { PhoneConfigInput } from '../../../src-common/phone-contract';
import { CHROMIUM_ARGS, FAKE_MEDIA_ARGS } from '../../support/chromium-args';
import { serveTestPage, type ServedTestPage } from '../../support/served-test-page';
import { waitFor } from './phone-browser';
import type { ToneSample } from './tone-recorder';
import type { MediaState } from '../conference-page/entry';

const HERE = dirname(fileURLToPath(import.meta.url));
/** A tone this far above the quiet bins is "heard"; silence and codec noise sit far below. */
export const HEARD_DB = -75;

export interface ToneCall {
  id: string;
  state: string;
  conferenceWith?: string | null;
  sipCode?: number | null;
  endReason?: string | null;
  supervision?: { side: string; mode: string | null } | null;
}
export interface ToneEvent {
  type: string;
  call?: ToneCall;
  callId?: string;
  grant?: string;
  registration?: string;
}

export class ToneParties<Name extends string> {
  /** What to dial to reach a party. */
  sipUserOf(name: Name): string {
    return this.sipUsers[name] ?? name;
  }

  private constructor(
    private readonly served: ServedTestPage,
    private readonly browser: Browser,
    readonly page: Page,
    private readonly tones: Record<Name, number>,
  ) {}

  static async open<N extends string>(tones: Record<N, number>): Promise<ToneParties<N>> {
    const served = await serveTestPage(join(HERE, '../conference-page/entry.ts'), 'phones under test');
    const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: [...FAKE_MEDIA_ARGS, ...CHROMIUM_ARGS] });
    const page = await browser.newPage();
    await page.goto(served.url);
    await page.waitForFunction(() => 'conferenceUnderTest' in window);
    return new ToneParties(served, browser, page, tones);
  }

  /** Each party's SIP user part (its name, unless the server knows it by another). */
  private sipUsers: Partial<Record<Name, string>> = {};

  /** Starts every party's phone on the server and waits until each is registered. */
  async register(serverUrl: string, domain: string, account: (name: Name) => { sipUser?: string; password?: string } = () => ({})): Promise<void> {
    for (const name of Object.keys(this.tones) as Name[]) {
      const { sipUser = name, password } = account(name);
      this.sipUsers[name] = sipUser;
      const config: PhoneConfigInput = { serverUrl, aor: `sip:${sipUser}@${domain}`, iceGatheringTimeoutMs: 500, reconnectMaxDelayMs: 1000, ...(password ? { password } : {}) };
      const failure = await this.page.evaluate(([n, c, hz]) => window.conferenceUnderTest.startParty(n, c, hz), [name, config, this.tones[name]] as const);
      expect(failure).toBeNull();
      await waitFor(async () => ((await this.events(name)).some((event) => event.type === 'registration' && event.registration === 'registered') ? true : undefined), `${name} registered`);
    }
  }

  events(name: Name): Promise<ToneEvent[]> {
    return this.page.evaluate((n) => window.conferenceUnderTest.events(n) as never, name);
  }

  execute(name: Name, command: Record<string, unknown>): Promise<{ ok: boolean; value?: { callId: string | null }; error?: { message: string } }> {
    return this.page.evaluate(([n, c]) => window.conferenceUnderTest.execute(n, c) as never, [name, command] as const);
  }

  inbound(name: Name, callId: string): Promise<MediaState> {
    return this.page.evaluate(([n, c]) => window.conferenceUnderTest.inbound(n, c), [name, callId] as const);
  }

  /** What `name` hears on `callId`, as dB at each party's tone, averaged over a second (5 reads). */
  async hears(name: Name, callId: string): Promise<Record<Name, number>> {
    const names = Object.keys(this.tones) as Name[];
    const levels = await this.hearsAt(name, callId, names.map((n) => this.tones[n]));
    return Object.fromEntries(names.map((n, index) => [n, levels[index] ?? -160])) as Record<Name, number>;
  }

  /** What `name` hears on `callId` at any frequencies, as dB averaged over a second (5 reads). */
  async hearsAt(name: Name, callId: string, frequencies: number[]): Promise<number[]> {
    const sums = frequencies.map(() => 0);
    for (let sample = 0; sample < 5; sample += 1) {
      const levels = await waitFor(async () => (await this.page.evaluate(([n, c, f]) => window.conferenceUnderTest.levels(n, c, f), [name, callId, frequencies] as const)) ?? undefined, `${name} audio`);
      levels.forEach((level, index) => (sums[index] += Math.max(level, -160) / 5));
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    return sums.map((sum) => Math.round(sum));
  }

  /** `name` switches microphone to a tone of `hz` mid-call; the calls whose mix took it. */
  switchMicrophone(name: Name, hz: number): Promise<string[]> {
    return this.page.evaluate(([n, f]) => window.conferenceUnderTest.switchMicrophone(n, f), [name, hz] as const);
  }

  /** Waits until what `name` hears on `callId` passes `check` (jitter buffers drain old audio). */
  hearsUntil(name: Name, callId: string, check: (heard: Record<Name, number>) => boolean, what: string, timeoutMs = 15_000): Promise<Record<Name, number>> {
    return waitFor(async () => {
      const heard = await this.hears(name, callId);
      return check(heard) ? heard : undefined;
    }, what, timeoutMs);
  }

  /** Starts recording how loud `hz` is in what `name` hears on `callId`, every 10 ms (tone-recorder.ts). */
  async record(name: Name, callId: string, hz: number): Promise<void> {
    await waitFor(async () => ((await this.page.evaluate(([n, c, f]) => window.conferenceUnderTest.record(n, c, f), [name, callId, hz] as const)) ? true : undefined), `${name}'s audio to record`);
  }

  recording(name: Name): Promise<ToneSample[]> {
    return this.page.evaluate((n) => window.conferenceUnderTest.recording(n), name);
  }

  async lastCall(name: Name, predicate: (call: ToneCall) => boolean): Promise<ToneCall | undefined> {
    return (await this.events(name)).map((event) => event.call).filter((call): call is ToneCall => call !== undefined).reverse().find(predicate);
  }

  /** Waits until media flows in on the call (ICE and DTLS through the relay take a moment). */
  async mediaFlows(name: Name, callId: string, explain: () => string): Promise<void> {
    await waitFor(async () => ((await this.inbound(name, callId)).packets > 25 ? true : undefined), `${name} receives audio`, 15_000).catch(async (cause: unknown) => {
      throw new Error(`${String(cause)}; media state ${JSON.stringify(await this.inbound(name, callId))}\n${explain()}`);
    });
  }

  /** `from` dials `to`, who answers; returns both sides' call ids once media flows both ways. */
  async connect(from: Name, to: Name, explain: () => string): Promise<{ fromSide: string; toSide: string }> {
    const earlier = new Set((await this.events(to)).map((event) => event.call?.id));
    const dialled = await this.execute(from, { type: 'dial', target: this.sipUserOf(to) });
    expect(dialled.ok).toBe(true);
    const fromSide = dialled.value?.callId ?? '';
    const ringing = await waitFor(() => this.lastCall(to, (call) => call.state === 'ringing-in' && !call.supervision && !earlier.has(call.id)), `${to} rings`);
    expect((await this.execute(to, { type: 'answer', callId: ringing.id })).ok).toBe(true);
    await waitFor(() => this.lastCall(from, (call) => call.id === fromSide && call.state === 'active'), `${from} connected`);
    await waitFor(() => this.lastCall(to, (call) => call.id === ringing.id && call.state === 'active'), `${to} connected`);
    // A call whose media never starts: both ends' states say which side named no address.
    const bothSides = async () => `${from}: ${JSON.stringify(await this.inbound(from, fromSide))}; ${to}: ${JSON.stringify(await this.inbound(to, ringing.id))}`;
    const withBothSides = async (cause: unknown): Promise<never> => {
      throw new Error(`${String(cause)}\nboth ends: ${await bothSides()}`, { cause });
    };
    await this.mediaFlows(from, fromSide, explain).catch(withBothSides);
    await this.mediaFlows(to, ringing.id, explain).catch(withBothSides);
    return { fromSide, toSide: ringing.id };
  }

  async close(): Promise<void> {
    await this.page.evaluate(() => window.conferenceUnderTest.stop()).catch(() => undefined);
    await this.browser.close();
    await this.served.close();
  }
}
