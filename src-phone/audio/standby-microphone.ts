/**
 * The agent's microphone, kept open while on standby (Ready), so a call's media starts from a
 * clone of a live track instead of a getUserMedia that opens the device (milliseconds at best,
 * much longer for a Bluetooth headset waking up). Each call gets its own clone: a call's media
 * handler stops its tracks when the call ends, mute disables only its own, and the device stays
 * open for the next call until standby ends (Not Ready, unregistered, signed out), when the
 * original track is stopped and the browser's "microphone in use" indicator goes off.
 *
 * The device is the one chosen in the settings (or the default one it falls back to, as for a
 * call); `hold` with another id reopens. A track that ends by itself (headset unplugged) is
 * dropped, so calls open the microphone themselves again until the next `hold` succeeds.
 */
import type { PhoneLogger } from '../engine/phone-logger';

/** The part of MediaStreamTrack this needs (so tests can pass a stand-in). */
export interface HeldTrack {
  readonly readyState: MediaStreamTrackState;
  clone(): HeldTrack;
  stop(): void;
  addEventListener(type: 'ended', listener: () => void): void;
}

export interface StandbyMicrophoneEnv<T extends HeldTrack> {
  /** Opens the microphone with this id ('' = default), falling back as a call would. */
  open(microphoneId: string): Promise<T | null>;
}

export class StandbyMicrophone<T extends HeldTrack> {
  private track: T | null = null;
  private heldId: string | null = null;
  /** The open in flight, so concurrent `hold`s share it. */
  private opening: Promise<void> | null = null;
  private wanted: string | null = null;

  constructor(
    private readonly env: StandbyMicrophoneEnv<T>,
    private readonly logger: PhoneLogger,
  ) {}

  /** Keeps `microphoneId` open (idempotent; reopens when the id changed or the track ended). */
  hold(microphoneId: string): Promise<void> {
    this.wanted = microphoneId;
    if (this.track?.readyState === 'live' && this.heldId === microphoneId) return Promise.resolve();
    this.opening ??= this.openWanted().finally(() => {
      this.opening = null;
    });
    return this.opening;
  }

  /** Stops the held track; calls open the microphone themselves again. */
  release(): void {
    this.wanted = null;
    this.drop();
  }

  /**
   * A fresh clone of the live track for one call on `microphoneId` (the one in use), or null when
   * that one is not what is held: none held, being changed, or another device still held because
   * the choice changed a moment ago and standby has not heard of it yet.
   */
  trackForCall(microphoneId: string): T | null {
    if (this.track?.readyState !== 'live' || this.heldId !== this.wanted || this.heldId !== microphoneId) return null;
    return this.track.clone() as T;
  }

  private async openWanted(): Promise<void> {
    // Reopen until what is held is what was last asked for (the choice may change meanwhile).
    while (this.wanted !== null && !(this.track?.readyState === 'live' && this.heldId === this.wanted)) {
      const id = this.wanted;
      this.drop();
      let track: T | null;
      try {
        track = await this.env.open(id);
      } catch (error) {
        this.logger.log('warn', 'could not keep the microphone open for the next call', { error: String(error) });
        return;
      }
      if (!track) return;
      if (this.wanted !== id) {
        track.stop();
        continue;
      }
      this.track = track;
      this.heldId = id;
      track.addEventListener('ended', () => {
        if (this.track !== track) return;
        this.logger.log('warn', 'the microphone kept for the next call went away');
        this.track = null;
        this.heldId = null;
      });
    }
  }

  private drop(): void {
    this.track?.stop();
    this.track = null;
    this.heldId = null;
  }
}
