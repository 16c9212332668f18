/**
 * Our side of an incoming INVITE: refused at once (488) when its media cannot be answered here,
 * taken as a supervisor's call when it carries a grant, answered at once when it replaces a call
 * we hold (attended transfer towards us), otherwise tracked as ringing (with a 180, unless it is
 * auto-answered without delay) and auto-answered when the INVITE or the hub asks. Answering
 * itself is the engine's.
 */
import type { Invitation } from 'sip.js';
import { newCall, type AutoAnswerHint } from '../../src-common/call';
import { SUPERVISION_GRANT_HEADER, SupervisionGrant } from '../../src-common/voice-supervision';
import type { CallTable, CommandResult } from './call-table';
import type { HubAutoAnswer } from './hub-auto-answer';
import type { PhoneLogger } from './phone-logger';
import { incomingCallInfo, userPartOf } from './sip-hints';
import type { SupervisionCalls } from './supervision-calls';

/** What incoming calls need from the engine that owns the calls. */
export interface IncomingCallsDeps {
  table: CallTable;
  logger: PhoneLogger;
  hubAutoAnswer: HubAutoAnswer;
  supervision: SupervisionCalls;
  honourAutoAnswerHeaders: boolean;
  /** Why this media stack cannot answer an offer, or null (web-media.ts webRtcOfferProblem). */
  offerProblem(sdp: string): string | null;
  answer(callId: string): CommandResult;
  now(): Date;
  newId(): string;
}

export class IncomingCalls {
  constructor(private readonly deps: IncomingCallsDeps) {}

  handle(invitation: Invitation): void {
    const problem = invitation.body ? this.deps.offerProblem(invitation.body) : null;
    if (problem) {
      this.refuse(invitation, problem);
      return;
    }
    const info = incomingCallInfo((name) => invitation.request.getHeader(name), this.deps.honourAutoAnswerHeaders);
    const grant = SupervisionGrant.safeParse(invitation.request.getHeader(SUPERVISION_GRANT_HEADER)?.trim());
    const autoAnswer: AutoAnswerHint | null = grant.success ? null : (this.deps.hubAutoAnswer.take(info.itemId) ?? info.autoAnswer);
    const replacee = invitation.replacee;
    const replaced = replacee ? this.deps.table.entryOfSession(replacee) : undefined;
    // Ringback for the caller, except for a call answered right now (auto-answer without delay,
    // the target of an attended transfer): there a 180 only delays the 200 OK queued behind it.
    if (!replaced && autoAnswer?.delayMs !== 0) {
      invitation.progress().catch((error: unknown) => this.deps.logger.log('warn', '180 Ringing could not be sent', { error: String(error) }));
    }
    const identity = invitation.remoteIdentity;
    const entry = this.deps.table.track(
      invitation,
      newCall({
        id: this.deps.newId(),
        direction: 'inbound',
        remote: { uri: identity.uri.toString(), number: identity.uri.user ?? userPartOf(identity.uri.toString()), displayName: identity.displayName || null },
        startedAt: this.deps.now().toISOString(),
        itemId: info.itemId,
        autoAnswer,
      }),
    );
    invitation.delegate = {
      ...invitation.delegate,
      onCancel: (cancel) => {
        // RFC 3326: "cause=200" on CANCEL means another device of the same user answered.
        const answeredElsewhere = /cause=200\b/.test(cancel.request.getHeader('Reason') ?? '');
        entry.endAs ??= { reason: answeredElsewhere ? 'answered-elsewhere' : 'cancelled' };
      },
    };
    // A supervisor's call never rings: the desktop has the hub check its grant first.
    if (grant.success) {
      this.deps.supervision.incoming(entry, grant.data);
      return;
    }
    this.deps.table.emit({ type: 'incoming-call', call: entry.call, info: { ...info, autoAnswer } });

    // Attended transfer towards us: the INVITE replaces a call we hold, so it is answered at once (RFC 3891).
    if (replaced) {
      replaced.endAs = { reason: 'replaced' };
      void this.deps.answer(entry.call.id);
      return;
    }
    if (autoAnswer) {
      const pickUp = (): void => {
        void this.deps.answer(entry.call.id).then((result) => {
          if (!result.ok) this.deps.logger.log('warn', 'Auto-answer failed', { callId: entry.call.id, error: result.error.message });
        });
      };
      // No delay asked: answer now; a zero timer would only add a turn of the event loop.
      if (autoAnswer.delayMs === 0) pickUp();
      else entry.autoAnswerTimer = setTimeout(pickUp, autoAnswer.delayMs);
    }
  }

  /**
   * An offer this phone cannot answer: 488 at once (the SIP server offers the call to someone
   * else; the hub does not count it as a missed offer), and the reason in the log and the UI.
   */
  private refuse(invitation: Invitation, problem: string): void {
    const from = invitation.remoteIdentity.uri.user ?? invitation.remoteIdentity.uri.toString();
    this.deps.logger.log('warn', 'Incoming call refused: its media cannot be answered', { from, problem });
    void invitation.reject({ statusCode: 488, reasonPhrase: 'Not Acceptable Here' }).catch((error: unknown) => {
      this.deps.logger.log('warn', '488 could not be sent', { error: String(error) });
    });
    this.deps.table.emit({ type: 'error', callId: null, code: 'media-incompatible', remote: from.slice(0, 200), message: `A call from ${from} could not be answered here: ${problem}. It was refused (488) and goes to another agent.`.slice(0, 500) });
  }
}
