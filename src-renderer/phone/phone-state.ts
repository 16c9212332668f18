/**
 * The phone as this window shows it, and the one pure function that folds PhoneEvents into it.
 * Pure (no React, no zustand) so the folding is unit-tested; the app store holds it
 * (store/phone-slice.ts).
 *
 * The host removes a call right after it ends (`call-removed`); `recentlyEnded` keeps the last few
 * ended calls so the call panel can still say how a call ended (duration, "transferred", "the
 * customer hung up") while the agent fills in the wrap-up.
 */
import type { CallQuality } from '../../src-common/call-quality';
import { type Call } from '../../src-common/call';
import { NO_DEVICE_FALLBACK, type DeviceFallback, type IncomingCallInfo, type MicrophoneStatus, type PhoneEvent, type SpeakerStatus } from '../../src-common/phone-contract';
import { INITIAL_REGISTRATION, type PhoneRegistration, type PhoneSnapshot } from '../../src-common/phone-host';

/** Why the phone cannot ring, in terms the UI translates (null = it can). */
export type PhoneAvailability = 'ready' | 'not-provisioned' | 'starting' | 'unregistered' | 'failed' | 'no-host';

export interface PhoneState {
  /** False until the hub handed over phone settings and the host was asked to start. */
  provisioned: boolean;
  /** True when this window has no phone host at all (Electron without the phone window bridge). */
  hostMissing: boolean;
  registration: PhoneRegistration;
  /** Every call the host holds, by id, in arrival order (Record keeps insertion order). */
  calls: Record<string, Call>;
  /** The last ended calls, newest last (bounded). */
  recentlyEnded: Call[];
  /** Inbound call details (auto-answer hint, item) by call id. */
  incoming: Record<string, IncomingCallInfo>;
  /**
   * Supervision calls (a supervisor listening to this agent, or this supervisor listening to an
   * agent), kept apart from `calls`: they are not the agent's conversations, never ring, never
   * get a work item, and the views that list calls must not offer them.
   */
  supervisionCalls: Record<string, Call>;
  /** Agent's side, when the centre tells agents: who supervises each supervision call. */
  supervisorNames: Record<string, string>;
  /** The last second's quality of each connected call (MOS, figures, likely cause). */
  quality: Record<string, CallQuality>;
  /** Whether a call could be answered with a voice (null: the phone has not looked yet). */
  microphone: MicrophoneStatus | null;
  /** Whether an output is plugged in (null: the phone cannot tell yet, or this browser never lists outputs). */
  speaker: SpeakerStatus | null;
  /** Which chosen devices are unplugged, the system default standing in (a notice says so). */
  fallback: DeviceFallback;
  /** Last error the phone reported, for a notice. */
  /** The phone's last problem the agent should read (e.g. an offer it had to refuse); null once dismissed. */
  lastError: { callId: string | null; code: string; message: string; remote: string | null } | null;
}

export const INITIAL_PHONE_STATE: PhoneState = {
  provisioned: false,
  hostMissing: false,
  registration: INITIAL_REGISTRATION,
  calls: {},
  recentlyEnded: [],
  incoming: {},
  supervisionCalls: {},
  supervisorNames: {},
  quality: {},
  microphone: null,
  speaker: null,
  fallback: NO_DEVICE_FALLBACK,
  lastError: null,
};

const RECENTLY_ENDED_MAX = 10;

