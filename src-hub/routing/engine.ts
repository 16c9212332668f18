/**
 * The routing engine: decides which agent is offered which item. Pure: no I/O, no timers, no
 * randomness of its own; time comes in as `now` and ids from the injected `newOfferId`. The
 * contact center applies the effects it returns (storage, events, timers), so the same engine
 * runs on SQLite today and on PostgreSQL later, and tests drive it step by step.
 *
 * Rules:
 * - An agent is offered work when they selected `ready`, have no other pending offer (one
 *   offer at a time per agent, as Amazon Connect does), the capacity rules allow the item's
 *   channel (see capacity.ts), and for every skill the queue requires their level >= minimum.
 * - Items are served by queue priority (higher first), then longest waiting (created first);
 *   a re-queued item keeps its original arrival time, so declines never send it to the back.
 * - Among eligible agents the one idle longest wins: idleSince moves when an agent becomes
 *   ready, receives an offer, or finishes an item. Agents loaded at start-up with equal
 *   idleSince are ordered by id; later ties keep the order the events happened in.
 * - One offer per item at a time. When an offer is declined, expires or is cancelled, the item
 *   goes back to the queue and is offered to another agent; an agent who already had it gets
 *   it again only when no other agent is eligible right now.
 * - A decline means "not me, not now": that agent is not offered that item again for
 *   `declineCooldownMs`, even when nobody else could take it (it waits in the queue, and the
 *   queue's other items may still go to them). Without this a lone agent who declines is
 *   offered the same item again within milliseconds.
 * - An expired offer counts as a miss; `maxMissedOffers` consecutive misses put the agent
 *   not-ready with reason "missed". Accepting or declining shows the agent is present and
 *   resets the count.
 * - An agent leaving `ready` (not-ready, offline) loses their pending offer: the item is
 *   re-queued at once.
 * - A waiting call takes over a Ready agent's pending offer of lower-priority chat or email
 *   work when no agent is free for it (that item goes back to its place in the queue).
 */
import type { Channel, SelectableAgentState } from '../../src-common/domain';
import { MISSED_REASON } from '../../src-common/domain';
import { err, ok, type Result } from '../../src-common/result';
import { emptyCounts, hasCapacityFor, type ChannelCounts } from './capacity';
import { IdleOrder, serviceOrder, WaitingLists } from './engine-indexes';
import type { AgentInit, ItemInit, OfferEndReason, PendingOffer, RoutingEffect, RoutingQueue, RoutingSettings } from './routing-types';

export type { AgentInit, ItemInit, OfferEndReason, PendingOffer, RoutingEffect, RoutingQueue, RoutingSettings } from './routing-types';

interface AgentSlot extends AgentInit {
  /** Queues whose required skills this agent meets (skills change only through addAgent or setSkills). */
  skilledFor: Set<string>;
  held: Map<string, Channel>;
  counts: ChannelCounts;
  pendingOfferId: string | null;
}

interface ItemSlot extends ItemInit {
  /** Agents who already had an offer for this item. */
  tried: Set<string>;
  /** Agents who declined this item, and until when they are not offered it again. */
  declinedUntil: Map<string, number>;
  offerId: string | null;
  holder: string | null;
}

function meetsSkills(agent: AgentInit, queue: RoutingQueue): boolean {
  for (const [skill, min] of Object.entries(queue.requiredSkills)) {
    if ((agent.skills[skill] ?? 0) < min) return false;
  }
  return true;
}

/*
 * Indexes keep a decision cheap (microseconds at 2,000 agents, see bench/routing.ts): per queue
 * the waiting items in service order, per agent the queues they are skilled for and their
 * held counts, the set of agents who could take an offer now, and the agents in idle order.
 */
