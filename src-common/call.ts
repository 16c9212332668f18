/**
 * The call model: ONE state machine for every call the phone handles. The phone's settings,
 * commands and events (the contract between the phone and its host) are in phone-contract.ts.
 *
 * The phone engine (src-phone/engine) translates SIP.js session states into these states through
 * `applyCallEvent`, so the UI never sees a SIP library's vocabulary, and an impossible step
 * (e.g. "resume" on a call still ringing) is refused here, as a value, instead of corrupting
 * what the agent sees. Pure: no runtime, no clock (times are passed in).
 */
import { z } from 'zod';
import { err, ok, type Result } from './result';
import { VoiceSupervisionMode } from './voice-supervision';


export const CallId = z.string().min(1).max(128);
const Id = CallId;
const IsoTime = z.string().datetime({ offset: true });

/**
 * Where a call is in its life. There is no "idle" call: the phone is idle when it holds no call.
 *
 *   outbound:  dialing → early (remote rings, 18x) → active
 *   inbound:   ringing-in → connecting (200 OK sent, waiting for ACK) → active
 *   both:      active ⇄ held (our hold, confirmed by the far end) ; any → ending → ended
 */
export const CallState = z.enum(['dialing', 'early', 'ringing-in', 'connecting', 'active', 'held', 'ending', 'ended']);
export type CallState = z.infer<typeof CallState>;

export const CallDirection = z.enum(['inbound', 'outbound']);
export type CallDirection = z.infer<typeof CallDirection>;

/** Why a call ended, in words a wrap-up form or a call log can show. */
export const CallEndReason = z.enum([
  'local-hangup',
  'remote-hangup',
  /** We rejected an inbound call. */
  'rejected',
  /** The far end refused our call (busy, decline, not found…): see sipCode. */
  'refused',
  /** The caller gave up before we answered (a missed call). */
  'cancelled',
  /** Nobody answered in time. */
  'no-answer',
  /** Another device of the same user answered. */
  'answered-elsewhere',
  /** We transferred the call away (blind or attended). */
  'transferred',
  /** Another call replaced this one (we were the target of an attended transfer). */
  'replaced',
  /** Network or protocol failure. */
  'failed',
]);
export type CallEndReason = z.infer<typeof CallEndReason>;

export const RemoteParty = z.object({
  /** Full SIP URI, e.g. sip:+34600100200@pbx.example. */
  uri: z.string().max(500),
  /** The user part (a number for PSTN callers), used for screen pop by E.164. */
  number: z.string().max(200),
  displayName: z.string().max(200).nullable(),
});
export type RemoteParty = z.infer<typeof RemoteParty>;

/** Auto-answer request found on an INVITE (Call-Info answer-after, Alert-Info, Answer-Mode) or sent by the hub. */
export const AutoAnswerHint = z.object({
  source: z.enum(['call-info', 'alert-info', 'answer-mode', 'hub']),
  delayMs: z.number().int().nonnegative().max(60_000),
});
export type AutoAnswerHint = z.infer<typeof AutoAnswerHint>;

export const TransferProgress = z.object({
  kind: z.enum(['blind', 'attended']),
  target: z.string().max(500),
  /** requested: REFER sent; accepted: 202 received; failed: refused or the new leg failed. */
  status: z.enum(['requested', 'accepted', 'failed']),
});
export type TransferProgress = z.infer<typeof TransferProgress>;

/**
 * A supervision call (voice-supervision.ts): on the supervisor's phone the call they placed to
 * the agent; on the agent's phone the supervisor's call, answered without ringing and mixed with
 * the customer's call. `mode` is null on the agent's side until the hub accepted the grant.
 */
export const CallSupervision = z.object({
  side: z.enum(['supervisor', 'agent']),
  mode: VoiceSupervisionMode.nullable(),
});
export type CallSupervision = z.infer<typeof CallSupervision>;

