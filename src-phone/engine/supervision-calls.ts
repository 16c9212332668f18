/**
 * Voice supervision in the phone (contract: src-common/voice-supervision.ts).
 *
 * Agent's side: an INVITE carrying a grant never rings. It is announced to the desktop as a
 * `supervision-request`; the desktop has the hub redeem the grant and answers supervisionAccept
 * (answer without holding the customer, then mix) or supervisionRefuse (403). A mode change
 * arrives as a SIP INFO with a new grant and is answered the same way; its 200 or 403 tells the
 * supervisor's phone whether it took. When the customer's call ends the supervisor is hung up;
 * when the supervisor leaves, the customer's call gets the plain microphone back.
 *
 * Supervisor's side: the call they place carries the grant; a mode change sends an INFO.
 */
import { Invitation, SessionState, type Info } from 'sip.js';
import { err, ok } from '../../src-common/result';
import { SUPERVISION_INFO_CONTENT_TYPE, SupervisionGrant, type SupervisionStep, type VoiceSupervisionMode } from '../../src-common/voice-supervision';
import { answerCall } from './answer-call';
import { NO_CALL_ID, type CallEntry, type CallTable, type CommandResult } from './call-table';
import type { PhoneLogger } from './phone-logger';
import type { SupervisionMix, SupervisionMixFactory } from './supervision-mix';

/** How long a supervisor's call waits for the hub's word before it is refused (the desktop may be gone). */
export const SUPERVISION_DECISION_TIMEOUT_MS = 10_000;

export class SupervisionCalls {
  /** Agent's side: supervision call id → its mix (at most one supervisor per customer call is mixed). */
  private readonly mixes = new Map<string, { customerCallId: string; mix: SupervisionMix | null }>();
  /** Agent's side: a mode change waiting for the hub's word, by supervision call id. */
  private readonly pendingInfo = new Map<string, Info>();
  private readonly decisionTimers = new Map<string, ReturnType<typeof setTimeout>>();

  private readonly table: CallTable;
  private readonly logger: PhoneLogger;

  constructor(
    private readonly deps: {
      table: CallTable;
      logger: PhoneLogger;
      mixFactory: SupervisionMixFactory;
      hangup: (callId: string) => CommandResult;
      /** Attended transfer of a call onto another (REFER with Replaces), naming the target's item. */
      transferOnto: (callId: string, ontoCallId: string, itemId: string | null) => CommandResult;
    },
  ) {
    const { table, logger } = deps;
    this.table = table;
    this.logger = logger;
    table.onEvent((event) => {
      if (event.type !== 'call-removed' && !(event.type === 'call-updated' && (event.call.state === 'ending' || event.call.state === 'ended'))) return;
      const leaving = event.type === 'call-removed' ? event.callId : event.call.id;
      this.afterLeave(leaving);
    });
    table.infoListener = (entry, info) => this.onInfo(entry, info);
  }

  /** An INVITE with a grant: tracked as a supervision call and announced, never rung. */
  incoming(entry: CallEntry, grant: string): void {
    this.table.update(entry, { type: 'supervision', supervision: { side: 'agent', mode: null } });
    this.awaitDecision(entry.call.id);
    this.table.emit({ type: 'supervision-request', callId: entry.call.id, grant });
  }

  /** The hub accepted the grant: answer (first time), change the mix (a mode change), or hand the caller over. */
  async accept(callId: string, step: SupervisionStep, itemId: string | null, takeOverItemId: string | null = null): CommandResult {
    const entry = this.table.get(callId);
    if (!entry || entry.call.supervision?.side !== 'agent') return err('not-found', 'That supervision call has ended.');
    this.clearDecision(callId);
    const customer = this.customerCall(itemId, callId);
    if (!customer) {
      await this.refuse(callId);
      return err('conflict', 'There is no call to supervise any more.');
    }
    if (step === 'take-over') return this.handOver(entry, customer, takeOverItemId);
    const mode: VoiceSupervisionMode = step;
    if (entry.call.state === 'ringing-in' && entry.session instanceof Invitation) {
      this.table.update(entry, { type: 'answering' });
      try {
        await answerCall(entry, entry.session, this.table, this.logger);
      } catch (error) {
        this.logger.log('warn', 'Supervision call could not be answered', { error: String(error) });
        entry.endAs ??= { reason: 'failed' };
        return err('internal', 'The supervisor’s call could not be answered.');
      }
      this.mixes.set(callId, { customerCallId: customer.call.id, mix: null });
      const mix = await this.deps.mixFactory(
        {
          customer: { callId: customer.call.id, sessionDescriptionHandler: customer.session.sessionDescriptionHandler },
          supervisor: { callId, sessionDescriptionHandler: entry.session.sessionDescriptionHandler },
        },
        mode,
      );
      if (!mix.ok) {
        this.logger.log('warn', 'Supervision mix could not start', { error: mix.error.message });
        this.mixes.delete(callId);
        await this.deps.hangup(callId);
        return mix;
      }
      const slot = this.mixes.get(callId);
      // The supervisor (or the customer) may have hung up while the mix was being built.
      if (!slot) {
        await mix.value.end();
        return err('conflict', 'The supervision call ended while it was being connected.');
      }
      slot.mix = mix.value;
    } else {
      const slot = this.mixes.get(callId);
      slot?.mix?.setMode(mode);
      await this.pendingInfo.get(callId)?.accept();
      this.pendingInfo.delete(callId);
    }
    this.table.update(entry, { type: 'supervision', supervision: { side: 'agent', mode } });
    this.logger.log('info', 'Supervision mode set', { callId, mode });
    return ok(NO_CALL_ID);
  }

