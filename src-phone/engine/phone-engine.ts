/**
 * The phone engine: several calls on one SIP.js UserAgent (API layer, not SimpleUser, which holds
 * one call), exposed as our call model (src-common/call.ts) through a typed command/event API.
 * Transport and media are injected: the browser passes SIP.js's WebSocket transport and our WebRTC
 * handler factory (web-media.ts); unit tests pass an in-memory transport and a fake handler.
 *
 * Calls never see SIP.js states outside this file and call-table.ts (the books: sessions → our
 * call model, every change through `applyCallEvent`).
 */
import { Invitation, Inviter, SessionState, UserAgent, type Session, type SessionDescriptionHandlerFactory, type URI, type UserAgentOptions } from 'sip.js';
import { Call, type CallEndReason } from '../../src-common/call';
import { PhoneCommand, PhoneConfig, type PhoneConfigInput, type ReconnectReason } from '../../src-common/phone-contract';
import { err, ok, type Result } from '../../src-common/result';
import { AUDIO_ONLY, CallTable, NO_CALL_ID, type CommandResult, type PhoneListener } from './call-table';
import { CallTransfer } from './call-transfer';
import { dialTargetToUri } from './dial-target';
import { sendDtmfDigits } from './dtmf-sender';
import { RingBufferPhoneLogger, type PhoneLogger } from './phone-logger';
import { sendHoldReInvite } from './hold-reinvite';
import { RegistrationKeeper } from './registration-keeper';
import { IncomingCalls } from './incoming-calls';
import { AnswerRefusedError, answerCall } from './answer-call';
import { restartCallMedia } from './ice-restart';
import { HubAutoAnswer } from './hub-auto-answer';
import { ITEM_HEADER } from './sip-hints';
import { applyTrackSwitches } from './web-media';
import type { ConferenceBridgeFactory } from './conference-bridge';
import { LocalConference } from './local-conference';
import { SipTrace } from './sip-trace';
import { createSipUserAgent } from './sip-user-agent';
import { webAudioConferenceBridge } from './webaudio-conference';
import { SupervisionCalls } from './supervision-calls';
import type { SupervisionMixFactory } from './supervision-mix';
import { webAudioSupervisionMix } from './webaudio-supervision';
import { SUPERVISION_GRANT_HEADER, type VoiceSupervisionMode } from '../../src-common/voice-supervision';

/** How the phone learnt that its SIP connection leads nowhere (see `onConnectionLeadsNowhere`). */
export type DeadConnectionSign = 'sip-link' | ReconnectReason;

export interface PhoneEngineOptions {
  config: PhoneConfigInput;
  sessionDescriptionHandlerFactory: SessionDescriptionHandlerFactory;
  /** Defaults to SIP.js's WebSocket transport. */
  transportConstructor?: UserAgentOptions['transportConstructor'];
  /** Defaults to `{ server: config.serverUrl }`. */
  transportOptions?: object;
  logger?: PhoneLogger;
  /** Mixes a 3-way conference; defaults to the WebAudio mix (webaudio-conference.ts). */
  conferenceBridgeFactory?: ConferenceBridgeFactory;
  /**
   * Why an inbound offer cannot be answered with this media stack (web-media.ts
   * webRtcOfferProblem for browsers); such calls are refused with 488 instead of ringing.
   */
  offerProblem?: (sdp: string) => string | null;
  /**
   * Trace the SIP messages of calls (sip-trace.ts) and report them (`sip-trace`) when the last
   * call ends, for diagnostics. Needs SIP.js's own transport (its trace is what is kept).
   */
  traceSip?: boolean;
  /** Mixes a supervisor into the agent's call; defaults to the WebAudio mix (webaudio-supervision.ts). */
  supervisionMixFactory?: SupervisionMixFactory;
  /**
   * The SIP connection leads nowhere, as of `since`: it left a check unanswered (`sip-link`,
   * sip-link-check.ts), or the desktop said so with the `reconnect` command: the SIP server could
   * not reach the phone (`not-reached`), or the route to the SIP server left the address the
   * connection was opened on (`route-moved`). The page host treats it as a network change
   * (its prepared media goes too); by default the engine only replaces the connection and moves
   * live calls over.
   */
  onConnectionLeadsNowhere?: (why: DeadConnectionSign, since: number) => void;
  now?: () => Date;
  newId?: () => string;
}

