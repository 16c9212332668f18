/**
 * The agent state machine, as pure functions.
 *
 * An agent *selects* one of ready / not-ready (with a reason) / offline. What everyone else
 * sees (the presence state) is derived from that selection and the agent's work:
 *   offline                      when the agent selected offline
 *   busy                         while the agent has accepted work
 *   after-call-work              while all the agent's remaining work is in wrap-up
 *   ready | not-ready(reason)    otherwise, as selected
 * So busy and after-call-work are entered and left by the hub only (accept, end of work,
 * wrap-up submitted or timed out). Choosing not-ready while busy is allowed and takes effect
 * as "no new offers"; the agent shows busy until the work is done, then not-ready.
 *
 * Who may do what:
 *   - the agent: ready, not-ready with a configured reason (never the hub's "missed"), and
 *     offline only when they hold no work;
 *   - the hub: not-ready "missed" after too many expired offers, and the derived busy/ACW.
 */
import type { AgentState, SelectableAgentState } from '../../src-common/domain';
import { MISSED_REASON } from '../../src-common/domain';
import { err, ok, type Result } from '../../src-common/result';

export interface Selection {
  selected: SelectableAgentState;
  reasonCode: string | null;
}

export type HeldWorkState = 'accepted' | 'wrap-up';

export function derivePresenceState(selected: SelectableAgentState, held: readonly HeldWorkState[]): AgentState {
  if (selected === 'offline') return 'offline';
  if (held.includes('accepted')) return 'busy';
  if (held.includes('wrap-up')) return 'after-call-work';
  return selected;
}

/** Reason shown with the presence: only meaningful while the derived state is not-ready. */
export function presenceReason(state: AgentState, selection: Selection): string | null {
  return state === 'not-ready' ? selection.reasonCode : null;
}

/**
 * Validates a selection made by the agent. Returns the normalised selection (reason dropped
 * for ready/offline) or an error the agent can read.
 */
export function checkAgentSelection(
  target: SelectableAgentState,
  reasonCode: string | null,
  held: readonly HeldWorkState[],
  configuredReasons: readonly string[],
): Result<Selection> {
  if (target === 'not-ready') {
    if (!reasonCode) return err('bad-request', 'Choose a reason for not-ready.');
    if (reasonCode === MISSED_REASON) return err('forbidden', 'The "missed" reason is set by the hub only.');
    if (!configuredReasons.includes(reasonCode)) return err('bad-request', `Unknown reason code "${reasonCode}".`);
    return ok({ selected: 'not-ready', reasonCode });
  }
  if (target === 'offline' && held.length > 0) {
    return err('conflict', 'Finish and wrap up your open work before signing off.');
  }
  return ok({ selected: target, reasonCode: null });
}

/** The hub's own transition after too many expired offers; only an agent who is ready. */
export function missedOffersSelection(current: Selection): Selection | null {
  return current.selected === 'ready' ? { selected: 'not-ready', reasonCode: MISSED_REASON } : null;
}
