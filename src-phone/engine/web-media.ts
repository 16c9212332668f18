/**
 * Browser media for the phone: the SessionDescriptionHandler factory (our WebRTC handler,
 * phone-media-handler.ts, so ICE servers and the gathering timeout come from PhoneConfig), the
 * handlers kept prepared while the agent is on standby, and track switches used by mute and hold.
 */
import { Web, type SessionDescriptionHandlerFactory, type SessionDescriptionHandler } from 'sip.js';
import type { PhoneLogger } from './phone-logger';
import { AUDIO_ONLY, PhoneMediaHandler, handlerConfiguration, handlerLoggerFactory, type MediaConfig } from './phone-media-handler';
import { probeHostAddress } from './host-address';
import { StandbyHandlers } from './standby-handlers';

/**
 * Builds the WebRTC SDH factory from our config; passed to the engine explicitly. With `standby`,
 * a call takes the handler it keeps prepared, when one is ready.
 */
export function webSessionDescriptionHandlerFactory(
  config: MediaConfig,
  // Optional (the UI's device choice): opens the agent's chosen microphone instead of the
  // default one; the phone host passes it. Absent = SIP.js's plain getUserMedia(constraints).
  mediaStreamFactory?: Web.MediaStreamFactory,
  standby?: StandbyHandlers<PhoneMediaHandler>,
): SessionDescriptionHandlerFactory {
  const configuration = handlerConfiguration(config);
  const streams = mediaStreamFactory ?? Web.defaultMediaStreamFactory();
  return (session) => standby?.take() ?? new PhoneMediaHandler(session.userAgent.getLogger('sip.SessionDescriptionHandler'), streams, configuration);
}

/** A prepared handler is replaced after this long (pooled candidates and TURN allocations age). */
const STANDBY_MAX_AGE_MS = 5 * 60_000;
/**
 * After a call took the prepared handler: its answer is out within tens of milliseconds, so the
 * next one is prepared after that (two calls in a row to one agent, a transfer back, a colleague's
 * consultation right after a customer call, find one ready too).
 */
const STANDBY_REFILL_DELAY_MS = 300;

/**
 * The handlers kept prepared for the next call while on standby: peer connection made (ICE
 * candidates pooled, DTLS certificate ready) and microphone attached, so the call starts at the
 * SDP steps. The host starts and stops it with the agent's readiness.
 */
export function standbyMediaHandlers(config: MediaConfig, mediaStreamFactory: Web.MediaStreamFactory, logger: PhoneLogger): StandbyHandlers<PhoneMediaHandler> {
  const configuration = handlerConfiguration(config);
  const loggers = handlerLoggerFactory(logger);
  return new StandbyHandlers<PhoneMediaHandler>({
    make: () => new PhoneMediaHandler(loggers.getLogger('sip.SessionDescriptionHandler'), mediaStreamFactory, configuration),
    prepare: async (handler) => {
      await handler.prepareAudio(AUDIO_ONLY);
      if (config.answerBeforeCandidates) await handler.prepareComposedAnswer(await probeHostAddress());
    },
    usable: (handler) => handler.hasLiveAudio() && handler.peerConnection?.signalingState === 'stable' && handler.peerConnection.connectionState === 'new',
    discard: (handler) => handler.close(),
    logger,
    maxAgeMs: STANDBY_MAX_AGE_MS,
    refillDelayMs: STANDBY_REFILL_DELAY_MS,
  });
}

/** The media switches the engine needs from an SDH; SIP.js's WebRTC handler has them. */
interface TrackSwitches {
  enableSenderTracks(enable: boolean): void;
  enableReceiverTracks(enable: boolean): void;
}

function hasTrackSwitches(sdh: SessionDescriptionHandler | undefined): sdh is SessionDescriptionHandler & TrackSwitches {
  if (!sdh) return false;
  const candidate = sdh as Partial<TrackSwitches>;
  return typeof candidate.enableSenderTracks === 'function' && typeof candidate.enableReceiverTracks === 'function';
}

/**
 * Applies mute and hold to the tracks: the microphone goes silent when muted or held, and what
 * the far end sends is not played while we hold. Returns false when the handler has no tracks
 * (peer connection closed), so the caller can report it instead of pretending.
 */
export function applyTrackSwitches(sdh: SessionDescriptionHandler | undefined, state: { muted: boolean; held: boolean }): boolean {
  if (!hasTrackSwitches(sdh)) return false;
  try {
    sdh.enableSenderTracks(!state.muted && !state.held);
    sdh.enableReceiverTracks(!state.held);
    return true;
  } catch {
    // SIP.js throws when the peer connection is already closed: the call is going away anyway.
    return false;
  }
}

/** The peer connection behind a call, for getStats and device changes; undefined outside WebRTC. */
export function peerConnectionOf(sdh: SessionDescriptionHandler | undefined): RTCPeerConnection | undefined {
  if (sdh instanceof Web.SessionDescriptionHandler) return sdh.peerConnection;
  return undefined;
}

/** The far end's audio, to attach to an <audio> element (with setSinkId for the chosen speaker). */
export function remoteStreamOf(sdh: SessionDescriptionHandler | undefined): MediaStream | undefined {
  if (sdh instanceof Web.SessionDescriptionHandler) return sdh.remoteMediaStream;
  return undefined;
}

/**
 * Why a browser cannot answer this SDP offer, or null when it can: WebRTC needs DTLS-SRTP media
 * (an `a=fingerprint` and a SAVP/SAVPF profile). A SIP server that forwards a plain RTP offer
 * (no media relay such as rtpengine in the path) gets a 488 with this reason instead of a phone
 * that rings and then fails to answer.
 */
export function webRtcOfferProblem(sdp: string): string | null {
  const audio = /^m=audio \d+ (\S+)/m.exec(sdp);
  if (!audio) return null;
  if (!/SAVPF?$/.test(audio[1] ?? '')) return `the offer's audio is plain RTP (${audio[1]}), without the encryption (DTLS-SRTP) browsers require`;
  if (!/^a=fingerprint:/m.test(sdp)) return "the offer carries no DTLS fingerprint, which browsers require";
  return null;
}
