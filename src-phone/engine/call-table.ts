/**
 * The calls a phone engine holds, as our call model: each SIP.js session is tracked here, its
 * session events and state changes become `applyCallEvent` steps, and every change is emitted to
 * the engine's listeners. The engine (phone-engine.ts) decides what to do; this table keeps the
 * books, so SIP.js states never leak past these two files.
 */
import { Invitation, SessionState, type Info, type Inviter, type Session, type URI } from 'sip.js';
import { applyCallEvent, newCall, type Call, type CallSupervision, type CallEndReason, type CallEvent } from '../../src-common/call';
import { type PhoneCommandResult, type PhoneEvent } from '../../src-common/phone-contract';
import { ok, type Result } from '../../src-common/result';
import type { PhoneLogger } from './phone-logger';
import { dtmfFromInfo, sdpPutsUsOnHold } from './sip-hints';
import { applyTrackSwitches } from './web-media';
import { AUDIO_ONLY } from './phone-media-handler';

export interface CallEntry {
  call: Call;
  session: Session;
  /** Why the call is ending, recorded by whoever knows it before SIP.js reports Terminated. */
  endAs?: { reason: CallEndReason; sipCode?: number };
  autoAnswerTimer?: ReturnType<typeof setTimeout>;
}

export type PhoneListener = (event: PhoneEvent) => void;

export { AUDIO_ONLY };
export const NO_CALL_ID: PhoneCommandResult = { callId: null };
export type CommandResult = Promise<Result<PhoneCommandResult>>;

export class CallTable {
  private readonly calls = new Map<string, CallEntry>();
  private readonly listeners = new Set<PhoneListener>();
  /** Who reads in-dialog INFO requests (supervision mode changes); without one they are accepted. */
  infoListener: ((entry: CallEntry, info: Info) => void) | null = null;

  constructor(
    private readonly logger: PhoneLogger,
    private readonly now: () => Date,
    private readonly newId: () => string,
  ) {}

  onEvent(listener: PhoneListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get(callId: string): CallEntry | undefined {
    return this.calls.get(callId);
  }

  entries(): CallEntry[] {
    return [...this.calls.values()];
  }

  track(session: Session, call: Call): CallEntry {
    const entry: CallEntry = { call, session };
    this.calls.set(call.id, entry);
    session.delegate = {
      ...session.delegate,
      onAck: () => {
        // An inbound call is connected when the caller's ACK arrives, not when our 200 OK leaves:
        // a hold re-INVITE sent before the ACK (RFC 3261 §14.2 forbids it) makes SIP.js drop the call.
        if (entry.call.state === 'connecting') this.update(entry, { type: 'established', at: this.now().toISOString() });
      },
      // A delegate that takes onBye must answer the BYE itself (SIP.js sends no 200 OK for it),
      // or the far end retransmits until its timer fires and keeps the dialog 32 s.
      onBye: (bye) => {
        entry.endAs ??= { reason: 'remote-hangup' };
        void bye.accept();
      },
      onInvite: (request, _response, statusCode) => {
        if (statusCode === 200 && request.body) this.update(entry, { type: 'remote-hold', on: sdpPutsUsOnHold(request.body) });
      },
      onInfo: (info) => {
        const digit = dtmfFromInfo(info.request.getHeader('Content-Type'), info.request.body);
        if (digit) {
          void info.accept();
          this.dtmfReceived(entry.call.id, digit, 'INFO');
        } else if (this.infoListener) this.infoListener(entry, info);
        else void info.accept();
      },
      onRefer: (referral) => {
        // We are the transferee: accept, call the new target, and let the transferor end this call.
        void referral.accept().then(() => {
          entry.endAs ??= { reason: 'transferred' };
          const inviter = referral.makeInviter({ sessionDescriptionHandlerOptions: AUDIO_ONLY });
          this.trackOutbound(inviter, inviter.remoteIdentity.uri, { itemId: entry.call.itemId });
          void inviter.invite().catch((error: unknown) => {
            this.logger.log('warn', 'Referred INVITE failed', { error: String(error) });
          });
        });
      },
    };
    session.stateChange.addListener((state) => this.handleSessionState(entry, state));
    return entry;
  }

  /** Tracks a call we place (dialled, consultation, or the new leg of a transfer) and announces it. */
  trackOutbound(inviter: Inviter, uri: URI, links: { itemId: string | null; consultFor?: string | null; supervision?: CallSupervision | null }): CallEntry {
    const entry = this.track(
      inviter,
      newCall({
        id: this.newId(),
        direction: 'outbound',
        remote: { uri: uri.toString(), number: uri.user ?? uri.toString(), displayName: null },
        startedAt: this.now().toISOString(),
        ...links,
      }),
    );
    this.emit({ type: 'call-updated', call: entry.call });
    return entry;
  }

  private handleSessionState(entry: CallEntry, state: SessionState): void {
    const at = this.now().toISOString();
    switch (state) {
      case SessionState.Established:
        if (entry.session instanceof Invitation) break; // connected on ACK, see onAck
        this.update(entry, { type: 'established', at });
        applyTrackSwitches(entry.session.sessionDescriptionHandler, { muted: entry.call.muted, held: false });
        break;
      case SessionState.Terminating:
        this.update(entry, { type: 'ending' });
        break;
      case SessionState.Terminated:
        clearTimeout(entry.autoAnswerTimer);
        // SIP.js moves to Terminated before it calls the request delegate with the final response
        // (e.g. the 486 of a refused call): finish on the next microtask so the reason is known.
        queueMicrotask(() => {
          const wasConnected = entry.call.answeredAt !== null;
          const endAs = entry.endAs ?? { reason: wasConnected ? 'remote-hangup' : 'failed' };
          this.update(entry, { type: 'ended', at, reason: endAs.reason, sipCode: endAs.sipCode });
          this.calls.delete(entry.call.id);
          this.emit({ type: 'call-removed', callId: entry.call.id });
        });
        break;
      default:
        break;
    }
  }

  /** A digit the far end sent: by SIP INFO, or heard in its audio (RFC 4733 events, in-band tones). */
  dtmfReceived(callId: string, digit: string, via: 'INFO' | 'audio'): void {
    const entry = this.calls.get(callId);
    if (!entry) return;
    this.update(entry, { type: 'dtmf-received', digits: digit });
    this.logger.log('info', `DTMF received ${via === 'INFO' ? 'by INFO' : 'in the audio'}`, { callId, digit });
  }

  entryOfSession(session: Session): CallEntry | undefined {
    return [...this.calls.values()].find((entry) => entry.session === session);
  }

  update(entry: CallEntry, event: CallEvent): Result<PhoneCommandResult> {
    const next = applyCallEvent(entry.call, event);
    if (!next.ok) {
      this.logger.log('debug', 'Call event ignored', { callId: entry.call.id, event: event.type, state: entry.call.state });
      return next;
    }
    if (next.value !== entry.call) {
      entry.call = next.value;
      this.emit({ type: 'call-updated', call: entry.call });
    }
    return ok(NO_CALL_ID);
  }

  emit(event: PhoneEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch (error) {
        this.logger.log('error', 'Phone event listener threw', { error: String(error) });
      }
    }
  }
}
