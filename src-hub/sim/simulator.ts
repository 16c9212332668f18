/**
 * The lab simulator: chat-shaped work arriving at an interval, from customers of the demo
 * set, through the same intake entry point the real channels will use. Deterministic order
 * (seeded), so a demo behaves the same each time. With the lab SIP proxy on, it also places
 * real SIP calls with audio from the same customers (`./voice`).
 */
import type { Clock, TimerHandle } from '../clock';
import type { WorkIntake } from '../intake';
import type { HubLogger } from '../log';
import { generateDemoDataset } from '../demo/demo-dataset';
import { CHAT_OPENERS } from '../demo/demo-vocabulary';
import { SeededRandom } from '../demo/seeded-random';
import { startVoiceTraffic, type VoiceTraffic, type VoiceTrafficOptions } from './voice/voice-traffic';

export const DEFAULT_SIMULATION_INTERVAL_MS = 20_000;
/** A demo left running with nobody signed in should not pile up hundreds of chats. */
export const MAX_WAITING_SIMULATED = 10;

/** Simulated calls: everything the voice traffic needs except what the simulator already has. */
export type VoiceSimulation = Omit<VoiceTrafficOptions, 'clock' | 'log' | 'callers'>;

export interface Simulator {
  /** Submits one item now (also what each tick does). */
  tick(): void;
  /** Simulated calls, when the lab SIP proxy is on. */
  readonly voice: VoiceTraffic | null;
  /** Stops the chats and hangs up every simulated call. */
  stop(): Promise<void>;
}

export function startSimulator(intake: WorkIntake, clock: Clock, log: HubLogger, intervalMs: number, voiceSimulation?: VoiceSimulation | null): Simulator {
  const rnd = new SeededRandom(7);
  const people = generateDemoDataset(clock.now(), 60).customers;
  const callers = people.flatMap((p) => p.identities.filter((i) => i.kind === 'phone').map((i) => ({ name: p.name, phone: i.value })));
  const voice = voiceSimulation ? startVoiceTraffic({ ...voiceSimulation, callers, clock, log }) : null;
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
    voice,
    stop: async () => {
      stopped = true;
      timer?.cancel();
      await voice?.stop();
    },
  };
}
