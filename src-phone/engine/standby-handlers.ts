/**
 * Keeps one media handler made and prepared ahead of the next call while the agent is on standby
 * (Ready), so an arriving call does not wait for the microphone, the peer connection or ICE
 * gathering. Generic over the handler so the rules are unit-tested with a stand-in; web-media.ts
 * plugs in our WebRTC handler (phone-media-handler.ts).
 *
 * Rules: one prepared handler at most; a call takes it (and gets a freshly made one when none is
 * ready, as without standby); the next one is prepared a little after a take, once the call's own
 * setup is over, so it never competes with it for the CPU; a prepared handler is replaced after
 * `maxAgeMs` (pooled candidates and TURN allocations go stale, network addresses change) and on
 * `refresh()` (another microphone chosen, the network changed, the machine woke up); `stop()`
 * closes it (Not Ready, unregistered, signed out).
 */
import type { PhoneLogger } from './phone-logger';

export interface StandbyTimers {
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface StandbyHandlersOptions<H> {
  make(): H;
  /** Opens what the handler needs before a call (microphone, candidates); rejects when it cannot. */
  prepare(handler: H): Promise<void>;
  /** Still fit for a call right now (e.g. its microphone was not unplugged). */
  usable(handler: H): boolean;
  discard(handler: H): void;
  logger: PhoneLogger;
  maxAgeMs: number;
  /** Delay between a take and preparing the next one. */
  refillDelayMs: number;
  timers?: StandbyTimers;
}

const defaultTimers: StandbyTimers = {
  setTimeout: (run, ms) => globalThis.setTimeout(run, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export class StandbyHandlers<H> {
  private on = false;
  private ready: H | null = null;
  /** Bumped by stop/refresh: a preparation that finishes for an older generation is discarded. */
  private generation = 0;
  private preparing = false;
  private timer: unknown = null;
  private readonly timers: StandbyTimers;

  constructor(private readonly options: StandbyHandlersOptions<H>) {
    this.timers = options.timers ?? defaultTimers;
  }

  get active(): boolean {
    return this.on;
  }

  /** Standby on: prepares a handler unless one is ready or on its way. */
  start(): void {
    if (this.on) return;
    this.on = true;
    this.prepareNext();
  }

  /** Standby off: the prepared handler is closed, its microphone track stopped. */
  stop(): void {
    this.on = false;
    this.generation += 1;
    this.preparing = false;
    this.cancelTimer();
    this.drop();
  }

  /** What the prepared handler holds is no longer right (microphone, network): prepare anew. */
  refresh(): void {
    if (!this.on) return;
    this.generation += 1;
    this.preparing = false;
    this.cancelTimer();
    this.drop();
    this.prepareNext();
  }

  /** The prepared handler for a call starting now, or null (the caller makes one as usual). */
  take(): H | null {
    const handler = this.ready;
    if (!handler) return null;
    this.ready = null;
    this.cancelTimer();
    if (this.on) this.schedule(this.options.refillDelayMs);
    if (this.options.usable(handler)) return handler;
    this.options.discard(handler);
    return null;
  }

  private prepareNext(): void {
    if (!this.on || this.ready || this.preparing) return;
    const generation = this.generation;
    this.preparing = true;
    let handler: H;
    try {
      handler = this.options.make();
    } catch (error) {
      this.failed(error);
      return;
    }
    this.options.prepare(handler).then(
      () => {
        if (generation !== this.generation || !this.on) {
          this.options.discard(handler);
          return;
        }
        this.preparing = false;
        this.ready = handler;
        this.schedule(this.options.maxAgeMs);
      },
      (error: unknown) => {
        this.options.discard(handler);
        if (generation === this.generation) this.failed(error);
      },
    );
  }

  /** A failed preparation (no microphone, permission refused) is tried again later, not in a loop. */
  private failed(error: unknown): void {
    this.preparing = false;
    this.options.logger.log('warn', 'could not prepare media ahead of the next call', { error: String(error) });
    this.schedule(this.options.maxAgeMs);
  }

  /** One timer: refill after a take, renewal of an aged handler, or a retry after a failure. */
  private schedule(ms: number): void {
    this.cancelTimer();
    this.timer = this.timers.setTimeout(() => {
      this.timer = null;
      if (this.ready) this.refresh();
      else this.prepareNext();
    }, ms);
  }

  private cancelTimer(): void {
    if (this.timer !== null) this.timers.clearTimeout(this.timer);
    this.timer = null;
  }

  private drop(): void {
    const handler = this.ready;
    this.ready = null;
    if (handler) this.options.discard(handler);
  }
}
