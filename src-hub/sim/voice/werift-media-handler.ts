/**
 * SIP.js's SessionDescriptionHandler for Node, on werift (WebRTC in TypeScript): offer/answer,
 * ICE, DTLS-SRTP and RTP, so a simulated party talks straight to Chromium's WebRTC in the
 * agent's phone, with no media relay in the lab. Audio only, PCMU only: every WebRTC stack and
 * SIP phone has it, and it needs no codec library. Non-trickle, like SIP: a description is
 * handed to SIP.js once ICE gathering has finished.
 *
 * Hold: an offer made with `{ hold: true }` says sendonly; a far-end offer of sendonly/inactive
 * gets recvonly/inactive back (werift answers the intersection) and our audio pauses until a
 * later offer lets us send again.
 */
import type { Session, SessionDescriptionHandler, SessionDescriptionHandlerFactory } from 'sip.js';
import { MediaStreamTrack, RTCPeerConnection, RTCRtpCodecParameters, type RTCRtpTransceiver } from 'werift';
import type { HubLogger } from '../../log';
import { callerSound, type CallerSound } from './caller-audio';
import { PacedAudioSender } from './paced-audio-sender';
import { ReceivedAudioMeter, type ReceivedAudio } from './received-audio-meter';

const SDP = 'application/sdp';
const DEFAULT_GATHERING_TIMEOUT_MS = 3_000;

export interface WeriftMediaOptions {
  sound: CallerSound;
  /** Varies the simulated voice between callers. */
  seed?: number;
  logger: HubLogger;
  iceGatheringTimeoutMs?: number;
}

/** What a test or a log line can see of a call's media. */
export interface MediaReport {
  connection: string;
  packetsSent: number;
  received: ReceivedAudio;
  /** True while what we offered or answered lets us send. */
  sending: boolean;
}

type Description = { type: 'offer' | 'answer'; sdp: string };
/** SIP.js modifiers take and return RTCSessionDescriptionInit-shaped objects. */
type Modifier = (description: Description) => Promise<{ type?: string; sdp?: string }>;

function wantsHold(options: unknown): boolean {
  return typeof options === 'object' && options !== null && (options as { hold?: unknown }).hold === true;
}

async function applyModifiers(description: Description, modifiers: readonly Modifier[] | undefined): Promise<Description> {
  let current = description;
  for (const modify of modifiers ?? []) {
    const next = await modify(current);
    current = { type: current.type, sdp: next.sdp ?? current.sdp };
  }
  return current;
}

export class WeriftMediaHandler implements SessionDescriptionHandler {
  private readonly peer: RTCPeerConnection;
  private readonly transceiver: RTCRtpTransceiver;
  private readonly sender: PacedAudioSender;
  private readonly meter = new ReceivedAudioMeter();
  private readonly log: HubLogger;
  private readonly gatheringTimeoutMs: number;
  private closed = false;

  constructor(options: WeriftMediaOptions) {
    this.log = options.logger;
    this.gatheringTimeoutMs = options.iceGatheringTimeoutMs ?? DEFAULT_GATHERING_TIMEOUT_MS;
    this.peer = new RTCPeerConnection({
      codecs: { audio: [new RTCRtpCodecParameters({ mimeType: 'audio/PCMU', clockRate: 8_000, channels: 1, payloadType: 0 })] },
      // Loopback too, so a lab machine without a network interface still connects.
      iceAdditionalHostAddresses: ['127.0.0.1'],
      iceUseIpv6: false,
      bundlePolicy: 'max-bundle',
    });
    const track = new MediaStreamTrack({ kind: 'audio' });
    this.transceiver = this.peer.addTransceiver(track, { direction: 'sendrecv' });
    this.transceiver.onTrack.subscribe((remote) => this.meter.attach(remote));
    this.sender = new PacedAudioSender(track, callerSound(options.sound, options.seed));
    this.peer.connectionStateChange.subscribe((state) => {
      this.log.debug({ state }, 'simulated party media connection');
      if (state === 'connected') this.sender.start();
    });
  }

  /** A factory for SIP.js's UserAgent: every session of that agent gets a handler like this. */
  static factory(options: WeriftMediaOptions): SessionDescriptionHandlerFactory {
    return (_session: Session) => new WeriftMediaHandler(options);
  }

  report(): MediaReport {
    return { connection: this.peer.connectionState, packetsSent: this.sender.packetsSent, received: this.meter.snapshot(), sending: this.canSend() };
  }

  async getDescription(options?: unknown, modifiers?: readonly Modifier[]): Promise<{ body: string; contentType: string }> {
    this.assertOpen();
    const answering = this.peer.signalingState === 'have-remote-offer';
    if (!answering) this.transceiver.setDirection(wantsHold(options) ? 'sendonly' : 'sendrecv');
    const created = answering ? await this.peer.createAnswer() : await this.peer.createOffer();
    const description = await applyModifiers({ type: answering ? 'answer' : 'offer', sdp: created.sdp }, modifiers);
    await this.peer.setLocalDescription(description);
    await this.iceGatheringComplete();
    this.assertOpen();
    if (answering) this.followNegotiatedDirection();
    const sdp = this.peer.localDescription?.sdp;
    if (!sdp) throw new Error('no local description after setLocalDescription');
    return { body: sdp, contentType: SDP };
  }

  hasDescription(contentType: string): boolean {
    return contentType.split(';')[0]?.trim().toLowerCase() === SDP;
  }

  async setDescription(sdp: string, _options?: unknown, modifiers?: readonly Modifier[]): Promise<void> {
    this.assertOpen();
    const type = this.peer.signalingState === 'have-local-offer' ? 'answer' : 'offer';
    const description = await applyModifiers({ type, sdp }, modifiers);
    await this.peer.setRemoteDescription(description);
    if (type === 'answer') this.followNegotiatedDirection();
  }

  async rollbackDescription(): Promise<void> {
    if (this.peer.signalingState === 'have-local-offer') await this.peer.setLocalDescription({ type: 'rollback' });
  }

  /** RFC 4733 would need a second payload type on werift's sender, which pins one codec: not offered. */
  sendDtmf(): boolean {
    return false;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.sender.stop();
    this.meter.detach();
    this.peer.close().catch((cause: unknown) => this.log.debug({ err: cause }, 'closing simulated media'));
  }

  private canSend(): boolean {
    const direction = this.transceiver.currentDirection;
    return direction === 'sendrecv' || direction === 'sendonly';
  }

  private followNegotiatedDirection(): void {
    this.sender.setPaused(!this.canSend());
  }

  private async iceGatheringComplete(): Promise<void> {
    if (this.peer.iceGatheringState === 'complete') return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(finish, this.gatheringTimeoutMs);
      const { unSubscribe } = this.peer.iceGatheringStateChange.subscribe((state) => {
        if (state === 'complete') finish();
      });
      function finish(): void {
        clearTimeout(timer);
        unSubscribe();
        resolve();
      }
    });
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('media handler closed');
  }
}
