/**
 * Calls that belong to no work item this agent holds or is offered: a colleague's consultation or
 * transfer, a call placed from the dialpad without a hub item. They still need Answer / Decline and
 * a call panel, so they are listed apart from the item-bound calls.
 */
import type { Call } from '../../src-common/call';
import { liveCalls, type PhoneState } from './phone-state';

export function isLooseCall(call: Call, myItemIds: readonly string[]): boolean {
  return call.consultFor === null && (call.itemId === null || !myItemIds.includes(call.itemId));
}

/** Ringing calls no offer of mine explains, oldest first. */
export function looseRingingCalls(state: PhoneState, myItemIds: readonly string[]): Call[] {
  return liveCalls(state).filter((call) => call.state === 'ringing-in' && isLooseCall(call, myItemIds));
}

/** The connected (or connecting) loose call the workspace shows, if any. */
export function looseConnectedCall(state: PhoneState, myItemIds: readonly string[]): Call | null {
  return liveCalls(state).find((call) => call.state !== 'ringing-in' && isLooseCall(call, myItemIds)) ?? null;
}
