/**
 * Test page for our WebRTC handler (src-phone/engine/phone-media-handler.ts) in Chromium, with no
 * SIP: a plain RTCPeerConnection in the same page plays the far end and makes the offer, the
 * handler answers it as it would an INVITE, and the far end applies the answer and listens.
 */
import { parse } from 'sdp-transform';
import { probeHostAddress } from '../../../src-phone/engine/host-address';
import type { AnswerTemplate } from '../../../src-phone/engine/composed-answer';
import { AUDIO_ONLY, PhoneMediaHandler, handlerConfiguration, handlerLoggerFactory, type MediaStart } from '../../../src-phone/engine/phone-media-handler';

export interface AnswerCase {
  /**
   * reachable: the far end's own candidates (same machine: ICE connects at once, which also ends
   * Chromium's gathering); distant: one host candidate at a TEST-NET address that never answers,
   * so gathering stays open as it does until a slow STUN server or a distant media server answers.
   */
  farEnd: 'reachable' | 'distant';
  /** Candidate lines added to the far end's offer (e.g. a server-reflexive one). */
  extraCandidates: string[];
  iceServers: Array<{ urls: string }>;
  iceGatheringTimeoutMs: number;
  /** Prepare the handler (microphone attached, candidates pooled) before the offer arrives. */
  prepared: boolean;
}

export interface AnswerOutcome {
  /** setDescription(offer) → getDescription() → answer body, in ms. */
  answerMs: number;
  /** getUserMedia calls after the offer arrived. */
  microphoneOpensDuringCall: number;
  answerCandidates: number;
  /** The far end received RTP from the handler's microphone. */
  farEndPackets: number;
}

export interface OfferCase extends AnswerCase {
  /** A call we place (no answer from the far end yet) instead of a restart inside a call. */
  firstOffer: boolean;
  /**
   * The STUN/TURN servers from the restart on (RTCPeerConnection.setConfiguration): the call
   * itself is set up with `iceServers`, so its first gathering can be over when the network
   * changes, as it is in a call that has been going on for a while.
   */
  restartIceServers: Array<{ urls: string }>;
}

export interface OfferOutcome {
  /** getDescription(offer) → offer body, in ms. */
  offerMs: number;
  offerCandidates: number;
  /** The offer carries new ICE credentials (an ICE restart). */
  restartsIce: boolean;
}

export interface ComposedCase {
  /** The far end's offer with its DTLS fingerprint garbled: one the browser refuses. */
  garbledFingerprint: boolean;
  /**
   * Our side read without the a=rtcp-xr line the browser's own answer carries, as a browser
   * whose answer has a line the composer does not know would be: the browser refuses the
   * composed text as its local description.
   */
  composerMissesALine: boolean;
}

export interface ComposedOutcome {
  /** The answer's text came back before the browser had even taken the offer. */
  answeredBeforeBrowser: boolean;
  /** What the browser installed as its local description says what the answer said (credentials, certificate, sender, codecs, DTLS role). */
  installedAsSent: boolean;
  /** setDescription's rejection: the offer was refused before any answer was made. */
  refusedBeforeAnswer: string | null;
  /** mediaStarted()'s rejection, or null when the browser took the offer. */
  mediaError: string | null;
  /** What mediaStarted() said: the browser installed the sent answer, or one of its own. */
  mediaStart: string | null;
  /** RTP received at each end. */
  farEndPackets: number;
  ourPackets: number;
  /** The answer's connection line. */
  connectionAddress: string | null;
  answerCandidates: number;
}

declare global {
  interface Window {
    mediaUnderTest: {
      answer(test: AnswerCase): Promise<AnswerOutcome>;
      /**
       * With a call up (answered as `test` says), the ICE-restart offer of the re-INVITE sent
       * after a network change; with `firstOffer`, the offer of a call we place instead.
       */
      offer(test: OfferCase): Promise<OfferOutcome>;
      /** A handler prepared for a composed answer answering a reachable far end. */
      composed(test: ComposedCase): Promise<ComposedOutcome>;
    };
  }
}