export class RoutingEngine {
  private readonly agents = new Map<string, AgentSlot>();
  private readonly items = new Map<string, ItemSlot>();
  private readonly offers = new Map<string, PendingOffer>();
  private readonly queues = new Map<string, RoutingQueue>();
  private readonly waiting: WaitingLists<ItemSlot>;
  private readonly offerable = new Set<AgentSlot>();
  /** Items with a decline cooldown running, so the next cooldown end is found without a scan. */
  private readonly cooling = new Set<ItemSlot>();
  private readonly idleOrder = new IdleOrder<AgentSlot>();

  constructor(
    private readonly settings: RoutingSettings,
    private readonly newOfferId: () => string,
  ) {
    for (const q of settings.queues) this.queues.set(q.id, q);
    this.waiting = new WaitingLists(this.queues.keys());
  }

  // ---- state in ----

  addAgent(agent: AgentInit): void {
    const prev = this.agents.get(agent.id);
    if (prev) {
      Object.assign(prev, agent);
      prev.skilledFor = this.skilledQueues(prev);
      this.idleOrder.invalidate();
      this.updateOfferable(prev);
      return;
    }
    const slot: AgentSlot = { ...agent, skilledFor: this.skilledQueues(agent), held: new Map(), counts: emptyCounts(), pendingOfferId: null };
    this.agents.set(agent.id, slot);
    this.idleOrder.add(slot);
    this.updateOfferable(slot);
  }

  skillsOf(agentId: string): Readonly<Record<string, number>> {
    return this.agents.get(agentId)?.skills ?? {};
  }

  /** A supervisor changed the agent's skills: the queues they serve follow at once. */
  setSkills(agentId: string, skills: Readonly<Record<string, number>>): boolean {
    const agent = this.agents.get(agentId);
    if (!agent) return false;
    agent.skills = skills;
    agent.skilledFor = this.skilledQueues(agent);
    return true;
  }

  enqueue(item: ItemInit): void {
    if (!this.queues.has(item.queueId)) throw new Error(`unknown queue ${item.queueId}`);
    const slot: ItemSlot = { ...item, tried: new Set(), declinedUntil: new Map(), offerId: null, holder: null };
    this.items.set(item.id, slot);
    this.waiting.add(slot);
  }

  /** Restores an item an agent already holds (accepted or in wrap-up), e.g. after a restart. */
  restoreHeld(item: ItemInit, agentId: string): void {
    const agent = this.agents.get(agentId);
    if (agent) this.hold(agent, item.id, item.channel);
  }

  /** Restores a pending offer from storage (after a failed transaction was rolled back). */
  restoreOffer(item: ItemInit, offer: PendingOffer): void {
    const agent = this.agents.get(offer.agentId);
    if (!agent) return;
    const slot: ItemSlot = { ...item, tried: new Set([offer.agentId]), declinedUntil: new Map(), offerId: offer.offerId, holder: null };
    this.items.set(item.id, slot);
    this.offers.set(offer.offerId, offer);
    agent.pendingOfferId = offer.offerId;
    this.hold(agent, item.id, item.channel);
    this.updateOfferable(agent);
  }

  // ---- agent actions ----

  setSelected(agentId: string, selected: SelectableAgentState, reasonCode: string | null, now: number): RoutingEffect[] {
    const agent = this.agents.get(agentId);
    if (!agent) return [];
    const wasReady = agent.selected === 'ready';
    agent.selected = selected;
    agent.reasonCode = selected === 'not-ready' ? reasonCode : null;
    const effects: RoutingEffect[] = [];
    if (selected !== 'ready' && agent.pendingOfferId) {
      effects.push(this.endOffer(agent.pendingOfferId, 'cancelled'));
    }
    if (selected === 'ready' && !wasReady) {
      this.idleOrder.markIdle(agent, now);
      agent.consecutiveMissed = 0;
    }
    this.updateOfferable(agent);
    return effects;
  }