export class PhoneEngine {
  private readonly table: CallTable;
  private readonly userAgent: UserAgent;
  private readonly registration: RegistrationKeeper;
  private readonly logger: PhoneLogger;
  private readonly now: () => Date;
  private readonly newId: () => string;
  private readonly hubAutoAnswer: HubAutoAnswer;
  private readonly conference: LocalConference;
  private readonly transfer: CallTransfer;
  private readonly supervision: SupervisionCalls;
  private readonly incoming: IncomingCalls;
  /** One way for every sign that the SIP connection leads nowhere (PhoneEngineOptions). */
  private readonly connectionLeadsNowhere: (why: DeadConnectionSign, since: number) => void;

  /** Validates the config (a wrong address is the agent's or IT's to fix, so it comes back as a value). */
  static create(options: PhoneEngineOptions): Result<PhoneEngine> {
    const parsed = PhoneConfig.safeParse(options.config);
    if (!parsed.success) return err('bad-request', `Phone settings are invalid: ${parsed.error.issues[0]?.message ?? 'unknown problem'}`);
    const uri = UserAgent.makeURI(parsed.data.aor);
    if (!uri) return err('bad-request', 'Phone settings are invalid: the SIP address cannot be read.');
    return ok(new PhoneEngine(parsed.data, uri, options));
  }

  private constructor(
    readonly config: PhoneConfig,
    uri: URI,
    options: PhoneEngineOptions,
  ) {
    this.logger = options.logger ?? new RingBufferPhoneLogger();
    this.now = options.now ?? (() => new Date());
    this.newId = options.newId ?? (() => crypto.randomUUID());
    this.connectionLeadsNowhere = options.onConnectionLeadsNowhere ?? ((_why, since) => this.recoverAfterNetworkChange(since));
    this.table = new CallTable(this.logger, this.now, this.newId);
    const trace = options.traceSip ? new SipTrace() : null;
    if (trace) {
      // The trace follows the calls; when the last one ends, it is reported for diagnostics.
      this.table.onEvent((event) => {
        const text = trace.onEvent(event);
        if (text) this.table.emit({ type: 'sip-trace', text });
      });
    }
    this.hubAutoAnswer = new HubAutoAnswer(() => this.now().getTime());
    this.conference = new LocalConference(this.table, this.logger, options.conferenceBridgeFactory ?? webAudioConferenceBridge, (callId) => this.setHold(callId, false));
    this.transfer = new CallTransfer({
      table: this.table,
      logger: this.logger,
      conference: this.conference,
      aor: config.aor,
      setHold: (callId, hold) => this.setHold(callId, hold),
      dial: (target, itemId, consultFor) => this.dial(target, itemId, consultFor),
      hangup: (callId) => this.hangup(callId),
    });
    this.supervision = new SupervisionCalls({
      table: this.table,
      logger: this.logger,
      mixFactory: options.supervisionMixFactory ?? webAudioSupervisionMix,
      hangup: (callId) => this.hangup(callId),
      transferOnto: (callId, supervisionCallId, itemId) => this.transfer.completeAttended(callId, supervisionCallId, itemId ?? undefined),
    });
    this.incoming = new IncomingCalls({
      table: this.table,
      logger: this.logger,
      hubAutoAnswer: this.hubAutoAnswer,
      supervision: this.supervision,
      honourAutoAnswerHeaders: config.honourAutoAnswerHeaders,
      offerProblem: options.offerProblem ?? (() => null),
      answer: (callId) => this.answer(callId),
      now: this.now,
      newId: this.newId,
    });
    this.userAgent = createSipUserAgent({ uri, config, options, trace, logger: this.logger, now: this.now, onInvite: (invitation) => this.incoming.handle(invitation) });
    this.registration = new RegistrationKeeper(this.userAgent, {
      expiresSec: config.registerExpiresSec,
      reconnectMaxDelayMs: config.reconnectMaxDelayMs,
      logger: this.logger,
      onChange: (snapshot) => this.table.emit({ type: 'registration', ...snapshot }),
      onReconnected: () => this.moveCallsToNewConnection(),
      onLinkSilent: (sentAt) => this.connectionLeadsNowhere('sip-link', sentAt),
    });
  }