export function reducePhoneEvent(state: PhoneState, event: PhoneEvent): PhoneState {
  switch (event.type) {
    case 'registration':
      return { ...state, registration: { transport: event.transport, registration: event.registration, message: event.message } };
    case 'microphone':
      return { ...state, microphone: event.status };
    case 'speaker':
      return { ...state, speaker: event.status };
    case 'device-fallback':
      return { ...state, fallback: event.fallback };
    case 'incoming-call':
      return {
        ...state,
        calls: { ...state.calls, [event.call.id]: event.call },
        incoming: { ...state.incoming, [event.call.id]: event.info },
      };
    case 'call-updated':
      if (event.call.supervision) return { ...state, supervisionCalls: { ...state.supervisionCalls, [event.call.id]: event.call } };
      return { ...state, calls: { ...state.calls, [event.call.id]: event.call } };
    case 'supervision-request':
    case 'call-quality-summary':
    case 'sip-trace':
      // The controller acts on these (asks the hub, reports to it); nothing to show.
      return state;
    case 'call-quality':
      return state.calls[event.callId] ? { ...state, quality: { ...state.quality, [event.callId]: event.quality } } : state;
    case 'call-removed': {
      if (state.supervisionCalls[event.callId]) {
        const supervisionCalls = { ...state.supervisionCalls };
        const supervisorNames = { ...state.supervisorNames };
        delete supervisionCalls[event.callId];
        delete supervisorNames[event.callId];
        return { ...state, supervisionCalls, supervisorNames };
      }
      const removed = state.calls[event.callId];
      if (!removed) return state;
      const calls = { ...state.calls };
      const incoming = { ...state.incoming };
      const quality = { ...state.quality };
      delete calls[event.callId];
      delete incoming[event.callId];
      delete quality[event.callId];
      const recentlyEnded = removed.state === 'ended' ? [...state.recentlyEnded.filter((c) => c.id !== removed.id), removed].slice(-RECENTLY_ENDED_MAX) : state.recentlyEnded;
      return { ...state, calls, incoming, quality, recentlyEnded };
    }
    case 'error':
      return { ...state, lastError: { callId: event.callId, code: event.code, message: event.message, remote: event.remote ?? null } };
  }
}

/** Replaces what the store holds with what the host says (start, reload mid-call). */
export function reducePhoneSnapshot(state: PhoneState, snapshot: PhoneSnapshot): PhoneState {
  const calls: Record<string, Call> = {};
  const supervisionCalls: Record<string, Call> = {};
  for (const call of snapshot.calls) (call.supervision ? supervisionCalls : calls)[call.id] = call;
  const incoming: Record<string, IncomingCallInfo> = {};
  for (const id of Object.keys(calls)) {
    const info = state.incoming[id];
    if (info) incoming[id] = info;
  }
  return { ...state, registration: snapshot.registration, calls, incoming, supervisionCalls, microphone: snapshot.microphone, speaker: snapshot.speaker, fallback: snapshot.fallback };
}

export function phoneAvailability(state: PhoneState): PhoneAvailability {
  if (state.hostMissing) return 'no-host';
  if (!state.provisioned) return 'not-provisioned';
  switch (state.registration.registration) {
    case 'registered':
      return 'ready';
    case 'failed':
      return 'failed';
    case 'registering':
      return 'starting';
    case 'unregistered':
      return state.registration.transport === 'connecting' ? 'starting' : 'unregistered';
  }
}

/** Calls that are not over, oldest first. */
export function liveCalls(state: PhoneState): Call[] {
  return Object.values(state.calls).filter((call) => call.state !== 'ended');
}

/** The inbound call ringing for a work item (the INVITE carried X-Centralita-Item = item id). */
export function ringingCallForItem(state: PhoneState, itemId: string): Call | null {
  return liveCalls(state).find((call) => call.itemId === itemId && call.state === 'ringing-in') ?? null;
}

/**
 * The call the call panel shows for a work item: a live call of that item that is not a
 * consultation leg (those show inside the main call's panel), else its last call.
 */
export function mainCallForItem(state: PhoneState, itemId: string): Call | null {
  const ofItem = (call: Call) => call.itemId === itemId && call.consultFor === null;
  const live = Object.values(state.calls).filter(ofItem);
  const ended = state.recentlyEnded.filter(ofItem);
  return live.find((call) => call.state !== 'ended') ?? live[live.length - 1] ?? ended[ended.length - 1] ?? null;
}

/** The consultation call (attended transfer in progress) started from a call, if any. */
export function consultCallFor(state: PhoneState, callId: string): Call | null {
  return liveCalls(state).find((call) => call.consultFor === callId) ?? null;
}
