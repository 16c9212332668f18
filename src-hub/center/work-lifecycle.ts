/**
 * The life of a work item after routing: intake (submitWork), a customer who leaves first
 * (abandon), the agent ending it (endWork), wrap-up (by the agent, late from an outbox, or by the
 * timer), transfer, and calls the agent places (startOutboundCall). Agent actions on offers and
 * states stay in contact-center.ts; both act through the same CenterCore transaction.
 */
import type { ItemView, WorkItem } from '../../src-common/domain';
import type { TransferTarget } from '../../src-common/protocol';
import { err, ok, type Result } from '../../src-common/result';
import { iso } from '../clock';
import type { WorkItemRow } from '../storage/repositories';
import type { CenterCore } from './center-core';
import { EVERYONE } from './event-stream';
import { interactionEntry } from './interaction';
import { outboundCallRow, type OutboundCallRequest } from './outbound-call';
import { moveWaitingWork, transferWork, type TransferPorts } from './transfer';
import { transferCallSegment } from './call-transfer';
import { itemView } from './views';
import { queuedItemRow, routingItemOf, workItemOf, type WorkSubmission } from './work-item-rows';

const wrapUpTimerKey = (itemId: string): string => `wrap-up:${itemId}`;

export class WorkLifecycle {
  constructor(private readonly core: CenterCore) {}

  /** New work from any channel; channels reach it through intake.ts, never directly. */
  submitWork(sub: WorkSubmission): Result<WorkItem> {
    const { core } = this;
    const queue = core.config.queues.find((q) => q.id === sub.queueId);
    if (!queue) return err('bad-request', `Unknown queue "${sub.queueId}".`);
    if (queue.channel !== sub.channel) return err('bad-request', `Queue "${queue.id}" takes ${queue.channel} work, not ${sub.channel}.`);
    const now = core.clock.now();
    return core.run(() => {
      const resolved = core.customers.resolveForIntake(sub.channel, sub.from, sub.customerName, iso(now));
      if (resolved?.created) core.events.publish(EVERYONE, { kind: 'customer-changed', customerId: resolved.customer.id }, iso(now));
      const row = queuedItemRow(core.newId('wi'), sub, queue, resolved?.customer.id ?? null, now);
      core.store.items.insert(row);
      core.engine().enqueue({ ...routingItemOf(row), preferredAgentId: sub.preferredAgentId ?? null });
      core.dispatch(now);
      return ok(workItemOf(core.mustGetItem(row.id)));
    });
  }

  /**
   * A call the agent places from the desktop: a voice item born accepted by that agent (no
   * offer, no queue wait), so hang-up → endWork → wrap-up put it in the customer's timeline
   * as outbound, exactly like an inbound call. Rules in ./outbound-call.ts.
   */
  startOutboundCall(userId: string, request: OutboundCallRequest): Result<ItemView> {
    const { core } = this;
    const now = core.clock.now();
    return core.run(() => {
      const built = outboundCallRow(core, userId, request, now);
      if (!built.ok) return built;
      const { row, customerCreated } = built.value;
      if (customerCreated && row.customerId) core.events.publish(EVERYONE, { kind: 'customer-changed', customerId: row.customerId }, iso(now));
      core.store.items.insert(row);
      // The call counts against the agent's voice capacity from the first moment.
      core.engine().restoreHeld(routingItemOf(row), userId);
      core.events.publish(userId, { kind: 'item', item: itemView(row) }, iso(now));
      core.refreshPresence(userId, now, 'outbound-call');
      return ok(itemView(row));
    });
  }

  /**
   * The customer left before an agent took the work (a caller hung up while queued or while an
   * agent's phone rang): the item becomes `abandoned`, a pending offer is revoked with reason
   * `abandoned`, and the agent it reserved is free for the next item.
   */
  abandon(itemId: string): Result<WorkItem> {
    const { core } = this;
    const item = core.store.items.get(itemId);
    if (!item) return err('not-found', 'This work item does not exist.');
    if (item.state === 'abandoned') return ok(workItemOf(item));
    if (item.state !== 'queued' && item.state !== 'offered') return err('conflict', `This work was already taken by an agent (${item.state}).`);
    const now = core.clock.now();
    return core.run(() => {
      core.apply(core.engine().release(itemId, now), now);
      const abandoned: WorkItemRow = { ...core.mustGetItem(itemId), state: 'abandoned', agentId: null, endedAt: iso(now) };
      core.store.items.save(abandoned);
      // A caller who hung up waiting is a missed call in their history, with the number to call back.
      if (abandoned.channel === 'voice') this.recordInteraction(abandoned, iso(now));
      if (item.agentId) core.refreshPresence(item.agentId, now, 'item-abandoned');
      core.dispatch(now);
      return ok(workItemOf(abandoned));
    });
  }

  endWork(userId: string, itemId: string): Result<ItemView> {
    const { core } = this;
    const owned = core.ownedItem(userId, itemId);
    if (!owned.ok) return owned;
    if (owned.value.state !== 'accepted') return err('conflict', 'This work has already ended.');
    const now = core.clock.now();
    const deadline = core.config.wrapUpSeconds > 0 ? now + core.config.wrapUpSeconds * 1000 : null;
    return core.run(() => {
      const updated: WorkItemRow = { ...owned.value, state: 'wrap-up', endedAt: iso(now), wrapUpDeadline: deadline === null ? null : iso(deadline) };
      core.store.items.save(updated);
      core.events.publish(userId, { kind: 'item', item: itemView(updated) }, iso(now));
      core.refreshPresence(userId, now, 'work-ended');
      if (deadline !== null) this.armWrapUpTimer(itemId, deadline);
      return ok(itemView(updated));
    });
  }

