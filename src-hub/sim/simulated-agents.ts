/**
 * Simulated agents for the lab: colleagues who go Ready, take the chats and emails offered to
 * them after a few seconds, work on them, wrap up and now and then take a break, through the
 * same contact center calls a desktop makes. With them the supervisor dashboard moves on a
 * fresh machine (`npm start`) without anyone else signed in. They serve the support chat and
 * email queues only: voice needs a phone, and the sales chat is left to the humans trying the
 * product.
 */
import { randomBytes } from 'node:crypto';
import type { HubConfig } from '../../src-common/hub-config';
import type { ContactCenter } from '../center/contact-center';
import type { Clock, TimerHandle } from '../clock';
import type { HubLogger } from '../log';
import { SeededRandom } from '../demo/seeded-random';

const SIMULATED = [
  { id: 'sim-lucia', username: 'sim-lucia', displayName: 'Lucía Gil (simulada)' },
  { id: 'sim-pau', username: 'sim-pau', displayName: 'Pau Serra (simulat)' },
];
const SKILLS = { soporte: 5, correo: 5 };

/** The configuration with the simulated agents added (nobody can sign in as them: random passwords). */
export function withSimulatedAgents(config: HubConfig): HubConfig {
  const missing = SIMULATED.filter((s) => !config.users.some((u) => u.id === s.id));
  const users = missing.map((s) => ({ ...s, role: 'agent' as const, skills: SKILLS, password: randomBytes(24).toString('base64url') }));
  return { ...config, users: [...config.users, ...users] };
}

export interface SimulatedAgentTimings {
  /** Seconds before a simulated agent accepts an offer (uniform in the range). */
  acceptAfter: [number, number];
  /** Seconds spent on a conversation. */
  handleFor: [number, number];
  /** Seconds in wrap-up. */
  wrapUpFor: [number, number];
  /** Chance of a break after each item, and its length in seconds. */
  breakChance: number;
  breakFor: [number, number];
}

export const DEFAULT_AGENT_TIMINGS: SimulatedAgentTimings = {
  acceptAfter: [2, 6],
  handleFor: [25, 70],
  wrapUpFor: [3, 8],
  breakChance: 0.15,
  breakFor: [30, 90],
};

export interface SimulatedAgents {
  stop(): void;
}

export function startSimulatedAgents(center: ContactCenter, clock: Clock, log: HubLogger, timings: SimulatedAgentTimings = DEFAULT_AGENT_TIMINGS): SimulatedAgents {
  const random = new SeededRandom(7);
  const timers = new Set<TimerHandle>();
  const unsubscribes: Array<() => void> = [];
  let stopped = false;
  const after = ([min, max]: [number, number], fn: () => void): void => {
    const timer = clock.setTimer((min + random.next() * (max - min)) * 1000, () => {
      timers.delete(timer);
      if (!stopped) fn();
    });
    timers.add(timer);
  };
  const report = (what: string, result: { ok: boolean; error?: { message: string } }): void => {
    if (!result.ok) log.debug({ what, error: result.error?.message }, 'simulated agent step refused');
  };
  const ready = (agentId: string): void => report('ready', center.setState(agentId, 'ready', null));
  const breakReason = center.snapshot(SIMULATED[0]?.id ?? '')?.config.reasonCodes.find((r) => r.id !== 'missed')?.id ?? null;

  /** Works an accepted item to its end: talk, end, wrap up, maybe a break. */
  const work = (agentId: string, itemId: string): void =>
    after(timings.handleFor, () => {
      report('end', center.endWork(agentId, itemId));
      wrapUp(agentId, itemId);
    });
  const wrapUp = (agentId: string, itemId: string): void =>
    after(timings.wrapUpFor, () => {
      report('wrap-up', center.wrapUp(agentId, itemId, center.snapshot(agentId)?.config.dispositions[0]?.id ?? 'resolved', ''));
      if (breakReason && random.next() < timings.breakChance) {
        report('break', center.setState(agentId, 'not-ready', breakReason));
        after(timings.breakFor, () => ready(agentId));
      }
    });

  for (const agent of SIMULATED) {
    if (!center.user(agent.id)) continue;
    // After a hub restart, the work they held goes on where it was.
    for (const item of center.snapshot(agent.id)?.items ?? []) {
      if (item.state === 'accepted') work(agent.id, item.id);
      else if (item.state === 'wrap-up') wrapUp(agent.id, item.id);
    }
    unsubscribes.push(
      center.events.subscribe({
        userId: agent.id,
        deliver: ({ event }) => {
          if (event.kind !== 'offer' || event.offer.agentId !== agent.id) return;
          const { offerId, item } = event.offer;
          after(timings.acceptAfter, () => {
            if (center.acceptOffer(agent.id, offerId).ok) work(agent.id, item.id);
          });
        },
      }),
    );
    ready(agent.id);
  }
  return {
    stop() {
      stopped = true;
      for (const timer of timers) timer.cancel();
      timers.clear();
      for (const off of unsubscribes) off();
    },
  };
}
