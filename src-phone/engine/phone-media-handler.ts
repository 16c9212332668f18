/**
 * Our WebRTC session description handler: SIP.js's own (hold, track switches, DTMF and the rest
 * unchanged) with two things added for call-setup time:
 *  - it can be made and prepared before any call (`prepareAudio`: microphone track attached, ICE
 *    candidates pooled, DTLS certificate made), so a call that takes a prepared one starts at the
 *    SDP steps (standby-handlers.ts keeps one ready);
 *  - towards a far end that does not need our reflexive or relayed candidates
 *    (ice-answer-readiness.ts), an answer, a re-INVITE and the ICE restart after a network change
 *    leave with the first usable candidate instead of after the whole gathering.
 */
import { Core, Web } from 'sip.js';
import type { PhoneConfig } from '../../src-common/phone-contract';
import type { PhoneLogger } from './phone-logger';
import { farEndReachableDirectly, hasUsableLocalCandidate } from './ice-answer-readiness';

export type MediaConfig = Pick<PhoneConfig, 'iceServers' | 'iceGatheringTimeoutMs'>;

/**
 * What every call asks of its handler. One object for calls and for preparing handlers ahead:
 * SIP.js reuses an attached microphone only when the constraints are the same.
 */
export const AUDIO_ONLY = { constraints: { audio: true, video: false } };

export function handlerConfiguration(config: MediaConfig): Web.SessionDescriptionHandlerConfiguration {
  return {
    iceGatheringTimeout: config.iceGatheringTimeoutMs,
    peerConnectionConfiguration: {
      iceServers: config.iceServers.map((server) => ({ ...server })),
      // rtcp-mux and bundle are what Kamailio+rtpengine, Asterisk and FreeSWITCH offer to browsers.
      bundlePolicy: 'balanced',
      rtcpMuxPolicy: 'require',
      // Gathering starts when the peer connection is made, not at setLocalDescription: a
      // prepared handler has its candidates (and TURN allocation) before the call arrives.
      iceCandidatePoolSize: 1,
    },
  };
}

/** SIP.js's handler logger, for handlers made before any session exists (prepared ones). */
export function handlerLoggerFactory(logger: PhoneLogger): Core.LoggerFactory {
  const factory = new Core.LoggerFactory();
  factory.builtinEnabled = false;
  factory.level = Core.Levels.warn;
  factory.connector = (level, category, _label, content) => logger.log(level === 'error' ? 'error' : 'warn', String(content), { category });
  return factory;
}

export class PhoneMediaHandler extends Web.SessionDescriptionHandler {
  /**
   * Attaches the microphone before any call, with the constraints the engine will ask for, so
   * the call's own request finds it already there (SIP.js keeps a stream whose constraints did
   * not change).
   */
  prepareAudio(options: Web.SessionDescriptionHandlerOptions): Promise<void> {
    return this.getLocalMediaStream(options);
  }

  /** True while the attached microphone track can still carry a voice (not unplugged, not stopped). */
  hasLiveAudio(): boolean {
    return this.localMediaStream.getAudioTracks().some((track) => track.readyState === 'live');
  }

  protected override waitForIceGatheringComplete(restart = false, timeout = 0): Promise<void> {
    const complete = super.waitForIceGatheringComplete(restart, timeout);
    const peer = this.peerConnection;
    // The far end's description says whether it needs our reflexive or relayed candidates: the
    // offer we answer, or, for an offer we make inside a call (a re-INVITE, the ICE restart after
    // a network change), its answer so far. A first offer (a call we place) has nothing to go
    // by and waits for every candidate, as before.
    if (!peer || !peer.localDescription || !farEndReachableDirectly(peer.remoteDescription?.sdp ?? '')) return complete;
    return Promise.race([complete, firstUsableCandidate(peer)]);
  }
}

/**
 * Resolves once the local description carries a usable candidate (at once if it already does),
 * or gathering completes. The gathering state is read from its events only: right after the
 * offer of an ICE restart it still says "complete" for the candidates being replaced.
 */
function firstUsableCandidate(peer: RTCPeerConnection): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      peer.removeEventListener('icecandidate', onCandidate);
      peer.removeEventListener('icegatheringstatechange', onGathering);
      resolve();
    };
    const onCandidate = (): void => {
      if (hasUsableLocalCandidate(peer.localDescription?.sdp ?? '')) done();
    };
    const onGathering = (): void => {
      if (peer.iceGatheringState === 'complete') done();
    };
    peer.addEventListener('icecandidate', onCandidate);
    peer.addEventListener('icegatheringstatechange', onGathering);
    onCandidate();
  });
}
