/**
 * The media side of voice supervision on the agent's phone, behind a seam (as the conference's
 * bridge is) so the rules in supervision-calls.ts are unit-tested without a browser and the
 * WebAudio mix (webaudio-supervision.ts) is proven by ear in Chromium against real servers.
 */
import type { Result } from '../../src-common/result';
import type { VoiceSupervisionMode } from '../../src-common/voice-supervision';
import type { ConferenceLeg } from './conference-bridge';

export interface SupervisionMix {
  /** Rewires who hears the supervisor (the table in voice-supervision.ts); no renegotiation. */
  setMode(mode: VoiceSupervisionMode): void;
  /** Another microphone feeds the mix from now on (and is what the customer's call gets back). */
  replaceMicrophone(track: MediaStreamTrack): void;
  /** Undoes the mix: the customer's call gets the plain microphone back. */
  end(): Promise<void>;
}

export type SupervisionMixFactory = (legs: { customer: ConferenceLeg; supervisor: ConferenceLeg }, mode: VoiceSupervisionMode) => Promise<Result<SupervisionMix>>;
