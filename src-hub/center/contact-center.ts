/**
 * The contact center: the single writer of agent, work and routing state. Each action runs as
 * one transaction (state rows + event-log rows together), then live events go out and the
 * offer-expiry timer is re-armed. Routing decisions come from the pure RoutingEngine; this
 * class applies them to storage and turns them into protocol events.
 */
import { randomUUID } from 'node:crypto';
import type { AgentConfigView, AgentPresence, ItemView, SelectableAgentState, WorkItem } from '../../src-common/domain';
import type { HubConfig } from '../../src-common/hub-config';
import type { AgentSnapshot, TransferTarget } from '../../src-common/protocol';
import { err, ok, type Result } from '../../src-common/result';
import { checkAgentSelection, type HeldWorkState, type Selection } from '../agents/agent-state';
import { iso, parseIso, type Clock } from '../clock';
import { DeadlineTimers } from './deadline-timers';
import { CustomerDirectory } from '../customers/customer-directory';
import type { HubLogger } from '../log';
import type { RoutingEngine, RoutingEffect } from '../routing/engine';
import type { HubStore, PresenceRow, UserRow, WorkItemRow } from '../storage/repositories';
import type { CenterCore } from './center-core';
import { EventStream } from './event-stream';
import type { OutboundCallRequest } from './outbound-call';
import { cancelOffersInFlight, newRoutingEngine, routingEngineFromStorage, syncUsersFromConfig } from './recovery';
import { recordPresence } from './presence';
import { agentConfigView, agentSnapshot, itemView, offerView, presenceView } from './views';
import { WorkLifecycle } from './work-lifecycle';
import type { WorkSubmission } from './work-item-rows';
import { DesktopReadinessTracker } from './desktop-readiness';
import { LiveStream } from './live-stream';
import { BacklogFeed } from './backlog-feed';
import { SupervisorFeed } from '../supervision/supervisor-feed';
import type { SupervisionPorts } from '../supervision/supervision-ops';
import { supervisionPortsOf } from './supervision-ports';
import { markUnreachable, restoreReady, setSystemNotReady } from './system-states';
import { recordCallQuality } from './call-quality-reports';
import type { CallQualitySummary } from '../../src-common/call-quality';

export type { WorkSubmission } from './work-item-rows';
export type { OutboundCallRequest } from './outbound-call';

export interface ContactCenterDeps {
  config: HubConfig;
  store: HubStore;
  clock: Clock;
  log: HubLogger;
  newId?: (prefix: string) => string;
}

const HOUR_MS = 3_600_000;
const OFFER_TIMER = 'offers';
const PRUNE_TIMER = 'prune-events';

export class ContactCenter {
  readonly events: EventStream;
  /** Derived state for connected desktops only (never stored): the queue backlog, typing. */
  readonly live = new LiveStream();
  readonly customers: CustomerDirectory;
  private engine: RoutingEngine;
  private readonly config: HubConfig;
  private readonly store: HubStore;
  private readonly clock: Clock;
  private readonly log: HubLogger;
  private readonly newId: (prefix: string) => string;
  private readonly timers: DeadlineTimers;
  private running = false;
  private depth = 0;
  private readonly work: WorkLifecycle;
  /** What each agent's desktop says it can do (a window, a registered phone). */
  readonly readiness: DesktopReadinessTracker;
  private readonly backlog: BacklogFeed;
  /** The live dashboard for connected supervisors (src-hub/supervision). */
  readonly supervision: SupervisorFeed;

  constructor(deps: ContactCenterDeps) {
    this.config = deps.config;
    this.store = deps.store;
    this.clock = deps.clock;
    this.log = deps.log;
    this.newId = deps.newId ?? ((prefix) => `${prefix}-${randomUUID()}`);
    this.timers = new DeadlineTimers(this.clock);
    this.events = new EventStream(this.store.events);
    this.customers = new CustomerDirectory(this.store.customers);
    this.engine = newRoutingEngine(this.config, () => this.newId('of'));
    this.work = new WorkLifecycle(this.core());
    this.readiness = new DesktopReadinessTracker(this, this.clock, this.config.readinessGraceSeconds * 1000, this.log);
    this.backlog = new BacklogFeed({ live: this.live, clock: this.clock, timers: this.timers, engine: () => this.engine }, this.config.queues.map((q) => q.id));
    this.supervision = new SupervisorFeed({
      live: this.live,
      clock: this.clock,
      timers: this.timers,
      roleOf: (userId) => this.user(userId)?.role ?? null,
      sources: () => ({ config: this.config, store: this.store, engine: this.engine }),
    });
  }

