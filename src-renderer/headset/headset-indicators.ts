/**
 * The agent's calls as the headset shows them: what rings, what is up, muted, held. Read from the
 * app store (pure), so the lights always follow the same calls the call panel shows.
 */
import type { CallState } from '../../src-common/call';
import type { IndicatorState } from '../../src-common/headset/telephony-reports';
import type { HeadsetIndicator } from '../../src-common/headset/hid-usages';
import { focusedCall } from '../phone/phone-keys';
import { liveCalls } from '../phone/phone-state';
import type { AppState } from '../store/app-state';
import type { CallSituation } from './headset-buttons';

/** A call in these states holds the line: the headset is off-hook. */
const UP: ReadonlySet<CallState> = new Set(['dialing', 'early', 'connecting', 'active', 'held']);

export function callSituation(app: AppState): CallSituation {
  const calls = liveCalls(app.phone);
  const voiceOffer = (app.view?.offers ?? []).some((offer) => offer.item.channel === 'voice');
  const focused = focusedCall(app, app.phone);
  return {
    ringing: voiceOffer || calls.some((call) => call.state === 'ringing-in'),
    inCall: calls.some((call) => UP.has(call.state)),
    muted: focused?.muted === true,
    held: focused?.state === 'held',
  };
}

/**
 * Every light, on or off. Mute is lit on both the Mute and the Microphone LED: headsets answer a
 * Phone Mute press with one or the other, and wait for it.
 */
export function headsetIndicators(situation: CallSituation): Readonly<Record<HeadsetIndicator, boolean>> {
  const muted = situation.inCall && situation.muted;
  return {
    offHook: situation.inCall,
    ring: situation.ringing,
    ringer: situation.ringing,
    mute: muted,
    microphone: muted,
    hold: situation.inCall && situation.held,
  };
}

export function indicatorsFor(app: AppState): IndicatorState {
  return headsetIndicators(callSituation(app));
}