  accept(offerId: string, agentId: string): Result<PendingOffer> {
    const offer = this.offers.get(offerId);
    if (!offer) return err('not-found', 'This offer is no longer available.');
    if (offer.agentId !== agentId) return err('forbidden', 'This offer was made to another agent.');
    const agent = this.agents.get(agentId);
    const item = this.items.get(offer.itemId);
    if (!agent || !item) return err('not-found', 'This offer is no longer available.');
    this.offers.delete(offerId);
    agent.pendingOfferId = null;
    agent.consecutiveMissed = 0;
    item.offerId = null;
    item.holder = agentId;
    // The agent already holds the item: the offer reserved its capacity slot.
    this.updateOfferable(agent);
    return ok(offer);
  }

  decline(offerId: string, agentId: string, now: number): Result<RoutingEffect[]> {
    const offer = this.offers.get(offerId);
    if (!offer) return err('not-found', 'This offer is no longer available.');
    if (offer.agentId !== agentId) return err('forbidden', 'This offer was made to another agent.');
    const agent = this.agents.get(agentId);
    if (agent) agent.consecutiveMissed = 0;
    const item = this.items.get(offer.itemId);
    if (item && this.settings.declineCooldownMs > 0) {
      item.declinedUntil.set(agentId, now + this.settings.declineCooldownMs);
      this.cooling.add(item);
    }
    return ok([this.endOffer(offerId, 'declined')]);
  }

  /** Expires every offer whose deadline has passed. */
  expireDue(now: number): RoutingEffect[] {
    const effects: RoutingEffect[] = [];
    const due = [...this.offers.values()].filter((o) => o.expiresAt <= now).sort((a, b) => a.expiresAt - b.expiresAt);
    for (const offer of due) {
      effects.push(this.endOffer(offer.offerId, 'expired'));
      const agent = this.agents.get(offer.agentId);
      if (!agent) continue;
      agent.consecutiveMissed += 1;
      if (agent.consecutiveMissed >= this.settings.maxMissedOffers && agent.selected === 'ready') {
        agent.selected = 'not-ready';
        agent.reasonCode = MISSED_REASON;
        this.updateOfferable(agent);
        effects.push({ kind: 'agent-not-ready', agentId: agent.id, reasonCode: MISSED_REASON, consecutiveMissed: agent.consecutiveMissed });
      } else {
        effects.push({ kind: 'missed-count', agentId: agent.id, consecutiveMissed: agent.consecutiveMissed });
      }
    }
    return effects;
  }

  /** The item is finished (wrap-up done) or gone (abandoned): frees the agent's capacity. */
  release(itemId: string, now: number): RoutingEffect[] {
    const item = this.items.get(itemId);
    const effects: RoutingEffect[] = [];
    if (item?.offerId) effects.push(this.endOffer(item.offerId, 'abandoned'));
    if (item) {
      this.waiting.remove(item);
      this.cooling.delete(item);
    }
    this.items.delete(itemId);
    for (const agent of this.agents.values()) {
      if (this.unhold(agent, itemId)) this.idleOrder.markIdle(agent, now);
    }
    return effects;
  }

  // ---- decisions ----

  /**
   * Makes every offer that can be made now. Queues are merged by their head item in service
   * order; a queue whose head finds no agent is skipped for the rest of the round, since every
   * item of a queue needs the same skills and channel capacity. The exception is a head that
   * only decline cooldowns keep from an agent: it is passed over and the queue's next item tried.
   */
  dispatch(now: number): RoutingEffect[] {
    const effects: RoutingEffect[] = [];
    for (;;) {
      this.offerWhatFits(now, effects);
      const takenOver = this.takeOverOfferForWaitingCall(now);
      if (!takenOver) return effects;
      effects.push(takenOver);
    }
  }