  wrapUp(userId: string, itemId: string, disposition: string, notes: string): Result<ItemView> {
    const { core } = this;
    const owned = core.ownedItem(userId, itemId);
    if (!owned.ok) return owned;
    if (!core.config.dispositions.some((d) => d.id === disposition)) return err('bad-request', `Unknown disposition "${disposition}".`);
    const now = core.clock.now();
    if (owned.value.state === 'done') {
      // The wrap-up timer closed this item without a disposition (e.g. the agent's desktop was
      // offline and its outbox delivers late). The agent's disposition and notes must not be
      // lost: record them on the item and its timeline entry; routing is not touched again.
      if (owned.value.disposition !== null) return err('conflict', 'This work is already wrapped up.');
      return core.run(() => ok(itemView(this.recordLateWrapUp(owned.value, disposition, notes || null, now))));
    }
    return core.run(() => ok(itemView(this.finishItem(owned.value, disposition, notes || null, now, 'wrap-up'))));
  }

  /** Hands accepted work to another agent or a queue with a note (rules in ./transfer.ts). */
  transfer(userId: string, itemId: string, target: TransferTarget, note: string): Result<ItemView> {
    const now = this.core.clock.now();
    return this.core.run(() => transferWork(this.transferPorts(now), userId, itemId, target, note));
  }

  /** A supervisor moves waiting work to another queue or offers it to a named agent (./transfer.ts). */
  moveWaiting(itemId: string, target: TransferTarget): Result<ItemView> {
    const now = this.core.clock.now();
    return this.core.run(() => moveWaitingWork(this.transferPorts(now), itemId, target));
  }

  /** A call the agent is transferring to a colleague: that colleague's own new item (./call-transfer.ts). */
  transferCall(userId: string, itemId: string, toAgentId: string, note: string): Result<{ itemId: string }> {
    const now = this.core.clock.now();
    const { core } = this;
    return core.run(() => transferCallSegment({ ...this.transferPorts(now), newItemId: () => core.newId('wi') }, userId, itemId, toAgentId, note));
  }

  /** What moving work between agents and queues acts through, at one moment, inside the caller's transaction. */
  private transferPorts(now: number): TransferPorts {
    const { core } = this;
    return {
      store: core.store,
      config: core.config,
      events: core.events,
      engine: core.engine(),
      now,
      newOfferId: () => core.newId('of'),
      refreshPresence: (id, cause) => void core.refreshPresence(id, now, cause),
      dispatch: () => core.dispatch(now),
      canTakeWork: (agentId) => core.canTakeWork(agentId),
    };
  }

  /** After a restart: items still in wrap-up get their timers back. */
  resumeWrapUpTimers(items: readonly WorkItemRow[], parseDeadline: (at: string) => number): void {
    for (const item of items) {
      if (item.state === 'wrap-up' && item.wrapUpDeadline) this.armWrapUpTimer(item.id, parseDeadline(item.wrapUpDeadline));
    }
  }

  private recordLateWrapUp(item: WorkItemRow, disposition: string, notes: string | null, now: number): WorkItemRow {
    const { core } = this;
    const at = iso(now);
    const updated: WorkItemRow = { ...item, disposition, notes };
    core.store.items.save(updated);
    if (item.agentId) core.events.publish(item.agentId, { kind: 'item', item: itemView(updated) }, at);
    this.recordInteraction(updated, at);
    return updated;
  }

  /** The finished item joins (or, when re-recorded, replaces its entry in) the customer's timeline. */
  private recordInteraction(done: WorkItemRow, at: string): void {
    const { core } = this;
    if (!done.customerId) return;
    const agent = done.agentId ? core.store.users.byId(done.agentId) : null;
    core.customers.addInteraction(interactionEntry({ ...done, customerId: done.customerId }, agent?.displayName ?? null), done.id, at);
    core.events.publish(EVERYONE, { kind: 'customer-changed', customerId: done.customerId }, at);
  }

  private finishItem(item: WorkItemRow, disposition: string | null, notes: string | null, now: number, cause: string): WorkItemRow {
    const { core } = this;
    const at = iso(now);
    const done: WorkItemRow = { ...item, state: 'done', endedAt: item.endedAt ?? at, completedAt: at, wrapUpDeadline: null, disposition, notes };
    core.store.items.save(done);
    core.timers.cancel(wrapUpTimerKey(item.id));
    if (item.agentId) core.events.publish(item.agentId, { kind: 'item', item: itemView(done) }, at);
    this.recordInteraction(done, at);
    core.apply(core.engine().release(item.id, now), now);
    if (item.agentId) core.refreshPresence(item.agentId, now, cause);
    core.dispatch(now);
    return done;
  }

  private armWrapUpTimer(itemId: string, deadline: number): void {
    const { core } = this;
    core.timers.arm(wrapUpTimerKey(itemId), deadline, () => {
      if (!core.isRunning()) return;
      const item = core.store.items.get(itemId);
      if (item?.state !== 'wrap-up') return;
      try {
        // Industry practice: when after-call work runs out the item closes with no disposition.
        core.run(() => this.finishItem(item, null, item.notes, core.clock.now(), 'wrap-up-timeout'));
      } catch (cause) {
        core.log.error({ err: cause, itemId }, 'wrap-up timeout failed');
      }
    });
  }
}