  /** Listens to phone events; returns the function that stops listening. */
  onEvent(listener: PhoneListener): () => void {
    return this.table.onEvent(listener);
  }

  listCalls(): Call[] {
    return this.table.entries().map((entry) => entry.call);
  }

  /** The host saw the clock jump (sleep, a frozen page): make sure calls can reach us again. */
  recoverAfterWake(): void {
    this.registration.recoverAfterWake(this.table.entries().length > 0);
  }

  /**
   * The host saw the network change under the phone (the browser went online again, the
   * connection type changed, a call's media path failed) at `since` (epoch ms): a new connection
   * to the SIP server unless one was opened after that, and live calls follow it
   * (moveCallsToNewConnection).
   */
  recoverAfterNetworkChange(since: number): void {
    this.registration.reconnectNow(since);
  }

  /**
   * After any reconnect (a network change, a SIP server restart) each answered call re-INVITEs
   * with an ICE restart: its media finds the path the network has now, and the SIP server learns
   * the new connection the far end's requests must take (the old one is gone).
   */
  private moveCallsToNewConnection(): void {
    for (const entry of this.table.entries()) {
      if (entry.call.state !== 'active' && entry.call.state !== 'held') continue;
      this.logger.log('info', 'moving a call to the new connection (ICE restart)', { callId: entry.call.id });
      void restartCallMedia(entry.session, this.logger);
    }
  }

  registrationState(): ReturnType<RegistrationKeeper['current']> {
    return this.registration.current();
  }

  /**
   * The host switched microphone mid-call: a conference's or a supervision's mix takes a track
   * from `track` and goes on; the ids returned are the calls whose senders the host leaves alone.
   */
  useMicrophoneInMixes(track: () => MediaStreamTrack): string[] {
    return [...this.conference.replaceMicrophone(track), ...this.supervision.replaceMicrophone(track)];
  }

  /** The host heard a DTMF digit in a call's far-end audio. */
  dtmfHeard(callId: string, digit: string): void {
    this.table.dtmfReceived(callId, digit, 'audio');
  }

  /** The SIP.js session of a call, for media access (getStats, audio element) by the host. */
  sessionOf(callId: string): Session | undefined {
    return this.table.get(callId)?.session;
  }

  async start(): Promise<void> {
    await this.registration.start();
  }

  /** Hangs up every call, unregisters and disconnects (on quit or sign-out). */
  async stop(): Promise<void> {
    await Promise.all(this.table.entries().map((entry) => this.hangup(entry.call.id)));
    await this.registration.stop();
  }

  /** Runs one command; the input is validated here because it crosses a boundary (UI, IPC). */
  async execute(input: unknown): CommandResult {
    const parsed = PhoneCommand.safeParse(input);
    if (!parsed.success) return err('bad-request', parsed.error.issues[0]?.message ?? 'Unknown phone command.');
    const command = parsed.data;
    switch (command.type) {
      case 'register':
        this.registration.register();
        return ok(NO_CALL_ID);
      case 'unregister':
        await this.registration.unregister();
        return ok(NO_CALL_ID);
      case 'reconnect':
        this.connectionLeadsNowhere(command.why, command.since);
        return ok(NO_CALL_ID);
      case 'dial':
        return this.dial(command.target, command.itemId, null);
      case 'answer':
        return this.answer(command.callId);
      case 'reject':
        return this.reject(command.callId, command.sipCode);
      case 'hangup':
        return this.hangup(command.callId);
      case 'hold':
        return this.setHold(command.callId, true);
      case 'resume':
        return this.setHold(command.callId, false);
      case 'mute':
        return this.setMuted(command.callId, true);
      case 'unmute':
        return this.setMuted(command.callId, false);
      case 'sendDtmf':
        return this.sendDtmf(command.callId, command.digits);
      case 'blindTransfer':
        return this.transfer.blind(command.callId, command.target, command.itemId);
      case 'attendedTransferStart':
        return this.transfer.startAttended(command.callId, command.target);
      case 'attendedTransferComplete':
        return this.transfer.completeAttended(command.callId, command.consultCallId, command.itemId);
      case 'conference':
        return this.conference.start(command.callIds[0], command.callIds[1]);
      case 'autoAnswerNext':
        this.hubAutoAnswer.arm(command.itemId, command.delayMs, command.validForMs);
        return ok(NO_CALL_ID);
      case 'superviseDial':
        return this.dial(command.target, null, null, { grant: command.grant, mode: command.mode });
      case 'superviseSwitch':
        return this.supervision.switchMode(command.callId, command.grant, command.mode);
      case 'supervisionAccept':
        return this.supervision.accept(command.callId, command.mode, command.itemId, command.takeOverItemId);
      case 'supervisionRefuse':
        return this.supervision.refuse(command.callId);
    }
  }

