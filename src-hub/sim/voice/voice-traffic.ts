/**
 * Lab voice traffic for `npm start` and `npm run hub -- --simulate`: while an agent who could take
 * a call is ready and no call is already waiting, a demo customer calls the contact-center number
 * through the hub's own lab SIP proxy, at most one call per interval (readiness is checked every
 * couple of seconds, so an agent who just went Ready does not wait a whole interval for the first
 * call). The outside world (`pstn`) answers agents' outbound calls. Stopping hangs up every
 * simulated call and closes every user agent, so the hub stops cleanly.
 */
import type { Clock, TimerHandle } from '../../clock';
import type { HubLogger } from '../../log';
import { SeededRandom } from '../../demo/seeded-random';
import { SimulatedCaller } from './simulated-caller';
import { SimulatedOutsideWorld } from './simulated-outside-world';
import type { VoiceReadiness } from './voice-readiness';

export const DEFAULT_CALL_INTERVAL_MS = 30_000;
export const DEFAULT_CALL_TALK_MS = 90_000;
/** A simulated caller nobody answers hangs up after this long (the hub counts it abandoned). */
export const DEFAULT_CALL_PATIENCE_MS = 60_000;
const READINESS_POLL_MS = 2_000;

export interface DemoCaller {
  name: string;
  /** E.164 */
  phone: string;
}

export interface VoiceTrafficOptions {
  /** ws://host:port/ws/sip of the lab proxy. */
  sipUrl: string;
  sipDomain: string;
  /** The contact-center number callers dial (a key of voice.numbers). */
  number: string;
  /** The `pstn` user's lab password; null leaves agents' outbound calls unanswered. */
  outsideWorldPassword: string | null;
  readiness: VoiceReadiness;
  callers: readonly DemoCaller[];
  intervalMs?: number;
  /** How long a simulated caller stays on the line unless the agent hangs up first. */
  talkMs?: number;
  /** How long a simulated caller waits for an answer before hanging up (0 = forever). */
  patienceMs?: number;
  clock: Clock;
  log: HubLogger;
}

export interface VoiceTraffic {
  /** Places one call now if the readiness rule allows it; resolves with the caller, or null. */
  tick(): Promise<SimulatedCaller | null>;
  /** Simulated callers still on a call or waiting. */
  activeCallers(): readonly SimulatedCaller[];
  outsideWorld(): SimulatedOutsideWorld | null;
  stop(): Promise<void>;
}

export function startVoiceTraffic(options: VoiceTrafficOptions): VoiceTraffic {
  const log = options.log.child({ sim: 'voice' });
  const rnd = new SeededRandom(11);
  const active = new Set<SimulatedCaller>();
  let world: SimulatedOutsideWorld | null = null;
  let dialling = false;
  let stopped = false;
  let timer: TimerHandle | null = null;
  let seed = 1;
  const intervalMs = options.intervalMs ?? DEFAULT_CALL_INTERVAL_MS;
  let lastCallAt = Number.NEGATIVE_INFINITY;

  if (options.outsideWorldPassword) {
    SimulatedOutsideWorld.start({ sipUrl: options.sipUrl, sipDomain: options.sipDomain, password: options.outsideWorldPassword, maxTalkMs: options.talkMs ?? DEFAULT_CALL_TALK_MS, logger: log })
      .then(async (started) => {
        if (stopped) await started.stop();
        else world = started;
        log.debug('simulated outside world registered');
      })
      .catch((cause: unknown) => log.warn({ err: cause }, 'simulated outside world could not register'));
  }

  const tick = async (): Promise<SimulatedCaller | null> => {
    if (stopped || dialling || options.readiness.queueId === null || options.callers.length === 0) return null;
    const stillCalling = [...active].some((caller) => caller.phase() === 'calling');
    if (stillCalling || options.readiness.callWaiting() || !options.readiness.agentReady()) return null;
    const person = rnd.pick(options.callers);
    dialling = true;
    try {
      const caller = await SimulatedCaller.call({
        sipUrl: options.sipUrl,
        sipDomain: options.sipDomain,
        from: person.phone,
        displayName: person.name,
        to: options.number,
        maxTalkMs: options.talkMs ?? DEFAULT_CALL_TALK_MS,
        seed: seed++,
        logger: log,
      });
      active.add(caller);
      lastCallAt = options.clock.now();
      const patienceMs = options.patienceMs ?? DEFAULT_CALL_PATIENCE_MS;
      if (patienceMs > 0) {
        const patience = options.clock.setTimer(patienceMs, () => {
          if (caller.phase() !== 'calling') return;
          log.info({ from: person.phone }, 'simulated caller gave up waiting');
          void caller.hangUp();
        });
        void caller.ended.then(() => patience.cancel());
      }
      log.info({ from: person.phone, to: options.number }, 'simulated call placed');
      void caller.ended.then((outcome) => {
        active.delete(caller);
        log.info({ from: person.phone, ...outcome }, 'simulated call ended');
      });
      if (stopped) await caller.hangUp();
      return caller;
    } catch (cause) {
      log.warn({ err: cause }, 'simulated call could not be placed');
      return null;
    } finally {
      dialling = false;
    }
  };

  const schedule = (): void => {
    if (stopped) return;
    timer = options.clock.setTimer(Math.min(READINESS_POLL_MS, intervalMs), () => {
      const due = options.clock.now() - lastCallAt >= intervalMs;
      (due ? tick() : Promise.resolve(null))
        .catch((cause: unknown) => log.error({ err: cause }, 'voice simulator tick failed'))
        .finally(schedule);
    });
  };
  schedule();

  return {
    tick,
    activeCallers: () => [...active],
    outsideWorld: () => world,
    async stop() {
      stopped = true;
      timer?.cancel();
      await Promise.all([...active].map((caller) => caller.hangUp()));
      await world?.stop().catch((cause: unknown) => log.debug({ err: cause }, 'stopping the outside world'));
      world = null;
    },
  };
}
