/**
 * The supervisor dashboard, computed from what the hub holds now: the routing engine for what
 * waits and who serves which queue, the presence rows for each agent's state, and storage for
 * the day's counts (so the figures are right after a hub restart). The service level formula is
 * in src-common/supervisor.ts.
 */
import type { AgentState } from '../../src-common/domain';
import type { HubConfig } from '../../src-common/hub-config';
import { WAITING_LIST_MAX, type AgentStatus, type AgentWork, type QueueStats, type SupervisorDashboard, type WaitingWork } from '../../src-common/supervisor';
import { iso } from '../clock';
import { computeBacklog } from '../center/backlog-feed';
import type { RoutingEngine } from '../routing/engine';
import { coversAgent, type SupervisionScope } from './supervision-scope';
import type { HubStore, WorkItemRow } from '../storage/repositories';
import type { CallQualityRow } from '../storage/supervision-repository';

export type StaffedTime = Map<string, { workingSeconds: number; staffedSeconds: number }>;

export interface DashboardSources {
  config: HubConfig;
  store: HubStore;
  engine: RoutingEngine;
  /** Users with a desktop connected now. */
  connected: ReadonlySet<string>;
  /** Today's staffed time per agent, when the caller keeps a recent one (it moves slowly); read from storage otherwise. */
  staffed?: StaffedTime;
}

/** Midnight (the hub machine's time zone) of the day `now` falls in: "today" on the dashboard. */
export function dayStartOf(now: number): string {
  const day = new Date(now);
  day.setHours(0, 0, 0, 0);
  return iso(day.getTime());
}


const stateGroup = (state: AgentState): 'ready' | 'busy' | 'notReady' | null =>
  state === 'ready' ? 'ready' : state === 'busy' || state === 'after-call-work' ? 'busy' : state === 'not-ready' ? 'notReady' : null;

const occupancyOf = (time: { workingSeconds: number; staffedSeconds: number } | undefined): number | null =>
  time && time.staffedSeconds >= 1 ? Math.min(1, time.workingSeconds / time.staffedSeconds) : null;

const average = (sum: number, count: number): number | null => (count > 0 ? Math.round((sum / count) * 10) / 10 : null);

const lastCallOf = (row: CallQualityRow | undefined): AgentStatus['lastCall'] => (row ? { mosAverage: row.mosAverage, mainProblem: row.mainProblem, at: row.at } : null);