  private offerWhatFits(now: number, effects: RoutingEffect[]): void {
    const blocked = new Set<string>();
    /** Per queue: how many items at its front were passed over this round (cooldowns). */
    const passedOver = new Map<string, number>();
    while (this.offerable.size > 0) {
      let head: ItemSlot | null = null;
      for (const [queueId, list] of this.waiting.entries()) {
        const first = list[passedOver.get(queueId) ?? 0];
        if (first && !blocked.has(queueId) && (head === null || serviceOrder(first, head) < 0)) head = first;
      }
      if (head === null) break;
      const { agent, coolingDown } = this.chooseAgent(head, now);
      const at = passedOver.get(head.queueId) ?? 0;
      if (!agent) {
        if (coolingDown) passedOver.set(head.queueId, at + 1);
        else blocked.add(head.queueId);
        continue;
      }
      this.waiting.remove(head);
      const offer: PendingOffer = {
        offerId: this.newOfferId(),
        itemId: head.id,
        agentId: agent.id,
        offeredAt: now,
        expiresAt: now + this.settings.offerTimeoutMs,
      };
      this.offers.set(offer.offerId, offer);
      head.offerId = offer.offerId;
      head.tried.add(agent.id);
      agent.pendingOfferId = offer.offerId;
      this.idleOrder.markIdle(agent, now);
      this.hold(agent, head.id, head.channel);
      this.updateOfferable(agent);
      effects.push({ kind: 'offered', offer });
    }
  }

  /**
   * A caller waiting with no free agent may take over a Ready agent's pending offer of
   * lower-priority chat or email work: the offer is withdrawn ('cancelled', not a miss) and that
   * item returns to its place in the queue, so the next round offers the call. Without this a
   * call waits out a whole chat offer timeout behind an offer the agent may not even look at.
   */
  private takeOverOfferForWaitingCall(now: number): RoutingEffect | null {
    // Queue heads only: a queue serves one channel, so its head says whether a call is waiting.
    const calls = this.waiting
      .heads()
      .filter((head) => head.channel === 'voice')
      .sort(serviceOrder);
    if (calls.length === 0) return null;
    for (const call of calls) {
      for (const agent of this.idleOrder.values()) {
        if (agent.selected !== 'ready' || agent.pendingOfferId === null || !agent.skilledFor.has(call.queueId)) continue;
        if ((call.declinedUntil.get(agent.id) ?? 0) > now) continue;
        const offer = this.offers.get(agent.pendingOfferId);
        const offered = offer ? this.items.get(offer.itemId) : undefined;
        if (!offer || !offered || offered.channel === 'voice' || offered.priority >= call.priority) continue;
        const withoutOffer = { ...agent.counts, [offered.channel]: agent.counts[offered.channel] - 1 };
        if (!hasCapacityFor(withoutOffer, 'voice', this.settings.capacity)) continue;
        return this.endOffer(offer.offerId, 'cancelled');
      }
    }
    return null;
  }

  /**
   * When the engine next needs a call (an offer expires, or a decline cooldown ends and its
   * item may be offered again), so the caller can arm one timer. Cooldowns already over are
   * forgotten here, so a timer is never armed in the past over and over.
   */
  nextDeadline(now: number): number | null {
    let next: number | null = null;
    for (const o of this.offers.values()) if (next === null || o.expiresAt < next) next = o.expiresAt;
    for (const item of this.cooling) {
      for (const [agentId, until] of item.declinedUntil) {
        if (until <= now) item.declinedUntil.delete(agentId);
        else if (next === null || until < next) next = until;
      }
      if (item.declinedUntil.size === 0) this.cooling.delete(item);
    }
    return next;
  }

  // ---- reads (for tests, snapshots and the bench) ----

  pendingOffer(offerId: string): PendingOffer | null {
    return this.offers.get(offerId) ?? null;
  }

  pendingOffers(): PendingOffer[] {
    return [...this.offers.values()];
  }

  heldCounts(agentId: string): ChannelCounts {
    const agent = this.agents.get(agentId);
    return agent ? { ...agent.counts } : emptyCounts();
  }