export const Call = z.object({
  id: Id,
  direction: CallDirection,
  state: CallState,
  remote: RemoteParty,
  /** Hub work item this call belongs to (X-Centralita-Item header), when known. */
  itemId: Id.nullable(),
  /** When the INVITE was sent or received. */
  startedAt: IsoTime,
  answeredAt: IsoTime.nullable(),
  endedAt: IsoTime.nullable(),
  /** Our microphone is muted (track disabled; nothing is signalled). */
  muted: z.boolean(),
  /** The far end put us on hold (its offer was sendonly/inactive). Independent of our own hold. */
  onHoldByRemote: z.boolean(),
  /** A hold or resume re-INVITE is in flight; the UI disables both buttons meanwhile. */
  holdPending: z.boolean(),
  /** Digits sent so far, in order (shown in the call panel). */
  dtmfSent: z.string().max(1000),
  /** Digits the far end sent by SIP INFO, in order (browsers do not surface received RFC 4733 events). Optional for older hosts. */
  dtmfReceived: z.string().max(1000).optional(),
  autoAnswer: AutoAnswerHint.nullable(),
  transfer: TransferProgress.nullable(),
  /** For a consultation call of an attended transfer: the call being transferred. */
  consultFor: Id.nullable(),
  /**
   * In a local 3-way conference: the other call we are mixing with (each far end hears us and the
   * other far end). Absent or null: not in a conference. Optional so older hosts stay valid.
   */
  conferenceWith: Id.nullable().optional(),
  /** Set on a supervision call; absent or null on every other call. */
  supervision: CallSupervision.nullable().optional(),
  endReason: CallEndReason.nullable(),
  /** Final SIP status when the call ended on a SIP response (486, 603…). */
  sipCode: z.number().int().min(100).max(699).nullable(),
});
export type Call = z.infer<typeof Call>;

/** What happened to a call; the engine feeds these to `applyCallEvent`. */
export type CallEvent =
  | { type: 'progress' }
  | { type: 'answering' }
  | { type: 'established'; at: string }
  | { type: 'hold-requested' }
  | { type: 'hold-confirmed' }
  | { type: 'resume-requested' }
  | { type: 'resume-confirmed' }
  | { type: 'hold-failed' }
  | { type: 'remote-hold'; on: boolean }
  | { type: 'muted'; on: boolean }
  | { type: 'dtmf-sent'; digits: string }
  | { type: 'dtmf-received'; digits: string }
  | { type: 'transfer'; progress: TransferProgress }
  | { type: 'conference'; with: string | null }
  | { type: 'supervision'; supervision: CallSupervision }
  | { type: 'ending' }
  | { type: 'ended'; at: string; reason: CallEndReason; sipCode?: number };

const LIVE: readonly CallState[] = ['active', 'held'];

export function newCall(init: {
  id: string;
  direction: CallDirection;
  remote: RemoteParty;
  startedAt: string;
  itemId?: string | null;
  autoAnswer?: AutoAnswerHint | null;
  consultFor?: string | null;
  supervision?: CallSupervision | null;
}): Call {
  return {
    id: init.id,
    direction: init.direction,
    state: init.direction === 'inbound' ? 'ringing-in' : 'dialing',
    remote: init.remote,
    itemId: init.itemId ?? null,
    startedAt: init.startedAt,
    answeredAt: null,
    endedAt: null,
    muted: false,
    onHoldByRemote: false,
    holdPending: false,
    dtmfSent: '',
    dtmfReceived: '',
    autoAnswer: init.autoAnswer ?? null,
    transfer: null,
    consultFor: init.consultFor ?? null,
    conferenceWith: null,
    supervision: init.supervision ?? null,
    endReason: null,
    sipCode: null,
  };
}

function refuse(call: Call, event: CallEvent): Result<Call> {
  return err('conflict', `A call that is ${call.state} cannot take "${event.type}".`);
}

/**
 * The one transition function. Returns the next call, or an error when the event makes no sense in
 * the current state (the engine logs it and keeps the previous call).
 */
