/**
 * Measures each connected call once a second from WebRTC's getStats, judges it
 * (src-common/call-quality.ts) and reports `call-quality`; when the call ends, reports its
 * summary (`call-quality-summary`) for the hub. Runs in the phone host, beside the calls, so a
 * UI reload does not lose a call's history.
 */
import { CallQualityJudge, summariseCallQuality, type CallQuality, type QualitySample } from '../../src-common/call-quality';
import type { Call } from '../../src-common/call';
import type { PhoneEvent } from '../../src-common/phone-contract';

/** The cumulative counters of the previous reading, to turn them into the last second's figures. */
export interface StatsCursor {
  packetsReceived: number;
  packetsLost: number;
}

interface StatsEntry {
  type: string;
  kind?: string;
  packetsReceived?: number;
  packetsLost?: number;
  jitter?: number;
  audioLevel?: number;
  codecId?: string;
  mimeType?: string;
  state?: string;
  nominated?: boolean;
  currentRoundTripTime?: number;
  roundTripTime?: number;
}

/** One second's sample from a stats report (any iterable of stats entries) and the previous cursor. */
export function sampleFromStats(
  report: Iterable<StatsEntry>,
  previous: StatsCursor | null,
  call: Pick<Call, 'muted' | 'state'>,
  micMutedBySystem: boolean,
): { sample: QualitySample; cursor: StatsCursor } | null {
  const entries = [...report];
  const inbound = entries.find((e) => e.type === 'inbound-rtp' && e.kind === 'audio');
  if (!inbound) return null;
  const codec = entries.find((e) => e.type === 'codec' && e.mimeType !== undefined && (inbound.codecId === undefined || (e as { id?: string }).id === inbound.codecId));
  const pair = entries.find((e) => e.type === 'candidate-pair' && e.state === 'succeeded' && e.nominated !== false && e.currentRoundTripTime !== undefined);
  const remoteInbound = entries.find((e) => e.type === 'remote-inbound-rtp' && e.roundTripTime !== undefined);
  const source = entries.find((e) => e.type === 'media-source' && e.kind === 'audio');
  const cursor = { packetsReceived: inbound.packetsReceived ?? 0, packetsLost: Math.max(0, inbound.packetsLost ?? 0) };
  const received = previous ? Math.max(0, cursor.packetsReceived - previous.packetsReceived) : cursor.packetsReceived;
  const lost = previous ? Math.max(0, cursor.packetsLost - previous.packetsLost) : cursor.packetsLost;
  // The far end's RTCP reports time the whole way to its RTP stack; the ICE pair's checks only
  // reach the first hop, which is the media relay (rtpengine, a PBX) when there is one.
  const rttSeconds = remoteInbound?.roundTripTime ?? pair?.currentRoundTripTime ?? 0;
  return {
    cursor,
    sample: {
      rttMs: rttSeconds * 1000,
      jitterMs: (inbound.jitter ?? 0) * 1000,
      lossPercent: received + lost > 0 ? (lost / (received + lost)) * 100 : 0,
      codec: (codec?.mimeType ?? 'audio/pcmu').split('/')[1]?.toLowerCase() ?? 'pcmu',
      packetsReceived: received,
      micLevel: source?.audioLevel ?? null,
      micMutedBySystem,
      remoteLevel: inbound.audioLevel ?? null,
      silencedByAgent: call.muted || call.state === 'held',
    },
  };
}

interface Followed {
  call: Call;
  judge: CallQualityJudge;
  cursor: StatsCursor | null;
  seconds: CallQuality[];
}

/** What the meter needs of a call's media: its stats and whether the system muted its microphone. */
export interface CallMedia {
  stats(callId: string): Promise<Iterable<StatsEntry> | null>;
  microphoneMutedBySystem(callId: string): boolean;
}

const MEASURED_STATES = new Set(['active', 'held']);
/** A day of seconds is the most one call keeps (the summary needs no more). */
const MAX_SECONDS = 86_400;

export class CallQualityMeter {
  private readonly calls = new Map<string, Followed>();
  private timer: ReturnType<typeof setInterval> | null = null;
  private measuring = false;

  constructor(
    private readonly media: CallMedia,
    private readonly emit: (event: PhoneEvent) => void,
    private readonly intervalMs = 1000,
  ) {}

  /** Follows the phone's events: starts measuring connected calls, summarises ended ones. */
  onEvent(event: PhoneEvent): void {
    if (event.type === 'call-updated' || event.type === 'incoming-call') {
      // Supervision legs are not customer calls: nothing of theirs goes to a timeline.
      if (event.call.supervision) return;
      const known = this.calls.get(event.call.id);
      if (known) known.call = event.call;
      else if (MEASURED_STATES.has(event.call.state)) this.calls.set(event.call.id, { call: event.call, judge: new CallQualityJudge(), cursor: null, seconds: [] });
      if (event.call.state === 'ended') this.finish(event.call.id);
    }
    if (event.type === 'call-removed') this.finish(event.callId);
    this.schedule();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.calls.clear();
  }

  private schedule(): void {
    if (this.calls.size > 0 && !this.timer) this.timer = setInterval(() => void this.measure(), this.intervalMs);
    if (this.calls.size === 0 && this.timer) {
      clearInterval(this.timer);
      this.timer = null;
    }
  }

  private async measure(): Promise<void> {
    if (this.measuring) return;
    this.measuring = true;
    try {
      for (const [callId, followed] of this.calls) {
        if (!MEASURED_STATES.has(followed.call.state)) continue;
        const report = await this.media.stats(callId).catch(() => null);
        if (!report || !this.calls.has(callId)) continue;
        const measured = sampleFromStats(report, followed.cursor, followed.call, this.media.microphoneMutedBySystem(callId));
        if (!measured) continue;
        followed.cursor = measured.cursor;
        const quality = followed.judge.next(measured.sample);
        if (followed.seconds.length < MAX_SECONDS) followed.seconds.push(quality);
        this.emit({ type: 'call-quality', callId, quality });
      }
    } finally {
      this.measuring = false;
    }
  }

  private finish(callId: string): void {
    const followed = this.calls.get(callId);
    if (!followed) return;
    this.calls.delete(callId);
    const itemId = followed.call.itemId;
    const summary = itemId ? summariseCallQuality(itemId, followed.seconds) : null;
    if (summary) this.emit({ type: 'call-quality-summary', callId, summary });
  }
}