  // ---- outbound -------------------------------------------------------------------------

  private async dial(target: string, itemId: string | null, consultFor: string | null, supervise?: { grant: string; mode: VoiceSupervisionMode }): CommandResult {
    const uriText = dialTargetToUri(target, this.config.aor);
    const uri = uriText ? UserAgent.makeURI(uriText) : undefined;
    if (!uri) return err('bad-request', `"${target}" is not a number or SIP address that can be called.`);
    if (!this.userAgent.isConnected()) return err('unavailable', 'The phone is not connected to the SIP server.');
    await this.holdOtherCalls(null);
    const extraHeaders = [...(itemId ? [`${ITEM_HEADER}: ${itemId}`] : []), ...(supervise ? [`${SUPERVISION_GRANT_HEADER}: ${supervise.grant}`] : [])];
    // earlyMedia: a 183 with SDP (a PBX's announcement, a carrier's ringback) is played at once,
    // not thrown away until the 200. SIP.js takes the first early dialog only (a forked INVITE
    // plays one of them), which is what a desk phone does too.
    const inviter = new Inviter(this.userAgent, uri, { extraHeaders, sessionDescriptionHandlerOptions: AUDIO_ONLY, earlyMedia: true });
    const entry = this.table.trackOutbound(inviter, uri, { itemId, consultFor, supervision: supervise ? { side: 'supervisor', mode: supervise.mode } : null });
    inviter
      .invite({
        requestDelegate: {
          onProgress: (response) => {
            const code = response.message.statusCode ?? 0;
            if (code === 180 || code === 183) this.table.update(entry, { type: 'progress' });
          },
          onReject: (response) => {
            const code = response.message.statusCode ?? 500;
            const reason: CallEndReason = code === 408 || code === 480 ? 'no-answer' : 'refused';
            entry.endAs ??= { reason, sipCode: code };
          },
        },
      })
      .catch((error: unknown) => {
        this.logger.log('warn', 'INVITE could not be sent', { error: String(error) });
        entry.endAs ??= { reason: 'failed' };
      });
    return ok({ callId: entry.call.id });
  }

  private async answer(callId: string): CommandResult {
    const entry = this.table.get(callId);
    if (!entry || !(entry.session instanceof Invitation)) return err('not-found', 'That call is no longer ringing.');
    if (entry.call.state !== 'ringing-in') return err('conflict', 'That call is no longer ringing.');
    clearTimeout(entry.autoAnswerTimer);
    // Call waiting: the call we were on goes on hold before the new one connects.
    await this.holdOtherCalls(callId);
    this.table.update(entry, { type: 'answering' });
    try {
      await answerCall(entry, entry.session, this.table, this.logger);
      return ok({ callId });
    } catch (error) {
      this.logger.log('warn', 'Answer failed', { callId, error: String(error) });
      entry.endAs ??= { reason: 'failed' };
      if (error instanceof AnswerRefusedError) return err('internal', `The call was answered but its audio could not start, so it was hung up: ${error.message}.`);
      return err('internal', 'The call could not be answered (microphone or network problem).');
    }
  }

