/**
 * What the parts of the contact center share: storage, the event stream, the routing engine and
 * the one transaction runner. ContactCenter owns these and hands this view to the work lifecycle
 * (work-lifecycle.ts), so each file keeps one concern and they still act as one single writer.
 */
import type { HubConfig } from '../../src-common/hub-config';
import type { Result } from '../../src-common/result';
import type { Selection } from '../agents/agent-state';
import type { Clock } from '../clock';
import type { CustomerDirectory } from '../customers/customer-directory';
import type { HubLogger } from '../log';
import type { RoutingEffect, RoutingEngine } from '../routing/engine';
import type { HubStore, PresenceRow, WorkItemRow } from '../storage/repositories';
import type { DeadlineTimers } from './deadline-timers';
import type { EventStream } from './event-stream';

export interface CenterCore {
  readonly config: HubConfig;
  readonly store: HubStore;
  readonly clock: Clock;
  readonly log: HubLogger;
  readonly events: EventStream;
  readonly customers: CustomerDirectory;
  readonly timers: DeadlineTimers;
  newId(prefix: string): string;
  /** The current routing engine (rebuilt from storage after a rolled-back transaction). */
  engine(): RoutingEngine;
  isRunning(): boolean;
  /** One transaction; nested calls join the outermost, which alone publishes events. */
  run<T>(fn: () => T): T;
  apply(effects: readonly RoutingEffect[], now: number): void;
  dispatch(now: number): void;
  /** Recomputes the derived presence; stores and publishes a transition when it changed. */
  refreshPresence(agentId: string, now: number, cause: string, selection?: Selection, missed?: number): PresenceRow;
  /** The item when `userId` holds it (accepted, wrap-up or done), else why not. */
  ownedItem(userId: string, itemId: string): Result<WorkItemRow>;
  mustGetItem(id: string): WorkItemRow;
  /** Whether the agent's desktop can show work and play its audio now (desktop-readiness.ts). */
  canTakeWork(agentId: string): boolean;
}
