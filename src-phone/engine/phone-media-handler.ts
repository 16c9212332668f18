/**
 * Our WebRTC session description handler: SIP.js's own (hold, track switches, DTMF and the rest
 * unchanged) with two things added for call-setup time:
 *  - it can be made and prepared before any call (`prepareAudio`: microphone track attached, ICE
 *    candidates pooled, DTLS certificate made), so a call that takes a prepared one starts at the
 *    SDP steps (standby-handlers.ts keeps one ready);
 *  - a prepared one answers a call's offer with an answer it composed itself (composed-answer.ts)
 *    when the offer allows it: the 200 OK leaves at once and the browser's own SDP steps run
 *    behind it, installing the same answer (`mediaStarted` says whether they did, or fell back to
 *    their own answer, which the far end must then be offered in a re-INVITE);
 *  - towards a far end that does not need our reflexive or relayed candidates
 *    (ice-answer-readiness.ts), an answer, a re-INVITE and the ICE restart after a network change
 *    leave with the first usable candidate instead of after the whole gathering.
 */
import { Core, Web, type BodyAndContentType, type SessionDescriptionHandlerModifier } from 'sip.js';
import type { PhoneConfig } from '../../src-common/phone-contract';
import type { PhoneLogger } from './phone-logger';
import { answerTemplateFrom, composeAnswer, type AnswerTemplate } from './composed-answer';
import { farEndReachableDirectly, hasUsableLocalCandidate } from './ice-answer-readiness';

export type MediaConfig = Pick<PhoneConfig, 'iceServers' | 'iceGatheringTimeoutMs'> & {
  /** The SIP server learns our address from our checks: prepared handlers compose their answer (PhoneProvisioning). */
  answerBeforeCandidates?: boolean;
};

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

/**
 * How the browser took the offer behind an answer that already left: with that answer, or, when
 * it refused the composed text as its local description, with an answer of its own that the far
 * end has not seen (the call's media needs a re-INVITE then).
 */
export type MediaStart = 'as-sent' | 'own-answer';

export class PhoneMediaHandler extends Web.SessionDescriptionHandler {
  /** Our side of a composed answer, read while preparing; null: the browser answers by itself. */
  private answerTemplate: AnswerTemplate | null = null;
  /** The composed answer to hand to SIP.js for its 200 OK. */
  private composedAnswer: string | null = null;
  /** The browser's own steps behind an answer that already left; later descriptions wait for them. */
  private mediaStart: Promise<MediaStart> = Promise.resolve('as-sent');
  /** Rejects the steps still running when the handler is closed (a hang-up mid-answer), so nothing waits for ever. */
  private abandonSteps: ((reason: Error) => void) | null = null;

  /**
   * Attaches the microphone before any call, with the constraints the engine will ask for, so
   * the call's own request finds it already there (SIP.js keeps a stream whose constraints did
   * not change).
   */
  prepareAudio(options: Web.SessionDescriptionHandlerOptions): Promise<void> {
    return this.getLocalMediaStream(options);
  }

  /**
   * Reads what our side of a composed answer will say from an offer the peer connection makes
   * (which changes nothing in it), so the call that takes this handler can answer at once.
   * Without a host address to name, calls are answered by the browser as before.
   */
  async prepareComposedAnswer(hostAddress: string | null): Promise<void> {
    const peer = this.peerConnection;
    if (!peer || !hostAddress) return;
    const ownOffer = await peer.createOffer();
    this.answerTemplate = answerTemplateFrom(ownOffer.sdp ?? '', hostAddress);
  }

  /**
   * Settles when the browser has taken the offer behind the answer this handler sent (at once
   * when the browser made the answer itself), saying with which answer; rejects when it refused
   * the offer itself, and the call then has no media.
   */
  mediaStarted(): Promise<MediaStart> {
    return this.mediaStart;
  }

  override setDescription(sdp: string, options?: Web.SessionDescriptionHandlerOptions, modifiers?: SessionDescriptionHandlerModifier[]): Promise<void> {
    const composed = this.composeFor(sdp, modifiers);
    if (composed === null) return this.mediaStart.then(() => super.setDescription(sdp, options, modifiers));
    this.composedAnswer = composed;
    const steps = super.setDescription(sdp, options, modifiers).then(() => this.installAnswer(composed));
    const closed = new Promise<never>((_resolve, reject) => {
      this.abandonSteps = reject;
    });
    this.mediaStart = Promise.race([steps, closed]).finally(() => {
      this.abandonSteps = null;
    });
    // Read by the engine through mediaStarted(); kept from surfacing as an unhandled rejection meanwhile.
    steps.catch(() => undefined);
    this.mediaStart.catch(() => undefined);
    return Promise.resolve();
  }

  /**
   * Makes the browser's own answer (Chromium takes a changed local answer only after one) and
   * installs the composed one. Nothing waits for candidates: the composed answer carries none.
   */
  private async installAnswer(composed: string): Promise<MediaStart> {
    const peer = this.peerConnection;
    if (!peer) throw new Error('Peer connection closed.');
    const own = await peer.createAnswer();
    try {
      await peer.setLocalDescription({ type: 'answer', sdp: composed });
      return 'as-sent';
    } catch (error) {
      // Chromium refuses some differences from its own answer as "SDP munging" (it rejects a
      // dropped a=rtcp-xr, for one). The offer itself was fine: answer it the browser's way and
      // let the engine offer that to the far end.
      if (peer.signalingState !== 'have-remote-offer') throw error;
      this.logger.warn(`the browser refused the answer composed for this call (${String(error)}); its own answer is used instead`);
      await peer.setLocalDescription(own);
      return 'own-answer';
    }
  }

  override getDescription(options?: Web.SessionDescriptionHandlerOptions, modifiers?: SessionDescriptionHandlerModifier[]): Promise<BodyAndContentType> {
    const composed = this.composedAnswer;
    if (composed !== null) {
      this.composedAnswer = null;
      return Promise.resolve({ body: composed, contentType: 'application/sdp' });
    }
    return this.mediaStart.then(() => super.getDescription(options, modifiers));
  }

  override close(): void {
    this.abandonSteps?.(new Error('the call ended while its media was being set up'));
    super.close();
  }

  /** A composed answer for a call's first offer, when this handler was prepared for one and the offer allows it. */
  private composeFor(offerSdp: string, modifiers: SessionDescriptionHandlerModifier[] | undefined): string | null {
    const peer = this.peerConnection;
    const template = this.answerTemplate;
    if (!template || !peer || peer.signalingState !== 'stable' || peer.remoteDescription || (modifiers?.length ?? 0) > 0) return null;
    // One answer per prepared connection: its ICE credentials and SSRC belong to this call only.
    this.answerTemplate = null;
    return composeAnswer(offerSdp, template);
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