  private async reject(callId: string, sipCode: number): CommandResult {
    const entry = this.table.get(callId);
    if (!entry || !(entry.session instanceof Invitation) || entry.call.state !== 'ringing-in') return err('conflict', 'Only a ringing call can be rejected.');
    clearTimeout(entry.autoAnswerTimer);
    entry.endAs = { reason: 'rejected', sipCode };
    await entry.session.reject({ statusCode: sipCode });
    return ok(NO_CALL_ID);
  }

  // ---- in-call --------------------------------------------------------------------------

  private async hangup(callId: string): CommandResult {
    const entry = this.table.get(callId);
    if (!entry) return err('not-found', 'That call has already ended.');
    const session = entry.session;
    entry.endAs ??= { reason: 'local-hangup' };
    try {
      if (session.state === SessionState.Established) await session.bye();
      else if (session instanceof Inviter && (session.state === SessionState.Initial || session.state === SessionState.Establishing)) await session.cancel();
      else if (session instanceof Invitation && session.state !== SessionState.Terminated && session.state !== SessionState.Terminating) {
        entry.endAs = { reason: 'rejected', sipCode: 486 };
        await session.reject({ statusCode: 486 });
      }
      return ok(NO_CALL_ID);
    } catch (error) {
      this.logger.log('warn', 'Hang-up failed', { callId, error: String(error) });
      return err('internal', 'The call could not be hung up cleanly.');
    }
  }

  private async setHold(callId: string, hold: boolean): CommandResult {
    const entry = this.table.get(callId);
    if (!entry) return err('not-found', 'That call has already ended.');
    // Holding one side of a conference splits it first: the held party must not hear the other.
    if (hold && this.conference.includes(callId)) await this.conference.leave();
    const requested = this.table.update(entry, { type: hold ? 'hold-requested' : 'resume-requested' });
    if (!requested.ok) return requested;
    const outcome = await sendHoldReInvite(entry.session, hold);
    if (outcome.outcome === 'accepted') {
      this.table.update(entry, { type: hold ? 'hold-confirmed' : 'resume-confirmed' });
      applyTrackSwitches(entry.session.sessionDescriptionHandler, { muted: entry.call.muted, held: hold });
      return ok(NO_CALL_ID);
    }
    this.table.update(entry, { type: 'hold-failed' });
    if (outcome.outcome === 'rejected') return err('conflict', `The other side refused to ${hold ? 'hold' : 'resume'} the call (${outcome.statusCode}).`);
    this.logger.log('warn', 'Hold re-INVITE failed', { callId, error: outcome.error });
    return err('conflict', `The call could not be ${hold ? 'held' : 'resumed'} right now; try again.`);
  }

  private async setMuted(callId: string, muted: boolean): CommandResult {
    const entry = this.table.get(callId);
    if (!entry) return err('not-found', 'That call has already ended.');
    if (this.conference.includes(callId)) return this.conference.setMuted(muted);
    const result = this.table.update(entry, { type: 'muted', on: muted });
    if (!result.ok) return result;
    applyTrackSwitches(entry.session.sessionDescriptionHandler, { muted, held: entry.call.state === 'held' });
    return ok(NO_CALL_ID);
  }

  private async sendDtmf(callId: string, digits: string): CommandResult {
    const entry = this.table.get(callId);
    if (!entry || entry.call.state !== 'active') return err('conflict', 'Digits can only be sent on a connected call.');
    try {
      await sendDtmfDigits(entry.session, digits, { mode: this.config.dtmfMode, durationMs: this.config.dtmfDurationMs, logger: this.logger });
      this.table.update(entry, { type: 'dtmf-sent', digits });
      return ok(NO_CALL_ID);
    } catch (error) {
      this.logger.log('warn', 'DTMF failed', { callId, error: String(error) });
      return err('internal', 'The digits could not be sent.');
    }
  }

  // ---- helpers ------------------------------------------------------------------------

  /** Holds every other live call (call waiting, new outbound call, consultation). */
  private async holdOtherCalls(exceptCallId: string | null): Promise<void> {
    // A supervisor listening to this agent is not a call of theirs to hold.
    const active = this.table.entries().filter((other) => other.call.id !== exceptCallId && other.call.state === 'active' && !other.call.holdPending && other.call.supervision?.side !== 'agent');
    await Promise.all(active.map((other) => this.setHold(other.call.id, true)));
  }
}
