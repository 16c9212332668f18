/**
 * The media side of a local 3-way conference, behind a seam so the engine's rules (which calls may
 * join, what happens when a leg ends) are tested without a browser, and the WebAudio mix
 * (webaudio-conference.ts) is proven in Chromium against real servers (tests/interop).
 */
import type { SessionDescriptionHandler } from 'sip.js';
import type { Result } from '../../src-common/result';

export interface ConferenceLeg {
  callId: string;
  sessionDescriptionHandler: SessionDescriptionHandler | undefined;
}

export interface ConferenceBridge {
  /** Silences (or restores) our microphone in both mixes; the far ends still hear each other. */
  setMicrophoneMuted(muted: boolean): void;
  /** Another microphone (the agent chose one, or theirs was unplugged) feeds both mixes from now on. */
  replaceMicrophone(track: MediaStreamTrack): void;
  /** Undoes the mix: every leg still connected gets its own plain microphone back. */
  end(): Promise<void>;
}

export type ConferenceBridgeFactory = (legs: readonly [ConferenceLeg, ConferenceLeg]) => Promise<Result<ConferenceBridge>>;