  agentSelection(agentId: string): { selected: SelectableAgentState; reasonCode: string | null; consecutiveMissed: number } | null {
    const a = this.agents.get(agentId);
    return a ? { selected: a.selected, reasonCode: a.reasonCode, consecutiveMissed: a.consecutiveMissed } : null;
  }

  /** Items no agent holds yet (waiting, or being offered): the queues' backlog. */
  unheldItems(): ItemInit[] {
    return [...this.items.values()].filter((i) => i.holder === null);
  }

  /** The queues this agent's skills meet, in configuration order. */
  queuesServedBy(agentId: string): string[] {
    const agent = this.agents.get(agentId);
    return agent ? [...this.queues.keys()].filter((q) => agent.skilledFor.has(q)) : [];
  }

  /** Waiting items in service order across all queues. */
  queuedItemIds(): string[] {
    return this.waiting.all().map((i) => i.id);
  }

  // ---- internals ----

  private endOffer(offerId: string, reason: OfferEndReason): RoutingEffect {
    const offer = this.offers.get(offerId);
    if (!offer) throw new Error(`endOffer: unknown offer ${offerId}`);
    this.offers.delete(offerId);
    const agent = this.agents.get(offer.agentId);
    if (agent) {
      agent.pendingOfferId = null;
      this.unhold(agent, offer.itemId);
      this.updateOfferable(agent);
    }
    const item = this.items.get(offer.itemId);
    if (item) {
      item.offerId = null;
      if (reason !== 'abandoned') this.waiting.add(item);
    }
    return { kind: 'offer-ended', offer, reason };
  }

  /**
   * The item's preferred agent when they can take it now; otherwise the longest idle eligible
   * agent, preferring agents who have not had this item yet. Walks the
   * idle order from the front and stops at the first untried match, so a decision usually
   * looks at a handful of agents. `coolingDown` says that an agent was eligible but for a
   * decline cooldown on this item.
   */
  private chooseAgent(item: ItemSlot, now: number): { agent: AgentSlot | null; coolingDown: boolean } {
    const preferred = item.preferredAgentId ? this.agents.get(item.preferredAgentId) : undefined;
    const preferredFree =
      preferred &&
      !item.tried.has(preferred.id) &&
      (item.declinedUntil.get(preferred.id) ?? 0) <= now &&
      this.offerable.has(preferred) &&
      preferred.skilledFor.has(item.queueId) &&
      hasCapacityFor(preferred.counts, item.channel, this.settings.capacity);
    if (preferred && preferredFree) return { agent: preferred, coolingDown: false };
    let fallback: AgentSlot | null = null;
    let coolingDown = false;
    for (const agent of this.idleOrder.values()) {
      if (!this.offerable.has(agent) || !agent.skilledFor.has(item.queueId)) continue;
      if (!hasCapacityFor(agent.counts, item.channel, this.settings.capacity)) continue;
      if ((item.declinedUntil.get(agent.id) ?? 0) > now) {
        coolingDown = true;
        continue;
      }
      if (!item.tried.has(agent.id)) return { agent, coolingDown };
      fallback ??= agent;
    }
    return { agent: fallback, coolingDown };
  }

  private skilledQueues(agent: AgentInit): Set<string> {
    const out = new Set<string>();
    for (const [queueId, queue] of this.queues) if (meetsSkills(agent, queue)) out.add(queueId);
    return out;
  }

  private updateOfferable(agent: AgentSlot): void {
    if (agent.selected === 'ready' && agent.pendingOfferId === null) this.offerable.add(agent);
    else this.offerable.delete(agent);
  }

  private hold(agent: AgentSlot, itemId: string, channel: Channel): void {
    if (agent.held.has(itemId)) return;
    agent.held.set(itemId, channel);
    agent.counts[channel] += 1;
  }

  private unhold(agent: AgentSlot, itemId: string): boolean {
    const channel = agent.held.get(itemId);
    if (channel === undefined) return false;
    agent.held.delete(itemId);
    agent.counts[channel] -= 1;
    return true;
  }
}
