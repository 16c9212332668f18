/**
 * Plays a looped PCM sound as PCMU RTP, one 20 ms packet per frame, paced by the wall clock (not
 * by counting timer ticks, which drift under load). werift's sender rewrites SSRC and payload
 * type from the negotiated codec; we own sequence numbers, timestamps and the marker bit.
 */
import { randomInt } from 'node:crypto';
import { RtpHeader, RtpPacket, type MediaStreamTrack } from 'werift';
import { SAMPLES_PER_FRAME } from './caller-audio';
import { encodeMulaw } from './mulaw';

const FRAME_MS = 20;
/** After a stall longer than this (a busy event loop), skip ahead instead of bursting old audio. */
const MAX_CATCH_UP_FRAMES = 5;
const PCMU_PAYLOAD_TYPE = 0;

export class PacedAudioSender {
  private readonly payload: Buffer;
  private readonly frameCount: number;
  private timer: NodeJS.Timeout | null = null;
  private startedAt = 0;
  private framesDue = 0;
  private position = 0;
  private sequenceNumber = randomInt(0, 0x10000);
  private timestamp = randomInt(0, 0x1_0000_0000);
  private paused = false;
  private talkspurtStart = true;
  /** RTP packets handed to the sender since start. */
  packetsSent = 0;

  constructor(
    private readonly track: MediaStreamTrack,
    sound: Int16Array,
  ) {
    this.payload = encodeMulaw(sound);
    this.frameCount = Math.max(1, Math.floor(sound.length / SAMPLES_PER_FRAME));
  }

  start(): void {
    if (this.timer) return;
    this.startedAt = performance.now();
    this.framesDue = 0;
    this.timer = setInterval(() => this.sendDueFrames(), FRAME_MS / 2);
    this.timer.unref();
  }

  /** While held (or the far end cannot receive) nothing is sent; RTP timestamps keep running. */
  setPaused(paused: boolean): void {
    if (paused && !this.paused) this.talkspurtStart = true;
    this.paused = paused;
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private sendDueFrames(): void {
    const due = Math.floor((performance.now() - this.startedAt) / FRAME_MS);
    let behind = due - this.framesDue;
    if (behind > MAX_CATCH_UP_FRAMES) {
      this.advance(behind - 1);
      this.talkspurtStart = true;
      behind = 1;
    }
    for (; behind > 0; behind -= 1) {
      if (!this.paused && !this.track.stopped) this.sendFrame();
      this.advance(1);
    }
  }

  private advance(frames: number): void {
    this.framesDue += frames;
    this.position = (this.position + frames) % this.frameCount;
    this.timestamp = (this.timestamp + frames * SAMPLES_PER_FRAME) >>> 0;
  }

  private sendFrame(): void {
    const offset = this.position * SAMPLES_PER_FRAME;
    const header = new RtpHeader({
      payloadType: PCMU_PAYLOAD_TYPE,
      sequenceNumber: this.sequenceNumber,
      timestamp: this.timestamp,
      marker: this.talkspurtStart,
    });
    this.track.writeRtp(new RtpPacket(header, this.payload.subarray(offset, offset + SAMPLES_PER_FRAME)));
    this.sequenceNumber = (this.sequenceNumber + 1) & 0xffff;
    this.talkspurtStart = false;
    this.packetsSent += 1;
  }
}
