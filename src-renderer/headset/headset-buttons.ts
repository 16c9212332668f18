/**
 * What a headset's buttons ask for, given what it reported before and what the agent's phone is
 * doing. Pure: the controller keeps the memory and runs the actions.
 *
 * Presses count on their way down (0 → 1); a `state` control counts when it differs from what
 * the headset last believed, and that belief also follows the lights we set: a headset that
 * keeps its own hook state adopts the Off-Hook light, so after we light it for a call answered
 * on screen, the next button press (reporting on-hook) hangs up. Whenever a state changed
 * without an action, the controller shows the headset our state again (`echo`), which is how a
 * press with no call, or a press the phone could not follow, puts the headset back.
 */
import { controlMeaning, type HeadsetQuirks } from '../../src-common/headset/headset-quirks';
import type { TelephonyButton } from '../../src-common/headset/hid-usages';
import type { ButtonReading, IndicatorState } from '../../src-common/headset/telephony-reports';
import type { PhoneShortcut } from '../keyboard/phone-shortcuts';

export type HeadsetAction = Extract<PhoneShortcut, 'answer' | 'decline' | 'hangup' | 'mute' | 'hold'>;

export interface CallSituation {
  /** A call rings for this agent (a voice offer or a colleague's call). */
  readonly ringing: boolean;
  /** A call is up: dialing, connecting, talking or on hold. */
  readonly inCall: boolean;
  readonly muted: boolean;
  readonly held: boolean;
}

export interface ButtonMemory {
  /** Off-hook as the headset believes: its last report, or the last Off-Hook light we set. */
  readonly offHook: boolean;
  /** Muted as the headset believes, the same way. */
  readonly muted: boolean;
  /** Each button's last value, to tell a press (0 → 1) from a repeat. */
  readonly last: Readonly<Partial<Record<TelephonyButton, number>>>;
}

export const FRESH_MEMORY: ButtonMemory = { offHook: false, muted: false, last: {} };

export interface ButtonOutcome {
  readonly memory: ButtonMemory;
  readonly actions: readonly HeadsetAction[];
  /** The headset changed its mind about something: show it our state again. */
  readonly echo: boolean;
}

export function readPresses(memory: ButtonMemory, readings: readonly ButtonReading[], quirks: HeadsetQuirks, situation: CallSituation): ButtonOutcome {
  let { offHook, muted } = memory;
  const last: Partial<Record<TelephonyButton, number>> = { ...memory.last };
  const actions = new Set<HeadsetAction>();
  let echo = false;

  for (const reading of readings) {
    const pressed = reading.value !== 0 && (last[reading.button] ?? 0) === 0;
    last[reading.button] = reading.value;
    switch (reading.button) {
      case 'hookSwitch': {
        if (controlMeaning(quirks.hookSwitch, reading.relative) === 'state') {
          const wanted = reading.value !== 0;
          if (wanted === offHook) break;
          offHook = wanted;
          echo = true;
          if (wanted && situation.ringing) actions.add('answer');
          else if (!wanted && situation.inCall) actions.add('hangup');
        } else if (pressed) {
          echo = true;
          if (situation.ringing) actions.add('answer');
          else if (situation.inCall) actions.add('hangup');
        }
        break;
      }
      case 'phoneMute': {
        if (controlMeaning(quirks.phoneMute, reading.relative) === 'state') {
          const wanted = reading.value !== 0;
          if (wanted === muted) break;
          muted = wanted;
          echo = true;
          if (situation.inCall && wanted !== situation.muted) actions.add('mute');
        } else if (pressed) {
          echo = true;
          if (situation.inCall) actions.add('mute');
        }
        break;
      }
      case 'flash':
        // Flash takes a waiting call when one rings, else it holds or resumes the current one.
        if (pressed && situation.ringing) actions.add('answer');
        else if (pressed && situation.inCall) actions.add('hold');
        break;
      case 'hold':
        if (pressed && situation.inCall) actions.add('hold');
        break;
      case 'lineBusyTone':
        if (pressed && situation.ringing) actions.add('decline');
        break;
      case 'redial':
        // No "last number" is kept in this window; the dialpad (Alt+N) is one key away.
        break;
    }
  }
  return { memory: { offHook, muted, last }, actions: [...actions], echo };
}

/** The headset adopts the lights we set: remember them as its belief. */
export function rememberLights(memory: ButtonMemory, lit: IndicatorState): ButtonMemory {
  return { ...memory, offHook: lit.offHook === true, muted: lit.mute === true };
}
