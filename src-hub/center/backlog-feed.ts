/**
 * What waits in each queue, for the agents who serve it: per queue the items no agent has
 * taken yet by channel, and when the longest-waiting one arrived. Agents see it in their
 * snapshot and, while connected, as live updates.
 *
 * Any committed change may move the backlog, so the center says "maybe changed" after each
 * transaction; the feed then recomputes at most once per interval (from the routing engine's
 * memory, no query) and tells only the desktops whose agent serves a queue that did change.
 * The longest wait is sent as a moment, not a duration, so desktops tick it themselves and the
 * hub sends nothing while the backlog stands still.
 */
import type { LiveUpdate, QueueBacklog } from '../../src-common/protocol';
import { iso, type Clock } from '../clock';
import type { RoutingEngine } from '../routing/engine';
import type { DeadlineTimers } from './deadline-timers';
import type { LiveStream, LiveSubscriber } from './live-stream';

/** At most one backlog push per this long (per hub), however busy the queues are. */
export const BACKLOG_PUSH_INTERVAL_MS = 1_000;
const TIMER = 'backlog';

export interface BacklogFeedDeps {
  live: LiveStream;
  clock: Clock;
  timers: DeadlineTimers;
  engine(): RoutingEngine;
  intervalMs?: number;
}

/** Every configured queue's backlog, computed from what the engine holds now. */
export function computeBacklog(engine: RoutingEngine, queueIds: readonly string[]): Map<string, QueueBacklog> {
  const out = new Map<string, QueueBacklog>(queueIds.map((id) => [id, { queueId: id, waiting: { voice: 0, chat: 0, email: 0 }, oldestSince: null }]));
  const oldest = new Map<string, number>();
  for (const item of engine.unheldItems()) {
    const queue = out.get(item.queueId);
    if (!queue) continue;
    queue.waiting[item.channel] += 1;
    const first = oldest.get(item.queueId);
    if (first === undefined || item.createdAt < first) oldest.set(item.queueId, item.createdAt);
  }
  for (const [queueId, at] of oldest) {
    const queue = out.get(queueId);
    if (queue) queue.oldestSince = iso(at);
  }
  return out;
}

const sameBacklog = (a: QueueBacklog | undefined, b: QueueBacklog): boolean =>
  a !== undefined && a.oldestSince === b.oldestSince && a.waiting.voice === b.waiting.voice && a.waiting.chat === b.waiting.chat && a.waiting.email === b.waiting.email;

export class BacklogFeed {
  private last = new Map<string, QueueBacklog>();
  private lastPushAt = Number.NEGATIVE_INFINITY;
  private readonly intervalMs: number;

  constructor(
    private readonly deps: BacklogFeedDeps,
    private readonly queueIds: readonly string[],
  ) {
    this.intervalMs = deps.intervalMs ?? BACKLOG_PUSH_INTERVAL_MS;
    deps.live.onJoin((sub) => this.sendCurrent(sub));
  }

  /** The backlog of the queues this agent serves, as it is now. */
  forAgent(agentId: string): QueueBacklog[] {
    const all = computeBacklog(this.deps.engine(), this.queueIds);
    return this.deps.engine().queuesServedBy(agentId).flatMap((id) => all.get(id) ?? []);
  }

  /** Something committed that may have moved the backlog: push within the interval if it did. */
  maybeChanged(): void {
    if (this.deps.timers.isArmed(TIMER)) return;
    const at = Math.max(this.deps.clock.now(), this.lastPushAt + this.intervalMs);
    this.deps.timers.arm(TIMER, at, () => this.push());
  }

  private push(): void {
    const now = this.deps.clock.now();
    this.lastPushAt = now;
    const current = computeBacklog(this.deps.engine(), this.queueIds);
    const changed = new Set([...current.values()].filter((q) => !sameBacklog(this.last.get(q.queueId), q)).map((q) => q.queueId));
    this.last = current;
    if (changed.size === 0) return;
    for (const userId of this.deps.live.connectedUsers()) {
      const served = this.deps.engine().queuesServedBy(userId);
      if (!served.some((id) => changed.has(id))) continue;
      this.deps.live.send(userId, this.update(served, current), iso(now));
    }
  }

  private sendCurrent(sub: LiveSubscriber): void {
    const served = this.deps.engine().queuesServedBy(sub.userId);
    if (served.length === 0) return;
    sub.deliver(this.update(served, computeBacklog(this.deps.engine(), this.queueIds)), iso(this.deps.clock.now()));
  }

  private update(served: readonly string[], all: Map<string, QueueBacklog>): LiveUpdate {
    return { kind: 'backlog', backlog: served.flatMap((id) => all.get(id) ?? []) };
  }
}