export function buildDashboard(sources: DashboardSources, supervised: SupervisionScope, now: number): SupervisorDashboard {
  const { config, store, engine } = sources;
  const dayStart = dayStartOf(now);
  const scope = supervised.queues;
  const backlog = computeBacklog(engine, [...scope]);
  const workers = config.users.filter((u) => u.role !== 'admin');
  const served = new Map(workers.map((u) => [u.id, engine.queuesServedBy(u.id)]));
  const presence = new Map(workers.map((u) => [u.id, store.presence.get(u.id)]));
  const waitingLists = waitingByQueue(store, engine, scope);

  const queues: QueueStats[] = config.queues
    .filter((q) => scope.has(q.id))
    .map((queue) => {
      const waiting = backlog.get(queue.id);
      const counts = store.supervision.queueDay({
        queueId: queue.id,
        dayStart,
        thresholdSeconds: queue.serviceLevel.thresholdSeconds,
        shortAbandonSeconds: config.shortAbandonSeconds,
      });
      const counted = counts.answered + counts.abandoned - counts.shortAbandoned;
      const agents = { ready: 0, busy: 0, notReady: 0 };
      for (const [agentId, queues] of served) {
        const group = queues.includes(queue.id) ? stateGroup(presence.get(agentId)?.state ?? 'offline') : null;
        if (group) agents[group] += 1;
      }
      return {
        queueId: queue.id,
        name: queue.name,
        ...(queue.names ? { names: queue.names } : {}),
        channel: queue.channel,
        waiting: waiting ? waiting.waiting.voice + waiting.waiting.chat + waiting.waiting.email : 0,
        oldestSince: waiting?.oldestSince ?? null,
        offered: counts.offered,
        answered: counts.answered,
        answeredWithinThreshold: counts.answeredWithinThreshold,
        abandoned: counts.abandoned,
        shortAbandoned: counts.shortAbandoned,
        serviceLevel: counted > 0 ? counts.answeredWithinThreshold / counted : null,
        thresholdSeconds: queue.serviceLevel.thresholdSeconds,
        serviceLevelTarget: queue.serviceLevel.target,
        maxWaitSeconds: queue.maxWaitSeconds,
        averageSpeedOfAnswerSeconds: average(counts.answerWaitSeconds, counts.answered),
        averageHandleSeconds: average(counts.handleSeconds, counts.handled),
        waitingItems: waitingLists.get(queue.id) ?? [],
        agents,
      };
    });

  const handled = store.supervision.handledByAgent(dayStart);
  const staffed = sources.staffed ?? store.supervision.staffedTime(dayStart, iso(now));
  const offers = engine.pendingOffers();
  // One read of the open items for everyone, not one per agent: 2,000 agents, once a second.
  const open = store.items.listOpen();
  const heldBy = new Map<string, WorkItemRow[]>();
  for (const item of open) if (item.agentId) heldBy.set(item.agentId, [...(heldBy.get(item.agentId) ?? []), item]);
  const byId = new Map(open.map((item) => [item.id, item]));
  const lastCalls = store.supervision.lastCallQualityByAgent();
  const agents: AgentStatus[] = workers
    .filter((u) => coversAgent(supervised, config, u.id, served.get(u.id) ?? []))
    .map((user) => {
      const row = presence.get(user.id);
      const current = store.users.byId(user.id);
      return {
        agentId: user.id,
        displayName: user.displayName,
        role: current?.role ?? user.role,
        state: row?.state ?? 'offline',
        since: row?.since ?? iso(now),
        reasonCode: row?.reasonCode ?? null,
        connected: sources.connected.has(user.id),
        queueIds: served.get(user.id) ?? [],
        team: user.team ? (config.teams.find((t) => t.id === user.team)?.name ?? user.team) : null,
        work: workOf(store, heldBy.get(user.id) ?? [], offers.filter((o) => o.agentId === user.id).map((o) => ({ item: byId.get(o.itemId), at: o.offeredAt }))),
        handledToday: handled.get(user.id) ?? 0,
        occupancy: occupancyOf(staffed.get(user.id)),
        skills: { ...engine.skillsOf(user.id) },
        lastCall: lastCallOf(lastCalls.get(user.id)),
      };
    });
  return { at: iso(now), queues, agents };
}

/** Per supervised queue, its longest-waiting items with who they are and whom they are offered to. */
function waitingByQueue(store: HubStore, engine: RoutingEngine, scope: ReadonlySet<string>): Map<string, WaitingWork[]> {
  const offeredTo = new Map(engine.pendingOffers().map((o) => [o.itemId, o.agentId]));
  const byQueue = new Map<string, WaitingWork[]>();
  const waiting = engine
    .unheldItems()
    .filter((i) => scope.has(i.queueId))
    .sort((a, b) => a.createdAt - b.createdAt);
  for (const init of waiting) {
    const list = byQueue.get(init.queueId) ?? [];
    if (list.length >= WAITING_LIST_MAX) continue;
    const item = store.items.get(init.id);
    if (!item) continue;
    const label = (item.customerId ? store.customers.get(item.customerId)?.name : null) ?? item.subject;
    list.push({ itemId: item.id, channel: item.channel, label, since: item.createdAt, offeredTo: offeredTo.get(item.id) ?? null });
    byQueue.set(init.queueId, list);
  }
  return byQueue;
}

function workOf(store: HubStore, heldItems: readonly WorkItemRow[], offered: readonly { item: WorkItemRow | undefined; at: number }[]): AgentWork[] {
  const label = (customerId: string | null, subject: string): string => (customerId ? store.customers.get(customerId)?.name : null) ?? subject;
  const held: AgentWork[] = heldItems.flatMap((item) =>
    item.state === 'accepted' || item.state === 'wrap-up'
      ? [{ itemId: item.id, channel: item.channel, label: label(item.customerId, item.subject), state: item.state, since: item.acceptedAt ?? item.createdAt }]
      : [],
  );
  const pending: AgentWork[] = offered.flatMap(({ item, at }) =>
    item ? [{ itemId: item.id, channel: item.channel, label: label(item.customerId, item.subject), state: 'offered' as const, since: iso(at) }] : [],
  );
  return [...held, ...pending].slice(0, 50);
}