  /** The shared view the work lifecycle acts through: same storage, engine and transaction. */
  private core(): CenterCore {
    return {
      config: this.config,
      store: this.store,
      clock: this.clock,
      log: this.log,
      events: this.events,
      customers: this.customers,
      timers: this.timers,
      newId: (prefix) => this.newId(prefix),
      engine: () => this.engine,
      isRunning: () => this.running,
      run: (fn) => this.run(fn),
      apply: (effects, now) => this.apply(effects, now),
      dispatch: (now) => this.dispatch(now),
      refreshPresence: (agentId, now, cause, selection, missed) => this.refreshPresence(agentId, now, cause, selection, missed),
      ownedItem: (userId, itemId) => this.ownedItem(userId, itemId),
      mustGetItem: (id) => this.mustGetItem(id),
      canTakeWork: (agentId) => this.readiness.canTakeWork(agentId),
    };
  }

  /** What supervision acts through: the same storage, clock, engine and agent state changes. */
  /** An agent's finished call's quality (call-quality-reports.ts). */
  recordCallQuality(agentId: string, summary: CallQualitySummary): Result<null> {
    return recordCallQuality(this.store, agentId, summary, iso(this.clock.now()));
  }

  supervisionPorts(endSessionsOf?: (userId: string) => void): SupervisionPorts {
    return supervisionPortsOf(this.core(), this, endSessionsOf);
  }

  /** Loads users from the config and recovers work after a restart (offers in flight go back to the queue). */
  start(): void {
    const now = this.clock.now();
    this.running = true;
    this.run(() => {
      syncUsersFromConfig(this.store, this.config, now);
      cancelOffersInFlight(this.store, this.events, now);
      this.engine = this.engineFromStorage();
      this.work.resumeWrapUpTimers(this.store.items.listOpen(), parseIso);
      this.dispatch(now);
    });
    this.pruneEvents();
    this.log.info({ waiting: this.engine.queuedItemIds().length }, 'contact center started');
  }

  private engineFromStorage(): RoutingEngine {
    return routingEngineFromStorage(this.store, this.config, this.log, () => this.newId('of'));
  }

  stop(): void {
    this.running = false;
    this.timers.cancelAll();
    this.readiness.stop();
  }

  // ---- reads ----

  /**
   * A user of the current configuration. Users removed from the file stay in storage (their
   * history points at them) but can neither sign in nor use a token issued before removal.
   */
  /** Offers waiting for an agent's answer now (tools and benchmarks act as the agents). */
  pendingOffers(): { agentId: string; offerId: string }[] {
    return this.engine.pendingOffers().map((o) => ({ agentId: o.agentId, offerId: o.offerId }));
  }

  user(id: string): UserRow | null {
    return this.config.users.some((u) => u.id === id) ? this.store.users.byId(id) : null;
  }

  userByUsername(username: string): UserRow | null {
    const row = this.store.users.byUsername(username);
    return row && this.user(row.id) ? row : null;
  }

  configView(): AgentConfigView {
    return agentConfigView(this.config);
  }

  snapshot(userId: string): AgentSnapshot | null {
    return agentSnapshot(this.store, this.config, userId, this.backlog.forAgent(userId));
  }

  headSeq(): number {
    return this.store.events.headSeq();
  }

  waitingCount(): number {
    return this.engine.queuedItemIds().length;
  }

  /** Whether an item still waits for an agent (queued, or offered and not yet taken). */
  isWaiting(itemId: string): boolean {
    const state = this.store.items.get(itemId)?.state;
    return state === 'queued' || state === 'offered';
  }

  // ---- agent actions ----

  setState(userId: string, state: SelectableAgentState, reasonCode: string | null): Result<AgentPresence> {
    const presence = this.store.presence.get(userId);
    if (!presence) return err('not-found', 'Unknown agent.');
    const held = this.heldStates(userId);
    const checked = checkAgentSelection(state, reasonCode, held, this.config.reasonCodes.map((r) => r.id));
    if (!checked.ok) return checked;
    const now = this.clock.now();
    return this.run(() => {
      this.apply(this.engine.setSelected(userId, checked.value.selected, checked.value.reasonCode, now), now);
      const updated = this.refreshPresence(userId, now, 'agent', checked.value);
      this.dispatch(now);
      if (checked.value.selected === 'ready') this.readiness.choseReady(userId);
      return ok(presenceView(updated));
    });
  }

  /**
   * No desktop of this agent is connected any more (see agent-reachability.ts): an agent who
   * chose Ready or Not ready goes Offline, unless they still hold work.
   */
  markUnreachable(userId: string): 'offline' | 'holding-work' | 'unchanged' {
    return markUnreachable(this.core(), userId);
  }

