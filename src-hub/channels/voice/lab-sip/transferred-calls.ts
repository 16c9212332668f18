/**
 * Attended transfers with the item of the transfer target on the REFER (X-Centralita-Item, from
 * the hub op transferCall): the referee's INVITE with Replaces goes straight to the consulted
 * phone, which takes it at once, so it is forwarded statelessly; this keeps just enough of it
 * (our branch → Call-ID) to
 * tell the contact center how it went: the target's 200 OK accepts the item's offer, and the
 * caller's CANCEL or a refusal abandons it (nobody else can pick that call up later).
 */
import type { HubLogger } from '../../../log';
import type { VoiceRouter } from '../voice-router';

/** A transferred call that never got a final answer is forgotten after this long. */
const MEMORY_MS = 5 * 60_000;

export class TransferredCalls {
  private readonly byBranch = new Map<string, { callId: string; itemId: string; at: number }>();

  constructor(
    private readonly router: VoiceRouter,
    private readonly log: HubLogger,
    private readonly now: () => number,
  ) {}

  /** The referee's INVITE is about to go to the target: true when the item may ride on it. */
  begin(branch: string, callId: string, itemId: string): boolean {
    const adopted = this.router.adoptTransferredCall(callId, itemId);
    if (!adopted.ok) {
      this.log.warn({ callId, itemId, error: adopted.error }, 'lab SIP: transferred call forwarded without its item');
      return false;
    }
    const now = this.now();
    for (const [key, value] of this.byBranch) if (now - value.at > MEMORY_MS) this.byBranch.delete(key);
    this.byBranch.set(branch, { callId, itemId, at: now });
    return true;
  }

  /** A final answer from the target's phone on one of our branches. */
  onFinalResponse(branch: string, status: number): void {
    if (status >= 200) this.settle(branch, status);
  }

  /** The caller gave up before the target answered. */
  cancelled(branch: string): void {
    this.settle(branch, 487);
  }

  /** Answered (2xx) accepts the item's offer; anything else abandons it. */
  private settle(branch: string, status: number): void {
    const call = this.byBranch.get(branch);
    if (!call) return;
    this.byBranch.delete(branch);
    const result = status < 300 ? this.router.answered({ callId: call.callId }) : this.router.abandoned({ callId: call.callId });
    if (!result.ok) this.log.warn({ callId: call.callId, status, error: result.error }, 'lab SIP: could not report how a transferred call went');
  }
}
