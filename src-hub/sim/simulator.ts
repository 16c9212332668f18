/**
 * The lab simulator: chat-shaped work arriving at an interval, from customers of the demo
 * set, through the same intake entry point the real channels use. Deterministic order (seeded),
 * so a demo behaves the same each time. Like real customers, simulated ones give up: a chat no
 * agent took within its patience is abandoned (and counted so), and no new chat comes while the
 * cap of waiting ones is reached, so a demo left alone does not pile up work. With the lab SIP
 * proxy on, it also places real SIP calls with audio from the same customers (`./voice`), and
 * with lab mail on, they write real mail to the email queue and answer its replies (`./email-traffic`).
 */
import { parseIso, type Clock, type TimerHandle } from '../clock';
import type { HubStore } from '../storage/repositories';
import type { WorkIntake } from '../intake';
import type { HubLogger } from '../log';
import { generateDemoDataset } from '../demo/demo-dataset';
import { CHAT_OPENERS } from '../demo/demo-vocabulary';
import { SeededRandom } from '../demo/seeded-random';
import { startVoiceTraffic, type VoiceTraffic, type VoiceTrafficOptions } from './voice/voice-traffic';
import { startEmailTraffic, type EmailTraffic, type EmailTrafficOptions } from './email-traffic';

export const DEFAULT_SIMULATION_INTERVAL_MS = 20_000;
/** A demo left running with nobody signed in should not pile up chats. */
export const MAX_WAITING_SIMULATED = 5;
/** How long a simulated chat customer waits for an agent before leaving (counted as abandoned). */
export const DEFAULT_CHAT_PATIENCE_MS = 3 * 60_000;

/** Simulated calls: everything the voice traffic needs except what the simulator already has. */
export type VoiceSimulation = Omit<VoiceTrafficOptions, 'clock' | 'log' | 'callers'>;

/** Simulated mail: everything the email traffic needs except what the simulator already has. */
export type EmailSimulation = Omit<EmailTrafficOptions, 'clock' | 'log' | 'customers'>;

export interface ChatSimulation {
  /** A new simulated chat every this many ms. */
  intervalMs: number;
  /** No new chat while this many simulated chats wait for an agent. */
  maxWaiting: number;
  /** A simulated customer leaves a chat no agent took within this many ms (0 = never). */
  patienceMs: number;
  /**
   * Simulated chats the last run left waiting (a restart loses their customers' patience): they
   * are given what is left of it from when they arrived, so a demo restarted hours later does
   * not show them at the top of the queue.
   */
  leftByLastRun?: ReadonlyArray<{ itemId: string; arrivedAt: number }>;
}

export const DEFAULT_CHAT_SIMULATION: ChatSimulation = {
  intervalMs: DEFAULT_SIMULATION_INTERVAL_MS,
  maxWaiting: MAX_WAITING_SIMULATED,
  patienceMs: DEFAULT_CHAT_PATIENCE_MS,
};

/**
 * The simulated chats a previous run left waiting: chat items with no widget conversation behind
 * them (in a lab hub, the simulator's own, and any typed in through the lab's work-item API,
 * whose customer is as imaginary).
 */
export function simulatedChatsLeftWaiting(store: HubStore): Array<{ itemId: string; arrivedAt: number }> {
  return store.items
    .listOpen()
    .filter((item) => item.channel === 'chat' && (item.state === 'queued' || item.state === 'offered') && store.chat.conversationByItem(item.id) === null)
    .map((item) => ({ itemId: item.id, arrivedAt: parseIso(item.createdAt) }));
}

export interface Simulator {
  /** Submits one chat now (also what each tick does), unless enough simulated chats wait. */
  tick(): void;
  /** Simulated chats still waiting for an agent. */
  waitingChats(): number;
  /** Simulated calls, when the lab SIP proxy is on. */
  readonly voice: VoiceTraffic | null;
  /** Simulated mail, when lab mail is on. */
  readonly email: EmailTraffic | null;
  /** Stops the chats and mail and hangs up every simulated call. */
  stop(): Promise<void>;
}

export function startSimulator(
  intake: WorkIntake,
  clock: Clock,
  log: HubLogger,
  chats: ChatSimulation,
  voiceSimulation?: VoiceSimulation | null,
  emailSimulation?: EmailSimulation | null,
): Simulator {
  const rnd = new SeededRandom(7);
  const people = generateDemoDataset(clock.now(), 60).customers;
  const callers = people.flatMap((p) => p.identities.filter((i) => i.kind === 'phone').map((i) => ({ name: p.name, phone: i.value })));
  const voice = voiceSimulation ? startVoiceTraffic({ ...voiceSimulation, callers, clock, log }) : null;
  const writers = people.flatMap((p) => p.identities.filter((i) => i.kind === 'email').map((i) => ({ name: p.name, email: i.value })));
  const email = emailSimulation ? startEmailTraffic({ ...emailSimulation, customers: writers, clock, log }) : null;
  let timer: TimerHandle | null = null;
  let stopped = false;
  /** Simulated chats not yet taken by an agent, with the timer of their customer's patience. */
  const waiting = new Map<string, TimerHandle | null>();

  const forgetTaken = (): void => {
    for (const [itemId, patience] of waiting) {
      if (intake.isWaiting(itemId)) continue;
      patience?.cancel();
      waiting.delete(itemId);
    }
  };

  const giveUp = (itemId: string): void => {
    waiting.delete(itemId);
    if (stopped || !intake.isWaiting(itemId)) return;
    const left = intake.abandon(itemId);
    if (left.ok) log.info({ itemId }, 'simulated chat customer gave up waiting');
    else log.debug({ itemId, error: left.error }, 'simulated chat customer could not leave');
  };

  const wait = (itemId: string, arrivedAt: number): void => {
    waiting.set(itemId, chats.patienceMs > 0 ? clock.setTimer(Math.max(0, arrivedAt + chats.patienceMs - clock.now()), () => giveUp(itemId)) : null);
  };
  for (const { itemId, arrivedAt } of chats.leftByLastRun ?? []) if (intake.isWaiting(itemId)) wait(itemId, arrivedAt);

  const tick = (): void => {
    forgetTaken();
    if (waiting.size >= chats.maxWaiting) {
      log.debug('simulator paused: enough simulated chats are waiting');
      return;
    }
    const person = rnd.pick(people);
    const [queueId, subject, message] = rnd.pick(CHAT_OPENERS);
    const email = person.identities.find((i) => i.kind === 'email')?.value ?? 'visitante@example.es';
    const result = intake.submit({ channel: 'chat', queueId, from: email, subject, preview: message, customerName: person.name });
    if (!result.ok) return void log.warn({ error: result.error }, 'simulated item refused');
    const itemId = result.value.id;
    wait(itemId, clock.now());
    log.debug({ itemId, queueId }, 'simulated chat arrived');
  };
  const schedule = (): void => {
    if (stopped) return;
    timer = clock.setTimer(chats.intervalMs, () => {
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
    waitingChats: () => {
      forgetTaken();
      return waiting.size;
    },
    voice,
    email,
    stop: async () => {
      stopped = true;
      timer?.cancel();
      for (const patience of waiting.values()) patience?.cancel();
      waiting.clear();
      await Promise.all([voice?.stop(), email?.stop()]);
    },
  };
}