  /** The hub's own Not Ready (a desktop that cannot take work): only an agent who is Ready now. */
  setSystemNotReady(userId: string, reasonCode: string): boolean {
    return this.running && setSystemNotReady(this.core(), userId, reasonCode);
  }

  restoreReady(userId: string): boolean {
    return this.running && restoreReady(this.core(), userId);
  }

  acceptOffer(userId: string, offerId: string): Result<ItemView> {
    const offer = this.store.offers.get(offerId);
    if (!offer) return err('not-found', 'This offer does not exist.');
    if (offer.agentId !== userId) return err('forbidden', 'This offer was made to another agent.');
    if (offer.outcome !== null) return err('conflict', `This offer is no longer open (${offer.outcome}).`);
    const accepted = this.engine.accept(offerId, userId);
    if (!accepted.ok) return accepted;
    const now = this.clock.now();
    return this.run(() => {
      this.store.offers.end(offerId, 'accepted', iso(now));
      const item = this.mustGetItem(offer.itemId);
      const updated: WorkItemRow = { ...item, state: 'accepted', agentId: userId, acceptedAt: iso(now) };
      this.store.items.save(updated);
      this.events.publish(userId, { kind: 'offer-revoked', offerId, itemId: item.id, agentId: userId, reason: 'accepted' }, iso(now));
      this.events.publish(userId, { kind: 'item', item: itemView(updated) }, iso(now));
      this.refreshPresence(userId, now, 'accepted');
      this.dispatch(now);
      return ok(itemView(updated));
    });
  }

  declineOffer(userId: string, offerId: string): Result<null> {
    const offer = this.store.offers.get(offerId);
    if (!offer) return err('not-found', 'This offer does not exist.');
    if (offer.agentId !== userId) return err('forbidden', 'This offer was made to another agent.');
    if (offer.outcome !== null) return err('conflict', `This offer is no longer open (${offer.outcome}).`);
    const now = this.clock.now();
    const declined = this.engine.decline(offerId, userId, now);
    if (!declined.ok) return declined;
    return this.run(() => {
      this.apply(declined.value, now);
      this.dispatch(now);
      return ok(null);
    });
  }

  endWork(userId: string, itemId: string): Result<ItemView> {
    return this.work.endWork(userId, itemId);
  }

  wrapUp(userId: string, itemId: string, disposition: string, notes: string): Result<ItemView> {
    return this.work.wrapUp(userId, itemId, disposition, notes);
  }

  /** Hands accepted work to another agent or a queue with a note (rules in ./transfer.ts). */
  transfer(userId: string, itemId: string, target: TransferTarget, note: string): Result<ItemView> {
    return this.work.transfer(userId, itemId, target, note);
  }

  /** A call being transferred to a colleague becomes that colleague's new item (./call-transfer.ts). */
  transferCall(userId: string, itemId: string, toAgentId: string, note: string): Result<{ itemId: string }> {
    return this.work.transferCall(userId, itemId, toAgentId, note);
  }

  /** A call the agent places from the desktop: a voice item accepted by them (work-lifecycle.ts). */
  startOutboundCall(userId: string, request: OutboundCallRequest): Result<ItemView> {
    return this.work.startOutboundCall(userId, request);
  }

  // ---- intake ----

  /** New work from any channel; channels reach it through intake.ts, never directly. */
  submitWork(sub: WorkSubmission): Result<WorkItem> {
    return this.work.submitWork(sub);
  }

  /** A supervisor moves waiting work to another queue or a named agent (./transfer.ts). */
  moveWaiting(itemId: string, target: TransferTarget): Result<ItemView> {
    return this.work.moveWaiting(itemId, target);
  }

  /** The customer left before an agent took the work (see WorkLifecycle.abandon). */
  abandon(itemId: string): Result<WorkItem> {
    return this.work.abandon(itemId);
  }

  // ---- internals ----

  /**
   * Runs several steps as one transaction (e.g. an action plus its idempotency record), so a
   * crash can never keep one without the other. Actions called inside join it.
   */
  atomically<T>(fn: () => T): T {
    return this.run(fn);
  }

  private run<T>(fn: () => T): T {
    // Only the outermost call commits, so only it hands events to subscribers: nobody must see
    // an event whose transaction could still roll back.
    const outermost = this.depth === 0;
    this.depth++;
    let out: T;
    try {
      out = this.store.transaction(fn);
    } catch (cause) {
      if (outermost) {
        this.events.discard();
        // The engine may have moved ahead of what was rolled back; storage is the truth.
        this.engine = this.engineFromStorage();
      }
      throw cause;
    } finally {
      this.depth--;
    }
    if (outermost) {
      this.events.flush();
      this.armOfferTimer();
      if (this.running) {
        this.backlog.maybeChanged();
        this.supervision.maybeChanged();
      }
    }
    return out;
  }

