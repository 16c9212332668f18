/**
 * The call alerts a phone host plays by itself, from its own PhoneEvents: the ringtone while an
 * inbound call rings without auto-answer, and one short beep when an auto-answered call arrives,
 * so the agent knows a caller is about to be connected (the "whisper beep"). Browser-only and free
 * of renderer imports other than the pure phone state, so any host (page or Electron phone window)
 * can use it.
 */
import type { PhoneEvent } from '../../src-common/call';
import { INITIAL_PHONE_STATE, reducePhoneEvent, shouldRing, type PhoneState } from './phone-state';

export interface AlertSounds {
  startRingtone(): void;
  stopRingtone(): void;
  beep(): void;
}

/** Returns the listener to feed PhoneEvents to, and a stop function. */
export function createCallAlerts(sounds: AlertSounds): { onEvent: (event: PhoneEvent) => void; stop: () => void } {
  let state: PhoneState = INITIAL_PHONE_STATE;
  let ringing = false;
  return {
    onEvent(event) {
      state = reducePhoneEvent(state, event);
      if (event.type === 'incoming-call' && event.call.autoAnswer !== null) sounds.beep();
      const ring = shouldRing(state);
      if (ring && !ringing) sounds.startRingtone();
      if (!ring && ringing) sounds.stopRingtone();
      ringing = ring;
    },
    stop() {
      if (ringing) sounds.stopRingtone();
      ringing = false;
      state = INITIAL_PHONE_STATE;
    },
  };
}
