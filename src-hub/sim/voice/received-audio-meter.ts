/**
 * Counts and measures what the far end sends us, so a test (or a log line) can prove that the
 * agent is heard: packets, bytes, and the level of PCMU audio on the same 0…1 scale as WebRTC's
 * audioLevel.
 */
import type { MediaStreamTrack, RtpPacket } from 'werift';
import { mulawRmsLevel } from './mulaw';

const PCMU_PAYLOAD_TYPE = 0;

export interface ReceivedAudio {
  packets: number;
  bytes: number;
  /** RMS level of the last PCMU packet (0…1); 0 before any. */
  lastLevel: number;
  /** Highest RMS level of any PCMU packet so far (0…1). */
  peakLevel: number;
}

export class ReceivedAudioMeter {
  private readonly stats: ReceivedAudio = { packets: 0, bytes: 0, lastLevel: 0, peakLevel: 0 };
  private readonly unsubscribes: Array<() => void> = [];
  private readonly attached = new Set<MediaStreamTrack>();

  /** Idempotent: a renegotiation that announces the same track again does not double the counts. */
  attach(track: MediaStreamTrack): void {
    if (this.attached.has(track)) return;
    this.attached.add(track);
    const { unSubscribe } = track.onReceiveRtp.subscribe((packet: RtpPacket) => this.count(packet));
    this.unsubscribes.push(unSubscribe);
  }

  snapshot(): ReceivedAudio {
    return { ...this.stats };
  }

  detach(): void {
    for (const unsubscribe of this.unsubscribes.splice(0)) unsubscribe();
    this.attached.clear();
  }

  private count(packet: RtpPacket): void {
    this.stats.packets += 1;
    this.stats.bytes += packet.payload.length;
    if (packet.header.payloadType === PCMU_PAYLOAD_TYPE) {
      this.stats.lastLevel = mulawRmsLevel(packet.payload);
      this.stats.peakLevel = Math.max(this.stats.peakLevel, this.stats.lastLevel);
    }
  }
}
