/**
 * Browser media for the phone: the SessionDescriptionHandler factory (SIP.js's WebRTC handler,
 * created through our own factory so ICE servers and the gathering timeout come from PhoneConfig),
 * and track switches used by mute and hold.
 */
import { Web, type SessionDescriptionHandlerFactory, type SessionDescriptionHandler } from 'sip.js';
import type { PhoneConfig } from '../../src-common/call';

/** Builds the WebRTC SDH factory from our config; passed to the engine explicitly. */
export function webSessionDescriptionHandlerFactory(
  config: Pick<PhoneConfig, 'iceServers' | 'iceGatheringTimeoutMs'>,
  // Optional (the UI's device choice): opens the agent's chosen microphone instead of the
  // default one; the phone host passes it. Absent = SIP.js's plain getUserMedia(constraints).
  mediaStreamFactory?: Web.MediaStreamFactory,
): SessionDescriptionHandlerFactory {
  const base = Web.defaultSessionDescriptionHandlerFactory(mediaStreamFactory);
  const peerConnectionConfiguration: RTCConfiguration = {
    iceServers: config.iceServers.map((server) => ({ ...server })),
    // rtcp-mux and bundle are what Kamailio+rtpengine, Asterisk and FreeSWITCH offer to browsers.
    bundlePolicy: 'balanced',
    rtcpMuxPolicy: 'require',
  };
  return (session, options) =>
    base(session, {
      ...(typeof options === 'object' ? options : {}),
      iceGatheringTimeout: config.iceGatheringTimeoutMs,
      peerConnectionConfiguration,
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