export function applyCallEvent(call: Call, event: CallEvent): Result<Call> {
  if (call.state === 'ended') return refuse(call, event);
  switch (event.type) {
    case 'progress':
      if (call.state === 'dialing' || call.state === 'early') return ok({ ...call, state: 'early' });
      return refuse(call, event);
    case 'answering':
      if (call.state === 'ringing-in') return ok({ ...call, state: 'connecting' });
      return refuse(call, event);
    case 'established':
      if (call.state === 'dialing' || call.state === 'early' || call.state === 'connecting' || call.state === 'ringing-in') {
        return ok({ ...call, state: 'active', answeredAt: event.at });
      }
      return refuse(call, event);
    case 'hold-requested':
      if (call.state === 'active' && !call.holdPending) return ok({ ...call, holdPending: true });
      return refuse(call, event);
    case 'hold-confirmed':
      if (call.state === 'active' || call.state === 'held') return ok({ ...call, state: 'held', holdPending: false });
      return refuse(call, event);
    case 'resume-requested':
      if (call.state === 'held' && !call.holdPending) return ok({ ...call, holdPending: true });
      return refuse(call, event);
    case 'resume-confirmed':
      if (call.state === 'held' || call.state === 'active') return ok({ ...call, state: 'active', holdPending: false });
      return refuse(call, event);
    case 'hold-failed':
      return ok({ ...call, holdPending: false });
    case 'remote-hold':
      if (LIVE.includes(call.state)) return ok({ ...call, onHoldByRemote: event.on });
      return refuse(call, event);
    case 'muted':
      if (LIVE.includes(call.state) || call.state === 'connecting') return ok({ ...call, muted: event.on });
      return refuse(call, event);
    case 'dtmf-sent':
      if (call.state === 'active') return ok({ ...call, dtmfSent: (call.dtmfSent + event.digits).slice(-1000) });
      return refuse(call, event);
    case 'dtmf-received':
      if (LIVE.includes(call.state)) return ok({ ...call, dtmfReceived: ((call.dtmfReceived ?? '') + event.digits).slice(-1000) });
      return refuse(call, event);
    case 'transfer':
      if (LIVE.includes(call.state)) return ok({ ...call, transfer: event.progress });
      return refuse(call, event);
    case 'conference':
      // Joining needs both calls connected; leaving is always allowed (a leg may be ending).
      if (event.with === null) return ok((call.conferenceWith ?? null) === null ? call : { ...call, conferenceWith: null });
      if (call.state === 'active') return ok({ ...call, conferenceWith: event.with });
      return refuse(call, event);
    case 'supervision':
      if (call.supervision && call.supervision.side !== event.supervision.side) return refuse(call, event);
      return ok({ ...call, supervision: event.supervision });
    case 'ending':
      if (call.state === 'ending') return ok(call);
      return ok({ ...call, state: 'ending', holdPending: false });
    case 'ended':
      return ok({
        ...call,
        state: 'ended',
        holdPending: false,
        endedAt: event.at,
        conferenceWith: null,
        endReason: event.reason,
        sipCode: event.sipCode ?? null,
      });
  }
}

/** The commands a call accepts right now: the UI enables exactly these buttons. */
export type CallAction =
  | 'answer'
  | 'reject'
  | 'hangup'
  | 'hold'
  | 'resume'
  | 'mute'
  | 'unmute'
  | 'sendDtmf'
  | 'blindTransfer'
  | 'attendedTransferStart';

export function availableActions(call: Call): CallAction[] {
  switch (call.state) {
    case 'ringing-in':
      return ['answer', 'reject'];
    case 'dialing':
    case 'early':
    case 'connecting':
      return ['hangup'];
    case 'active':
      return [
        'hangup',
        ...(call.holdPending ? [] : (['hold'] as const)),
        call.muted ? 'unmute' : 'mute',
        'sendDtmf',
        'blindTransfer',
        'attendedTransferStart',
      ];
    case 'held':
      return ['hangup', ...(call.holdPending ? [] : (['resume'] as const)), call.muted ? 'unmute' : 'mute', 'blindTransfer', 'attendedTransferStart'];
    case 'ending':
    case 'ended':
      return [];
  }
}

/**
 * The two calls a 'conference' command can join right now, or null: exactly two connected calls
 * (active or held), neither already in a conference nor in the middle of a hold or transfer.
 */
export function conferenceCandidates(calls: readonly Call[]): [string, string] | null {
  const live = calls.filter((call) => call.state !== 'ended' && call.state !== 'ending');
  if (live.length !== 2) return null;
  const joinable = live.every((call) => LIVE.includes(call.state) && !call.holdPending && !call.conferenceWith && call.transfer?.status !== 'requested');
  return joinable ? [live[0].id, live[1].id] : null;
}

/** True while the call occupies the agent (counts against voice capacity). */
export function isCallLive(call: Call): boolean {
  return call.state !== 'ended';
}
