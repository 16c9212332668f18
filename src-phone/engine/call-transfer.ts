/**
 * Our side of a transfer as the transferor: blind (REFER to an address) and attended (hold, call
 * the colleague, then REFER with Replaces to the consultation call). When the transferee's new call
 * lands we leave the call, and the consultation call ends as 'transferred', not as a hang-up.
 * The REFER and its NOTIFYs are refer-transfer.ts's; placing and holding calls is the engine's.
 */
import { SessionState, UserAgent, type Session, type URI } from 'sip.js';
import { err, ok } from '../../src-common/result';
import { NO_CALL_ID, type CallEntry, type CallTable, type CommandResult } from './call-table';
import { dialTargetToUri } from './dial-target';
import type { LocalConference } from './local-conference';
import type { PhoneLogger } from './phone-logger';
import { sendRefer } from './refer-transfer';
import { ITEM_HEADER } from './sip-hints';

/** What a transfer needs from the engine that owns the calls. */
export interface CallTransferDeps {
  table: CallTable;
  logger: PhoneLogger;
  conference: LocalConference;
  /** Our own address, to read a bare number as a SIP address on our domain. */
  aor: string;
  setHold(callId: string, hold: boolean): CommandResult;
  /** Places the consultation call, linked to the call being transferred. */
  dial(target: string, itemId: string | null, consultFor: string): CommandResult;
  hangup(callId: string): CommandResult;
}

export class CallTransfer {
  constructor(private readonly deps: CallTransferDeps) {}

  async blind(callId: string, target: string, itemId: string | undefined): CommandResult {
    const entry = this.deps.table.get(callId);
    if (!entry) return err('not-found', 'That call has already ended.');
    if (this.deps.conference.includes(callId)) await this.deps.conference.leave();
    const uriText = dialTargetToUri(target, this.deps.aor);
    const uri = uriText ? UserAgent.makeURI(uriText) : undefined;
    if (!uri) return err('bad-request', `"${target}" is not a number or SIP address to transfer to.`);
    return this.refer(entry, uri, { kind: 'blind', target: uri.toString() }, null, itemId);
  }

  async startAttended(callId: string, target: string): CommandResult {
    const entry = this.deps.table.get(callId);
    if (!entry || (entry.call.state !== 'active' && entry.call.state !== 'held')) return err('conflict', 'Only a connected call can be transferred.');
    if (entry.call.state === 'active') {
      const held = await this.deps.setHold(callId, true);
      if (!held.ok) return held;
    }
    return this.deps.dial(target, entry.call.itemId, callId);
  }

  async completeAttended(callId: string, consultCallId: string, itemId: string | undefined): CommandResult {
    const entry = this.deps.table.get(callId);
    const consult = this.deps.table.get(consultCallId);
    if (!entry || !consult) return err('not-found', 'One of the calls has already ended.');
    if (consult.session.state !== SessionState.Established) return err('conflict', 'The person you are transferring to has not answered yet.');
    return this.refer(entry, consult.session, { kind: 'attended', target: consult.call.remote.uri }, consult, itemId);
  }

  /** Sends REFER; when the transferee's new call lands we leave the call (and the consultation call). */
  private async refer(entry: CallEntry, target: Session | URI, progress: { kind: 'blind' | 'attended'; target: string }, consult: CallEntry | null, itemId: string | undefined): CommandResult {
    const { table, logger } = this.deps;
    const requested = table.update(entry, { type: 'transfer', progress: { ...progress, status: 'requested' } });
    if (!requested.ok) return requested;
    const status = (value: 'accepted' | 'failed'): void => {
      table.update(entry, { type: 'transfer', progress: { ...progress, status: value } });
    };
    // The transfer target's own work item rides on the REFER; the SIP server copies it onto the
    // transferee's INVITE so the target's phone and desktop know which item the call is.
    const extraHeaders = itemId ? [`${ITEM_HEADER}: ${itemId}`] : [];
    const sent = await sendRefer(entry.session, target, extraHeaders, {
      onAccepted: () => {
        status('accepted');
        // The consulted party usually hangs up the replaced consultation call before the transfer's
        // final NOTIFY reaches us: that BYE is the transfer working, not the colleague hanging up.
        if (consult) consult.endAs ??= { reason: 'transferred' };
      },
      onFailed: (reason) => {
        logger.log('warn', 'Transfer failed', { callId: entry.call.id, reason });
        status('failed');
        if (consult?.endAs?.reason === 'transferred') delete consult.endAs;
      },
      onLanded: () => {
        entry.endAs = { reason: 'transferred' };
        if (consult) consult.endAs = { reason: 'transferred' };
        void this.deps.hangup(entry.call.id);
      },
    });
    return sent.accepted ? ok(NO_CALL_ID) : err('conflict', sent.reason);
  }
}
