/** The handler kept prepared for the next call while on standby (src-phone/engine/standby-handlers.ts). */
import { describe, expect, it } from 'vitest';
import { StandbyHandlers, type StandbyTimers } from '../../../src-phone/engine/standby-handlers';

interface Handler {
  id: number;
  prepared: boolean;
  discarded: boolean;
  live: boolean;
}

/** Timers the test runs by hand: `advance(ms)` fires what is due. */
function manualTimers(): StandbyTimers & { advance(ms: number): void; pending(): number } {
  let now = 0;
  let next = 0;
  const due = new Map<number, { at: number; run: () => void }>();
  return {
    setTimeout(run, ms) {
      next += 1;
      due.set(next, { at: now + ms, run });
      return next;
    },
    clearTimeout(handle) {
      due.delete(handle as number);
    },
    advance(ms) {
      now += ms;
      for (const [id, timer] of [...due].sort((a, b) => a[1].at - b[1].at)) {
        if (timer.at > now) continue;
        due.delete(id);
        timer.run();
      }
    },
    pending: () => due.size,
  };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

function setup(options: { failPrepare?: boolean } = {}) {
  const made: Handler[] = [];
  const warnings: string[] = [];
  const timers = manualTimers();
  let failPrepare = options.failPrepare ?? false;
  const standby = new StandbyHandlers<Handler>({
    make: () => {
      const handler = { id: made.length + 1, prepared: false, discarded: false, live: true };
      made.push(handler);
      return handler;
    },
    prepare: async (handler) => {
      if (failPrepare) throw new Error('microphone permission refused');
      handler.prepared = true;
    },
    usable: (handler) => handler.live,
    discard: (handler) => void (handler.discarded = true),
    logger: { log: (level, message) => void (level === 'warn' && warnings.push(message)) },
    maxAgeMs: 300_000,
    refillDelayMs: 300,
    timers,
  });
  return { standby, made, warnings, timers, setFailPrepare: (fail: boolean) => void (failPrepare = fail) };
}

describe('standby handlers', () => {
  it('prepares nothing until standby starts, then exactly one handler', async () => {
    const { standby, made } = setup();
    expect(standby.take()).toBeNull();
    expect(made).toHaveLength(0);
    standby.start();
    standby.start();
    await settle();
    expect(made).toHaveLength(1);
    expect(made[0]?.prepared).toBe(true);
  });

  it('a call takes the prepared handler; the next one is prepared after the call has started, not during it', async () => {
    const { standby, made, timers } = setup();
    standby.start();
    await settle();
    const taken = standby.take();
    expect(taken).toBe(made[0]);
    expect(taken?.discarded).toBe(false);
    // A second call right away makes its own (the caller's fallback): nothing is ready.
    expect(standby.take()).toBeNull();
    expect(made).toHaveLength(1);
    timers.advance(299);
    expect(made).toHaveLength(1);
    timers.advance(1);
    await settle();
    expect(made).toHaveLength(2);
    expect(standby.take()).toBe(made[1]);
  });

  it('a handler that lost its microphone is closed instead of given to a call', async () => {
    const { standby, made } = setup();
    standby.start();
    await settle();
    const first = made[0];
    if (first) first.live = false;
    expect(standby.take()).toBeNull();
    expect(first?.discarded).toBe(true);
  });

  it('standby off closes the prepared handler, and one still being prepared is closed when it is done', async () => {
    const { standby, made, timers } = setup();
    standby.start();
    await settle();
    standby.stop();
    expect(made[0]?.discarded).toBe(true);
    expect(timers.pending()).toBe(0);
    standby.start();
    standby.stop();
    await settle();
    expect(made[1]?.prepared).toBe(true);
    expect(made[1]?.discarded).toBe(true);
    expect(standby.take()).toBeNull();
  });

  it('refresh (new microphone, new network) replaces the prepared handler; an old one is replaced after max age', async () => {
    const { standby, made, timers } = setup();
    standby.refresh();
    expect(made).toHaveLength(0);
    standby.start();
    await settle();
    standby.refresh();
    await settle();
    expect(made.map((h) => h.discarded)).toEqual([true, false]);
    timers.advance(300_000);
    await settle();
    expect(made.map((h) => h.discarded)).toEqual([true, true, false]);
    expect(standby.take()).toBe(made[2]);
  });

  it('a preparation that fails is logged and tried again later, not in a loop', async () => {
    const { standby, made, warnings, timers, setFailPrepare } = setup({ failPrepare: true });
    standby.start();
    await settle();
    expect(made).toHaveLength(1);
    expect(made[0]?.discarded).toBe(true);
    expect(warnings).toEqual(['could not prepare media ahead of the next call']);
    await settle();
    expect(made).toHaveLength(1);
    setFailPrepare(false);
    timers.advance(300_000);
    await settle();
    expect(made).toHaveLength(2);
    expect(standby.take()).toBe(made[1]);
  });
});
