/**
 * What headset buttons ask for, by how each vendor means them (the quirk table), with no device:
 * readings in, actions and the need to echo the lights out.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_QUIRKS, quirksFor } from '../../../src-common/headset/headset-quirks';
import type { ButtonReading } from '../../../src-common/headset/telephony-reports';
import { FRESH_MEMORY, readPresses, rememberLights, type ButtonMemory, type CallSituation } from '../../../src-renderer/headset/headset-buttons';
import { headsetIndicators } from '../../../src-renderer/headset/headset-indicators';

const idle: CallSituation = { ringing: false, inCall: false, muted: false, held: false };
const ringing: CallSituation = { ...idle, ringing: true };
const talking: CallSituation = { ...idle, inCall: true };

const hook = (value: number, relative = false): ButtonReading => ({ button: 'hookSwitch', value, relative });
const mute = (value: number, relative = true): ButtonReading => ({ button: 'phoneMute', value, relative });

/** Feeds reports one after another, as the controller does, collecting the actions. */
function run(quirks = DEFAULT_QUIRKS, steps: [CallSituation, ButtonReading[]][], memory: ButtonMemory = FRESH_MEMORY) {
  const actions: string[] = [];
  let current = memory;
  for (const [situation, readings] of steps) {
    const outcome = readPresses(current, readings, quirks, situation);
    actions.push(...outcome.actions);
    current = outcome.memory;
  }
  return { actions, memory: current };
}

describe('hook switch', () => {
  const jabra = quirksFor(0x0b0e, 0x245d);
  const poly = quirksFor(0x047f, 0xc056);

  it('as a state: going off-hook answers a ringing call, going on-hook hangs up; a repeat does nothing', () => {
    expect(run(jabra, [[ringing, [hook(1)]], [talking, [hook(1)]], [talking, [hook(0)]]]).actions).toEqual(['answer', 'hangup']);
  });

  it('as a state: off-hook with no call does nothing, but asks for the lights again so the headset goes back on-hook', () => {
    const outcome = readPresses(FRESH_MEMORY, [hook(1)], jabra, idle);
    expect(outcome).toMatchObject({ actions: [], echo: true, memory: { offHook: true } });
    expect(rememberLights(outcome.memory, headsetIndicators(idle)).offHook).toBe(false);
  });

  it('as a state: the headset adopts our Off-Hook light, so after a call answered on screen its next press hangs up', () => {
    const believed = rememberLights(FRESH_MEMORY, headsetIndicators(talking));
    expect(run(jabra, [[talking, [hook(0)]]], believed).actions).toEqual(['hangup']);
  });

  it('as a press (a relative declaration): each 0 → 1 answers or hangs up; the 0 after it does nothing', () => {
    expect(run(poly, [[ringing, [hook(1, true)]], [talking, [hook(0, true)]], [talking, [hook(1, true)]], [idle, [hook(0, true)]]]).actions).toEqual(['answer', 'hangup']);
  });

  it('the vendor table overrides a declaration: Jabra\'s hook switch is a state even if declared relative', () => {
    expect(run(jabra, [[ringing, [hook(1, true)]], [talking, [hook(1, true)]]]).actions).toEqual(['answer']);
    expect(run(poly, [[ringing, [hook(1, false)]], [talking, [hook(1, false)]]]).actions).toEqual(['answer']);
  });
});

describe('mute', () => {
  it('a press (1 then 0) toggles mute once, whatever the declaration says, and only in a call', () => {
    expect(run(DEFAULT_QUIRKS, [[talking, [mute(1, false)]], [talking, [mute(0, false)]], [talking, [mute(1, true)]], [idle, [mute(0)]], [idle, [mute(1)]]]).actions).toEqual(['mute', 'mute']);
  });

  it('a switch (the Meet speakermic): 1 mutes and 0 unmutes, each once, and a switch that agrees with the call does nothing', () => {
    const speakermic = quirksFor(0x18d1, 0x8001);
    expect(speakermic.phoneMute).toBe('state');
    expect(run(speakermic, [[talking, [mute(1, false)]], [{ ...talking, muted: true }, [mute(1, false)]], [{ ...talking, muted: true }, [mute(0, false)]]]).actions).toEqual(['mute', 'mute']);
    expect(run(speakermic, [[{ ...talking, muted: true }, [mute(1, false)]]]).actions).toEqual([]);
  });
});

describe('other buttons', () => {
  const press = (button: ButtonReading['button']): ButtonReading => ({ button, value: 1, relative: true });

  it('Line Busy Tone declines a ringing call; Flash takes a waiting call or holds; Hold holds; Redial does nothing here', () => {
    expect(readPresses(FRESH_MEMORY, [press('lineBusyTone')], DEFAULT_QUIRKS, ringing).actions).toEqual(['decline']);
    expect(readPresses(FRESH_MEMORY, [press('lineBusyTone')], DEFAULT_QUIRKS, talking).actions).toEqual([]);
    expect(readPresses(FRESH_MEMORY, [press('flash')], DEFAULT_QUIRKS, { ...talking, ringing: true }).actions).toEqual(['answer']);
    expect(readPresses(FRESH_MEMORY, [press('flash')], DEFAULT_QUIRKS, talking).actions).toEqual(['hold']);
    expect(readPresses(FRESH_MEMORY, [press('hold')], DEFAULT_QUIRKS, talking).actions).toEqual(['hold']);
    expect(readPresses(FRESH_MEMORY, [press('redial')], DEFAULT_QUIRKS, idle).actions).toEqual([]);
  });

  it('two buttons asking for the same thing in one report act once', () => {
    expect(readPresses(FRESH_MEMORY, [hook(1), press('flash')], quirksFor(0x0b0e, 1), ringing).actions).toEqual(['answer']);
  });
});

describe('the vendor table', () => {
  it('knows the common vendors and leaves others to their descriptor, with mute as a press', () => {
    expect(['Jabra', 'Poly', 'EPOS', 'Yealink', 'Logitech', 'Microsoft'].every((vendor) =>
      [0x0b0e, 0x047f, 0x03f0, 0x1395, 0x6993, 0x046d, 0x045e].some((id) => quirksFor(id, 0).vendor === vendor),
    )).toBe(true);
    expect(quirksFor(0x1234, 0x5678)).toEqual({ ...DEFAULT_QUIRKS, vendor: null });
    expect(quirksFor(0x18d1, 0x1234).vendor).toBeNull();
  });
});

describe('the lights', () => {
  it('ring while a call rings, off-hook while one is up, mute and microphone while muted in a call, hold while held', () => {
    expect(headsetIndicators(idle)).toEqual({ offHook: false, ring: false, ringer: false, mute: false, microphone: false, hold: false });
    expect(headsetIndicators(ringing)).toEqual({ offHook: false, ring: true, ringer: true, mute: false, microphone: false, hold: false });
    expect(headsetIndicators({ ...talking, muted: true, held: true })).toEqual({ offHook: true, ring: false, ringer: false, mute: true, microphone: true, hold: true });
    expect(headsetIndicators({ ...idle, muted: true })).toMatchObject({ mute: false, microphone: false });
  });
});
