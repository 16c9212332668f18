/**
 * The call alerts a phone host plays by itself, from its own PhoneEvents: the ringtone while an
 * inbound call rings without auto-answer, and one short beep when an auto-answered call arrives,
 * so the agent knows a caller is about to be connected (the "whisper beep"). Browser-only and
 * free of UI code, so any host (page or Electron phone window) can use it.
 */
import type { Call } from '../../src-common/call';
import type { PhoneEvent } from '../../src-common/phone-contract';

export interface AlertSounds {
  startRingtone(): void;
  stopRingtone(): void;
  beep(): void;
}

/** True when a call with an inbound ringtone should be heard (ringing, no auto-answer). */
export function shouldRing(calls: Iterable<Call>): boolean {
  // A supervisor's call is answered (or refused) by the desktop after the hub's check: never rung.
  for (const call of calls) if (call.state === 'ringing-in' && call.autoAnswer === null && !call.supervision) return true;
  return false;
}

/** Returns the listener to feed PhoneEvents to, and a stop function. */
export function createCallAlerts(sounds: AlertSounds): { onEvent: (event: PhoneEvent) => void; stop: () => void } {
  const calls = new Map<string, Call>();
  let ringing = false;
  return {
    onEvent(event) {
      if (event.type === 'incoming-call' || event.type === 'call-updated') calls.set(event.call.id, event.call);
      if (event.type === 'call-removed') calls.delete(event.callId);
      if (event.type === 'incoming-call' && event.call.autoAnswer !== null) sounds.beep();
      const ring = shouldRing(calls.values());
      if (ring && !ringing) sounds.startRingtone();
      if (!ring && ringing) sounds.stopRingtone();
      ringing = ring;
    },
    stop() {
      if (ringing) sounds.stopRingtone();
      ringing = false;
      calls.clear();
    },
  };
}