  /**
   * Take-over: the mode change is acknowledged, then the caller is transferred onto the
   * supervisor's call (their phone answers the INVITE with Replaces by itself); once it lands the
   * agent's call ends as transferred, and with it this agent's side of the supervision call.
   */
  private async handOver(entry: CallEntry, customer: CallEntry, takeOverItemId: string | null): CommandResult {
    const info = this.pendingInfo.get(entry.call.id);
    if (!info || entry.session.state !== SessionState.Established) return err('conflict', 'A call can only be taken over by a supervisor already on it.');
    this.pendingInfo.delete(entry.call.id);
    await info.accept();
    // The supervisor talks to the caller from now on: the mix gives way to the transfer.
    const slot = this.mixes.get(entry.call.id);
    slot?.mix?.setMode('barge');
    this.logger.log('info', 'Supervisor takes the call over', { callId: customer.call.id, supervisionCallId: entry.call.id });
    return this.deps.transferOnto(customer.call.id, entry.call.id, takeOverItemId);
  }

  /** The hub refused the grant (or nobody answered in time): 403 to the call or to its mode change. */
  async refuse(callId: string): CommandResult {
    this.clearDecision(callId);
    const entry = this.table.get(callId);
    if (!entry || entry.call.supervision?.side !== 'agent') return err('not-found', 'That supervision call has ended.');
    const info = this.pendingInfo.get(callId);
    if (info) {
      this.pendingInfo.delete(callId);
      await info.reject({ statusCode: 403 });
      return ok(NO_CALL_ID);
    }
    if (entry.session instanceof Invitation && entry.call.state === 'ringing-in') {
      entry.endAs = { reason: 'rejected', sipCode: 403 };
      await entry.session.reject({ statusCode: 403 });
    }
    return ok(NO_CALL_ID);
  }

  /**
   * Supervisor's side: asks for another mode (the call's mode changes when the agent's phone
   * says 200), or to take the call over (the caller's INVITE with Replaces then ends this call).
   */
  async switchMode(callId: string, grant: string, mode: SupervisionStep): CommandResult {
    const entry = this.table.get(callId);
    if (!entry || entry.call.supervision?.side !== 'supervisor' || entry.session.state !== SessionState.Established) {
      return err('conflict', 'Only a connected supervision call can change mode.');
    }
    const answer = await new Promise<number>((resolve) => {
      entry.session
        .info({
          requestOptions: { body: { contentDisposition: 'render', contentType: SUPERVISION_INFO_CONTENT_TYPE, content: grant } },
          requestDelegate: { onAccept: () => resolve(200), onReject: (response) => resolve(response.message.statusCode ?? 500) },
        })
        .catch(() => resolve(0));
    });
    if (answer !== 200) return err('forbidden', answer === 0 ? 'The mode change could not be sent.' : `The agent’s phone refused the mode change (${answer}).`);
    if (mode !== 'take-over') this.table.update(entry, { type: 'supervision', supervision: { side: 'supervisor', mode } });
    return ok(NO_CALL_ID);
  }

  private onInfo(entry: CallEntry, info: Info): void {
    const contentType = info.request.getHeader('Content-Type')?.split(';')[0]?.trim().toLowerCase();
    if (contentType !== SUPERVISION_INFO_CONTENT_TYPE) {
      void info.accept();
      return;
    }
    const grant = SupervisionGrant.safeParse((info.request.body ?? '').trim());
    if (entry.call.supervision?.side !== 'agent' || !grant.success || this.pendingInfo.has(entry.call.id)) {
      void info.reject({ statusCode: entry.call.supervision?.side === 'agent' && grant.success ? 491 : 403 });
      return;
    }
    this.pendingInfo.set(entry.call.id, info);
    this.awaitDecision(entry.call.id);
    this.table.emit({ type: 'supervision-request', callId: entry.call.id, grant: grant.data });
  }

  /** Feeds each running mix from another microphone; the ids of the calls whose audio it now carries. */
  replaceMicrophone(track: () => MediaStreamTrack): string[] {
    const carried: string[] = [];
    for (const [supervisionCallId, slot] of this.mixes) {
      if (!slot.mix) continue;
      slot.mix.replaceMicrophone(track());
      carried.push(supervisionCallId, slot.customerCallId);
    }
    return carried;
  }

  /** The customer's call the supervisor joins: the one of the grant's item, else the only other live call. */
  private customerCall(itemId: string | null, supervisionCallId: string): CallEntry | undefined {
    const live = this.table.entries().filter((candidate) => candidate.call.id !== supervisionCallId && !candidate.call.supervision && (candidate.call.state === 'active' || candidate.call.state === 'held'));
    return (itemId ? live.find((candidate) => candidate.call.itemId === itemId) : undefined) ?? (live.length === 1 ? live[0] : undefined);
  }

  private afterLeave(callId: string): void {
    this.clearDecision(callId);
    this.pendingInfo.delete(callId);
    const own = this.mixes.get(callId);
    if (own) {
      this.mixes.delete(callId);
      void own.mix?.end();
      return;
    }
    // The customer's call ended (hung up, transferred): the supervisor has nothing left to hear.
    for (const [supervisionCallId, slot] of this.mixes) {
      if (slot.customerCallId !== callId) continue;
      this.mixes.delete(supervisionCallId);
      void slot.mix?.end();
      void this.deps.hangup(supervisionCallId);
    }
  }

  private awaitDecision(callId: string): void {
    this.clearDecision(callId);
    this.decisionTimers.set(
      callId,
      setTimeout(() => {
        this.logger.log('warn', 'Supervision grant not decided in time; refused', { callId });
        void this.refuse(callId);
      }, SUPERVISION_DECISION_TIMEOUT_MS),
    );
  }

  private clearDecision(callId: string): void {
    clearTimeout(this.decisionTimers.get(callId));
    this.decisionTimers.delete(callId);
  }
}
