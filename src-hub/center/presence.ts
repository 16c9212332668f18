/**
 * Presence bookkeeping: the derived state (agents/agent-state.ts) is stored, and every change
 * becomes a transition row (for metrics) and a presence event (for the agent's desktops).
 */
import { derivePresenceState, type HeldWorkState, type Selection } from '../agents/agent-state';
import { iso } from '../clock';
import type { HubStore, PresenceRow } from '../storage/repositories';
import type { EventStream } from './event-stream';
import { presenceView } from './views';

export interface PresenceChange {
  agentId: string;
  now: number;
  /** Why, as stored with the transition: agent, accepted, work-ended, wrap-up, missed-offers… */
  cause: string;
  /** A new selection; absent when only the agent's work changed. */
  selection?: Selection;
  held: readonly HeldWorkState[];
  /** Consecutive missed offers as routing counts them. */
  missed?: number;
}

export function recordPresence(store: HubStore, events: EventStream, change: PresenceChange): PresenceRow {
  const { agentId, now, cause } = change;
  const row = store.presence.get(agentId);
  if (!row) throw new Error(`no presence row for ${agentId}`);
  const sel = change.selection ?? { selected: row.selected, reasonCode: row.reasonCode };
  const state = derivePresenceState(sel.selected, change.held);
  const reasonChanged = state === 'not-ready' && (row.state !== 'not-ready' || row.reasonCode !== sel.reasonCode);
  const changed = state !== row.state || reasonChanged;
  const becameReady = sel.selected === 'ready' && row.selected !== 'ready';
  const updated: PresenceRow = {
    ...row,
    selected: sel.selected,
    reasonCode: sel.reasonCode,
    state,
    since: changed ? iso(now) : row.since,
    idleSince: becameReady ? iso(now) : row.idleSince,
    consecutiveMissed: becameReady ? 0 : (change.missed ?? row.consecutiveMissed),
  };
  store.presence.save(updated);
  if (changed) {
    store.presence.recordTransition({ agentId, fromState: row.state, toState: state, reasonCode: state === 'not-ready' ? sel.reasonCode : null, cause, at: iso(now) });
    events.publish(agentId, { kind: 'presence', presence: presenceView(updated) }, iso(now));
  }
  return updated;
}
