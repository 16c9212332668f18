/**
 * The lab simulator: chat-shaped work arriving at an interval, from customers of the demo
 * set, through the same intake entry point the real channels will use. Deterministic order
 * (seeded), so a demo behaves the same each time.
 */
import type { Clock, TimerHandle } from '../clock';
import type { WorkIntake } from '../intake';
import type { HubLogger } from '../log';
import { generateDemoDataset } from '../demo/demo-dataset';
import { CHAT_OPENERS } from '../demo/demo-vocabulary';
import { SeededRandom } from '../demo/seeded-random';

export const DEFAULT_SIMULATION_INTERVAL_MS = 20_000;
/** A demo left running with nobody signed in should not pile up hundreds of chats. */
export const MAX_WAITING_SIMULATED = 10;

export interface Simulator {
  /** Submits one item now (also what each tick does). */
  tick(): void;
  stop(): void;
}

export function startSimulator(intake: WorkIntake, clock: Clock, log: HubLogger, intervalMs: number): Simulator {
  const rnd = new SeededRandom(7);
  const people = generateDemoDataset(clock.now(), 60).customers;
  let timer: TimerHandle | null = null;
  let stopped = false;

  const tick = (): void => {
    if (intake.waitingCount() >= MAX_WAITING_SIMULATED) {
      log.debug('simulator paused: enough work is waiting');
      return;
    }
    const person = rnd.pick(people);
    const [queueId, subject, message] = rnd.pick(CHAT_OPENERS);
    const email = person.identities.find((i) => i.kind === 'email')?.value ?? 'visitante@example.es';
    const result = intake.submit({ channel: 'chat', queueId, from: email, subject, preview: message, customerName: person.name });
    if (!result.ok) log.warn({ error: result.error }, 'simulated item refused');
    else log.debug({ itemId: result.value.id, queueId }, 'simulated chat arrived');
  };
  const schedule = (): void => {
    if (stopped) return;
    timer = clock.setTimer(intervalMs, () => {
      try {
        tick();
      } catch (cause) {
        log.error({ err: cause }, 'simulator tick failed');
      }
      schedule();
    });
  };
  schedule();
  return {
    tick,
    stop: () => {
      stopped = true;
      timer?.cancel();
    },
  };
}