  private dispatch(now: number): void {
    this.apply(this.engine.dispatch(now), now);
  }

  private apply(effects: readonly RoutingEffect[], now: number): void {
    const at = iso(now);
    for (const e of effects) {
      if (e.kind === 'offered') {
        const item = this.mustGetItem(e.offer.itemId);
        const offered: WorkItemRow = { ...item, state: 'offered', agentId: e.offer.agentId, offeredAt: at };
        this.store.items.save(offered);
        const row = { id: e.offer.offerId, itemId: item.id, agentId: e.offer.agentId, offeredAt: at, expiresAt: iso(e.offer.expiresAt), outcome: null, endedAt: null };
        this.store.offers.insert(row);
        this.events.publish(e.offer.agentId, { kind: 'offer', offer: offerView(row, offered) }, at);
      } else if (e.kind === 'offer-ended') {
        this.store.offers.end(e.offer.offerId, e.reason, at);
        const item = this.store.items.get(e.offer.itemId);
        if (item && item.state === 'offered' && e.reason !== 'abandoned') this.store.items.save({ ...item, state: 'queued', agentId: null, offeredAt: null });
        this.events.publish(e.offer.agentId, { kind: 'offer-revoked', offerId: e.offer.offerId, itemId: e.offer.itemId, agentId: e.offer.agentId, reason: e.reason }, at);
      } else if (e.kind === 'agent-not-ready') {
        this.log.info({ agentId: e.agentId, missed: e.consecutiveMissed }, 'agent set not-ready after missed offers');
        this.refreshPresence(e.agentId, now, 'missed-offers', { selected: 'not-ready', reasonCode: e.reasonCode }, e.consecutiveMissed);
      } else {
        const p = this.store.presence.get(e.agentId);
        if (p) this.store.presence.save({ ...p, consecutiveMissed: e.consecutiveMissed });
      }
    }
  }

  /** Recomputes the derived presence; stores a transition and publishes it when it changed. */
  private refreshPresence(agentId: string, now: number, cause: string, selection?: Selection, missed?: number): PresenceRow {
    const held = this.heldStates(agentId);
    const engineMissed = this.engine.agentSelection(agentId)?.consecutiveMissed;
    return recordPresence(this.store, this.events, { agentId, now, cause, selection, held, missed: missed ?? engineMissed });
  }

  private heldStates(agentId: string): HeldWorkState[] {
    return this.store.items.listHeldBy(agentId).map((i) => (i.state === 'wrap-up' ? 'wrap-up' : 'accepted'));
  }

  private ownedItem(userId: string, itemId: string): Result<WorkItemRow> {
    const item = this.store.items.get(itemId);
    if (!item) return err('not-found', 'This work item does not exist.');
    if (item.agentId === userId && item.state === 'offered') return err('conflict', 'Accept the offer first.');
    if (item.agentId !== userId || (item.state !== 'accepted' && item.state !== 'wrap-up' && item.state !== 'done')) {
      return err('forbidden', 'This work item is assigned to another agent.');
    }
    return ok(item);
  }

  private mustGetItem(id: string): WorkItemRow {
    const item = this.store.items.get(id);
    if (!item) throw new Error(`work item ${id} vanished inside a transaction`);
    return item;
  }

  private armOfferTimer(): void {
    if (!this.running) return;
    const next = this.engine.nextDeadline(this.clock.now());
    if (next === null) this.timers.cancel(OFFER_TIMER);
    else this.timers.arm(OFFER_TIMER, next, () => this.onOfferDeadline());
  }

  private onOfferDeadline(): void {
    if (!this.running) return;
    const now = this.clock.now();
    try {
      this.run(() => {
        this.apply(this.engine.expireDue(now), now);
        this.dispatch(now);
      });
    } catch (cause) {
      this.log.error({ err: cause }, 'offer expiry failed');
    }
  }

  private pruneEvents(): void {
    if (!this.running) return;
    const now = this.clock.now();
    const retention = this.config.eventRetention;
    const removed = this.store.events.prune(iso(now - retention.maxAgeHours * HOUR_MS), retention.maxEvents);
    this.store.idempotency.prune(iso(now - retention.maxAgeHours * HOUR_MS));
    if (removed > 0) this.log.info({ removed }, 'pruned old events');
    this.timers.arm(PRUNE_TIMER, now + HOUR_MS, () => this.pruneEvents());
  }
}
