/**
 * When the page host keeps media ready for the next call: only while the agent wants calls
 * (standby, i.e. Ready) AND the phone is registered (no call can arrive otherwise). Then the
 * chosen microphone is held open first and the next call's handler prepared from it; when either
 * condition goes, both are closed. A new microphone choice reopens the microphone and prepares
 * the handler again; a device change reopens a microphone that went away; a network change or a
 * wake-up prepares the handler again (its pooled candidates belong to the old network).
 * Free of browser APIs (the parts are passed in), so the rules are unit-tested.
 */
import type { PhoneLogger } from '../engine/phone-logger';

export interface HeldMicrophone {
  hold(microphoneId: string): Promise<void>;
  release(): void;
}

export interface PreparedHandlers {
  start(): void;
  stop(): void;
  refresh(): void;
}

export class CallStandby {
  private wanted = false;
  private registered = false;
  private handlers: PreparedHandlers | null = null;
  /** Bumped on every change, so a slow microphone open does not start handlers for an old state. */
  private turn = 0;
  /** Whether media was last made ready (so going off closes it once). */
  private ready = false;

  constructor(
    private readonly microphone: HeldMicrophone,
    private readonly microphoneId: () => string,
    private readonly logger: PhoneLogger,
  ) {}

  get on(): boolean {
    return this.wanted && this.registered && this.handlers !== null;
  }

  setWanted(on: boolean): void {
    if (on === this.wanted) return;
    this.wanted = on;
    this.logger.log('info', on ? 'standby: keeping media ready for the next call' : 'standby off: media for calls closed until needed');
    this.apply();
  }

  setRegistered(registered: boolean): void {
    if (registered === this.registered) return;
    this.registered = registered;
    this.apply();
  }

  /** The handlers of the engine now running (null when it stops). */
  setHandlers(handlers: PreparedHandlers | null): void {
    if (handlers === this.handlers) return;
    this.handlers?.stop();
    this.handlers = handlers;
    this.apply();
  }

  microphoneChosen(): void {
    if (!this.on) return;
    this.handlers?.stop();
    this.apply();
  }

  devicesChanged(): void {
    if (!this.on) return;
    void this.microphone.hold(this.microphoneId());
  }

  networkChanged(): void {
    if (this.on) this.handlers?.refresh();
  }

  private apply(): void {
    this.turn += 1;
    const turn = this.turn;
    const handlers = this.handlers;
    if (!this.on || !handlers) {
      if (this.ready) {
        handlers?.stop();
        this.microphone.release();
      }
      this.ready = false;
      return;
    }
    this.ready = true;
    // The handler is prepared from the held microphone (a clone), so it opens nothing itself.
    void this.microphone.hold(this.microphoneId()).then(() => {
      if (turn === this.turn && this.on) handlers.start();
    });
  }
}