let opens = 0;
const openMicrophone = (constraints: MediaStreamConstraints): Promise<MediaStream> => {
  opens += 1;
  return navigator.mediaDevices.getUserMedia(constraints);
};
const loggers = handlerLoggerFactory({ log: () => undefined });

async function farEndOffer(farEnd: AnswerCase['farEnd'], extra: string[]): Promise<{ peer: RTCPeerConnection; sdp: string }> {
  const peer = new RTCPeerConnection();
  const microphone = await navigator.mediaDevices.getUserMedia({ audio: true });
  for (const track of microphone.getAudioTracks()) peer.addTrack(track, microphone);
  await peer.setLocalDescription(await peer.createOffer());
  await gatheringComplete(peer);
  const own = (peer.localDescription?.sdp ?? '').split('\r\n').filter((line) => line !== '' && !(farEnd === 'distant' && line.startsWith('a=candidate:')));
  const candidates = farEnd === 'distant' ? ['a=candidate:9 1 udp 2122194687 203.0.113.5 40000 typ host', ...extra] : extra;
  // Candidates go at the end of the (only) media section.
  return { peer, sdp: [...own, ...candidates, ''].join('\r\n') };
}

function gatheringComplete(peer: RTCPeerConnection | undefined): Promise<void> {
  return new Promise<void>((resolve) => {
    if (!peer || peer.iceGatheringState === 'complete') resolve();
    peer?.addEventListener('icegatheringstatechange', () => peer.iceGatheringState === 'complete' && resolve());
  });
}

