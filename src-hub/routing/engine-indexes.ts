/**
 * The two orders routing decides by, kept so a decision never sorts everything (microseconds at
 * 2,000 agents, see bench/routing.ts): agents from longest idle to most recently busy, and per
 * queue the waiting items in service order.
 */

interface IdleAgent {
  readonly id: string;
  idleSince: number;
}

/**
 * Agents from longest idle to most recently busy. idleSince only ever moves to "now", which is
 * never earlier than anyone else's, so moving the agent to the end of the Map (delete + set)
 * keeps it sorted without searching. Agents added with an arbitrary idleSince (start-up) mark it
 * unsorted; it is sorted once before the next read.
 */
export class IdleOrder<A extends IdleAgent> {
  private order = new Map<string, A>();
  private sorted = true;

  /** An agent whose idleSince may be anything (start-up, a changed agent). */
  add(agent: A): void {
    this.order.set(agent.id, agent);
    this.sorted = false;
  }

  /** The agent's idleSince changed in a way this order cannot see (a reloaded agent). */
  invalidate(): void {
    this.sorted = false;
  }

  /** The agent became idle now: the most recently busy. */
  markIdle(agent: A, now: number): void {
    agent.idleSince = now;
    this.order.delete(agent.id);
    this.order.set(agent.id, agent);
  }

  values(): IterableIterator<A> {
    if (!this.sorted) {
      const agents = [...this.order.values()].sort((a, b) => a.idleSince - b.idleSince || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
      this.order = new Map(agents.map((a) => [a.id, a]));
      this.sorted = true;
    }
    return this.order.values();
  }
}

export interface WaitingItem {
  readonly id: string;
  readonly queueId: string;
  readonly priority: number;
  readonly createdAt: number;
}

/** Service order: priority (higher first), then arrival (older first), then id for determinism. */
export function serviceOrder(a: WaitingItem, b: WaitingItem): number {
  return b.priority - a.priority || a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** Per queue, the items waiting in service order. */
export class WaitingLists<I extends WaitingItem> {
  private readonly lists = new Map<string, I[]>();

  constructor(queueIds: Iterable<string>) {
    for (const id of queueIds) this.lists.set(id, []);
  }

  add(item: I): void {
    const list = this.lists.get(item.queueId);
    if (!list) return;
    // Binary search: new work lands at the end; re-queued work returns to its original place.
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const other = list[mid];
      if (other && serviceOrder(other, item) < 0) lo = mid + 1;
      else hi = mid;
    }
    list.splice(lo, 0, item);
  }

  remove(item: I): void {
    const list = this.lists.get(item.queueId);
    const at = list ? list.indexOf(item) : -1;
    if (list && at >= 0) list.splice(at, 1);
  }

  /** Each queue with its waiting items, head first. */
  entries(): IterableIterator<[string, I[]]> {
    return this.lists.entries();
  }

  /** Every waiting item, in service order across queues. */
  all(): I[] {
    return [...this.lists.values()].flat().sort(serviceOrder);
  }

  /** The head of each queue. */
  heads(): I[] {
    return [...this.lists.values()].flatMap((list) => (list[0] ? [list[0]] : []));
  }
}