async function packetsAt(peer: RTCPeerConnection): Promise<number> {
  const deadline = performance.now() + 5000;
  for (;;) {
    let packets = 0;
    (await peer.getStats()).forEach((report: { type: string; kind?: string; packetsReceived?: number }) => {
      if (report.type === 'inbound-rtp' && report.kind === 'audio') packets += report.packetsReceived ?? 0;
    });
    if (packets > 0 || performance.now() > deadline) return packets;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The parts of a description both ends act on; candidates and the default address are left out (they change as gathering goes on). */
function negotiated(sdp: string): string {
  const session = parse(sdp);
  const audio = session.media[0];
  return JSON.stringify([audio?.iceUfrag, audio?.icePwd, (audio?.fingerprint ?? session.fingerprint)?.hash, audio?.setup, audio?.payloads, audio?.ssrcs, audio?.mid]);
}

window.mediaUnderTest = {
  async answer(test) {
    const handler = new PhoneMediaHandler(loggers.getLogger('sip.SessionDescriptionHandler'), openMicrophone, handlerConfiguration({ iceServers: test.iceServers, iceGatheringTimeoutMs: test.iceGatheringTimeoutMs }));
    if (test.prepared) await handler.prepareAudio(AUDIO_ONLY);
    const far = await farEndOffer(test.farEnd, test.extraCandidates);
    opens = 0;
    const started = performance.now();
    await handler.setDescription(far.sdp, AUDIO_ONLY);
    const answer = await handler.getDescription(AUDIO_ONLY);
    const answerMs = performance.now() - started;
    const microphoneOpensDuringCall = opens;
    await far.peer.setRemoteDescription({ type: 'answer', sdp: answer.body });
    const farEndPackets = test.farEnd === 'reachable' ? await packetsAt(far.peer) : 0;
    handler.close();
    far.peer.close();
    return { answerMs, microphoneOpensDuringCall, answerCandidates: (answer.body.match(/^a=candidate:/gm) ?? []).length, farEndPackets };
  },
  async composed(test) {
    const handler = new PhoneMediaHandler(loggers.getLogger('sip.SessionDescriptionHandler'), openMicrophone, handlerConfiguration({ iceServers: [], iceGatheringTimeoutMs: 3000 }));
    await handler.prepareAudio(AUDIO_ONLY);
    await handler.prepareComposedAnswer(await probeHostAddress());
    if (test.composerMissesALine) {
      // Reaches into the handler's private field: the only way to stand for a composer that lags the browser.
      const prepared = handler as unknown as { answerTemplate: AnswerTemplate | null };
      if (prepared.answerTemplate) prepared.answerTemplate = { ...prepared.answerTemplate, rtcpXr: null };
    }
    const far = await farEndOffer('reachable', []);
    const offerSdp = test.garbledFingerprint ? far.sdp.replace(/^(a=fingerprint:sha-256 )[0-9A-F]{2}/m, '$1ZZ') : far.sdp;
    try {
      await handler.setDescription(offerSdp, AUDIO_ONLY);
    } catch (error) {
      handler.close();
      far.peer.close();
      return { answeredBeforeBrowser: false, installedAsSent: false, refusedBeforeAnswer: String(error), mediaError: null, mediaStart: null, farEndPackets: 0, ourPackets: 0, connectionAddress: null, answerCandidates: 0 };
    }
    const answer = await handler.getDescription(AUDIO_ONLY);
    const answeredBeforeBrowser = handler.peerConnection?.remoteDescription === null;
    let mediaStart: MediaStart | null = null;
    let mediaError: string | null = null;
    try {
      mediaStart = await handler.mediaStarted();
    } catch (error) {
      mediaError = String(error);
    }
    const installedAsSent = mediaError === null && negotiated(handler.peerConnection?.localDescription?.sdp ?? '') === negotiated(answer.body);
    let farEndPackets = 0;
    let ourPackets = 0;
    if (mediaError === null) {
      await far.peer.setRemoteDescription({ type: 'answer', sdp: answer.body });
      if (mediaStart === 'own-answer') {
        // What the engine then does over SIP (restartCallMedia): a re-INVITE offering the browser's own description.
        const reOffer = await handler.getDescription({ ...AUDIO_ONLY, offerOptions: { iceRestart: true } });
        await far.peer.setRemoteDescription({ type: 'offer', sdp: reOffer.body });
        await far.peer.setLocalDescription(await far.peer.createAnswer());
        await gatheringComplete(far.peer);
        await handler.setDescription(far.peer.localDescription?.sdp ?? '', AUDIO_ONLY);
      }
      farEndPackets = await packetsAt(far.peer);
      ourPackets = handler.peerConnection ? await packetsAt(handler.peerConnection) : 0;
    }
    handler.close();
    far.peer.close();
    const connection = parse(answer.body).media[0]?.connection?.ip ?? null;
    return { answeredBeforeBrowser, installedAsSent, refusedBeforeAnswer: null, mediaError, mediaStart, farEndPackets, ourPackets, connectionAddress: connection, answerCandidates: (answer.body.match(/^a=candidate:/gm) ?? []).length };
  },
  async offer(test) {
    const handler = new PhoneMediaHandler(loggers.getLogger('sip.SessionDescriptionHandler'), openMicrophone, handlerConfiguration({ iceServers: test.iceServers, iceGatheringTimeoutMs: test.iceGatheringTimeoutMs }));
    let far: RTCPeerConnection | null = null;
    if (!test.firstOffer) {
      const offer = await farEndOffer(test.farEnd, test.extraCandidates);
      far = offer.peer;
      await handler.setDescription(offer.sdp, AUDIO_ONLY);
      await handler.getDescription(AUDIO_ONLY);
      // A network change comes long after the call was set up: its first gathering is over.
      await gatheringComplete(handler.peerConnection);
    }
    const peer = handler.peerConnection;
    peer?.setConfiguration({ ...peer.getConfiguration(), iceServers: test.restartIceServers });
    const ufragBefore = /^a=ice-ufrag:(\S+)/m.exec(handler.peerConnection?.localDescription?.sdp ?? '')?.[1] ?? null;
    const started = performance.now();
    const offer = await handler.getDescription({ ...AUDIO_ONLY, offerOptions: { iceRestart: !test.firstOffer } });
    const offerMs = performance.now() - started;
    const ufragAfter = /^a=ice-ufrag:(\S+)/m.exec(offer.body)?.[1] ?? null;
    handler.close();
    far?.close();
    return { offerMs, offerCandidates: (offer.body.match(/^a=candidate:/gm) ?? []).length, restartsIce: ufragBefore !== null && ufragAfter !== ufragBefore };
  },
};
