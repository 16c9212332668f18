/**
 * Call quality the agent can act on: an E-model estimate of what the listener experiences
 * (ITU-T G.107, the simplified form used for VoIP: transmission rating R from delay and codec
 * impairments, mapped to MOS), from the figures WebRTC's getStats gives every second, and the
 * most likely cause of a bad call, named for a person: the network, your microphone (muted by
 * the system or hardware, silent, clipping) or the far end (nothing comes from them).
 *
 * Pure: the phone measures (src-phone/audio/call-quality-meter.ts), this judges, the panel shows.
 */
import { z } from 'zod';

/** What G.107 assumes when nothing else is known: R0 − Is with default values. */
const R_BASE = 93.2;
/** Loss robustness (Bpl) and equipment impairment (Ie) per codec, with packet loss concealment. */
const CODECS: Record<string, { ie: number; bpl: number; lookaheadMs: number }> = {
  // G.113 Appendix I: G.711 with PLC.
  pcmu: { ie: 0, bpl: 25.1, lookaheadMs: 0 },
  pcma: { ie: 0, bpl: 25.1, lookaheadMs: 0 },
  g722: { ie: 0, bpl: 25.1, lookaheadMs: 1.5 },
  // Opus is not in G.113; at WebRTC's voice bit rates with in-band FEC it conceals loss at least
  // as well as G.711 with PLC. Assumed here, and the figure the tests hold the code to.
  opus: { ie: 0, bpl: 30, lookaheadMs: 6.5 },
};
const PACKET_MS = 20;

export interface NetworkFigures {
  /** Round trip on the media path, ms. */
  rttMs: number;
  /** Interarrival jitter of what we receive, ms. */
  jitterMs: number;
  /** Share of packets lost over the last interval, 0..100. */
  lossPercent: number;
  /** Lower-case codec name (opus, pcmu…); unknown codecs count as G.711. */
  codec: string;
}

/** One-way mouth-to-ear delay: half the round trip, an adaptive jitter buffer (2 × jitter), packetisation and look-ahead. */
export function oneWayDelayMs(figures: Pick<NetworkFigures, 'rttMs' | 'jitterMs' | 'codec'>): number {
  const codec = CODECS[figures.codec] ?? CODECS['pcmu'];
  return figures.rttMs / 2 + 2 * figures.jitterMs + PACKET_MS + (codec?.lookaheadMs ?? 0);
}

/** R → MOS (G.107 Annex B). */
export function mosFromR(r: number): number {
  if (r <= 0) return 1;
  if (r >= 100) return 4.5;
  return 1 + 0.035 * r + r * (r - 60) * (100 - r) * 7e-6;
}

/** The E-model: transmission rating R and its MOS for these network figures (random loss, BurstR = 1). */
export function eModel(figures: NetworkFigures): { r: number; mos: number } {
  const codec = CODECS[figures.codec] ?? { ie: 0, bpl: 25.1, lookaheadMs: 0 };
  const delay = oneWayDelayMs(figures);
  const id = 0.024 * delay + (delay > 177.3 ? 0.11 * (delay - 177.3) : 0);
  const loss = Math.min(100, Math.max(0, figures.lossPercent));
  const ieEff = codec.ie + ((95 - codec.ie) * loss) / (loss + codec.bpl);
  const r = Math.max(0, Math.min(100, R_BASE - id - ieEff));
  return { r: Math.round(r * 10) / 10, mos: Math.round(mosFromR(r) * 100) / 100 };
}

export const QualityCause = z.enum(['good', 'network', 'no-media', 'mic-muted', 'mic-silent', 'mic-clipping', 'far-end-silent']);
export type QualityCause = z.infer<typeof QualityCause>;

/** One second of a call as the phone measured it. */
export const QualitySample = z.object({
  rttMs: z.number().min(0).max(60_000),
  jitterMs: z.number().min(0).max(60_000),
  lossPercent: z.number().min(0).max(100),
  codec: z.string().max(40),
  /** Packets received during the second. */
  packetsReceived: z.number().int().min(0),
  /** Our microphone's level (0..1, what we send) and whether the system muted its track. */
  micLevel: z.number().min(0).max(1).nullable(),
  micMutedBySystem: z.boolean(),
  /** The far end's level (0..1, what we receive). */
  remoteLevel: z.number().min(0).max(1).nullable(),
  /** The agent muted or held the call in the app: a silent microphone is then expected. */
  silencedByAgent: z.boolean(),
});
export type QualitySample = z.infer<typeof QualitySample>;

export const CallQuality = z.object({
  mos: z.number().min(1).max(4.5),
  r: z.number().min(0).max(100),
  rttMs: z.number(),
  jitterMs: z.number(),
  lossPercent: z.number(),
  codec: z.string().max(40),
  micLevel: z.number().min(0).max(1).nullable(),
  remoteLevel: z.number().min(0).max(1).nullable(),
  cause: QualityCause,
});
export type CallQuality = z.infer<typeof CallQuality>;

/** Below this MOS a call is poor (G.107's "many users dissatisfied" starts at R 60, MOS ≈ 3.1; 3.6 is where people start to notice). */
export const POOR_MOS = 3.6;
const SILENT_LEVEL = 0.002;
const CLIPPING_LEVEL = 0.98;
/** Seconds of silence before a microphone or a far end counts as silent (people pause). */
const SILENT_SECONDS = 8;
/** Clipping in this many of the recent seconds. */
const CLIPPING_SECONDS = 3;

/**
 * Judges a call second by second. The microphone and far-end verdicts need a few seconds of
 * history (a pause is not a broken microphone), so one judge follows one call.
 */
export class CallQualityJudge {
  private micSilentFor = 0;
  private remoteSilentFor = 0;
  private clipping: boolean[] = [];

  next(sample: QualitySample): CallQuality {
    const { r, mos } = eModel(sample);
    this.micSilentFor = !sample.silencedByAgent && sample.micLevel !== null && sample.micLevel < SILENT_LEVEL ? this.micSilentFor + 1 : 0;
    this.remoteSilentFor = sample.packetsReceived > 0 && sample.remoteLevel !== null && sample.remoteLevel < SILENT_LEVEL ? this.remoteSilentFor + 1 : 0;
    this.clipping = [...this.clipping, (sample.micLevel ?? 0) >= CLIPPING_LEVEL].slice(-5);
    return {
      mos,
      r,
      rttMs: Math.round(sample.rttMs),
      jitterMs: Math.round(sample.jitterMs * 10) / 10,
      lossPercent: Math.round(sample.lossPercent * 10) / 10,
      codec: sample.codec,
      micLevel: sample.micLevel,
      remoteLevel: sample.remoteLevel,
      cause: this.cause(sample, mos),
    };
  }

  /** The one thing to tell the agent, most actionable first: no audio at all, then their own microphone, then the network, then the far end. */
  private cause(sample: QualitySample, mos: number): QualityCause {
    if (sample.packetsReceived === 0) return 'no-media';
    if (sample.micMutedBySystem && !sample.silencedByAgent) return 'mic-muted';
    if (this.micSilentFor >= SILENT_SECONDS) return 'mic-silent';
    if (this.clipping.filter(Boolean).length >= CLIPPING_SECONDS) return 'mic-clipping';
    if (mos < POOR_MOS) return 'network';
    if (this.remoteSilentFor >= SILENT_SECONDS) return 'far-end-silent';
    return 'good';
  }
}

/** What the hub keeps of a call's quality: for the supervisor's agent list and the customer's timeline. */
export const CallQualitySummary = z.object({
  itemId: z.string().min(1).max(128),
  /** Seconds measured. */
  seconds: z.number().int().min(0).max(86_400),
  mosAverage: z.number().min(1).max(4.5),
  mosMin: z.number().min(1).max(4.5),
  /** The cause seen longest, other than good ('good' if none). */
  mainProblem: QualityCause,
  lossPercentMax: z.number().min(0).max(100),
  jitterMsMax: z.number().min(0),
  rttMsMax: z.number().min(0),
});
export type CallQualitySummary = z.infer<typeof CallQualitySummary>;

/** Folds a call's seconds into its summary; null when nothing was measured. */
export function summariseCallQuality(itemId: string, seconds: readonly CallQuality[]): CallQualitySummary | null {
  if (seconds.length === 0) return null;
  const problems = new Map<QualityCause, number>();
  for (const second of seconds) if (second.cause !== 'good') problems.set(second.cause, (problems.get(second.cause) ?? 0) + 1);
  const main = [...problems.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 'good';
  const round2 = (n: number): number => Math.round(n * 100) / 100;
  return {
    itemId,
    seconds: seconds.length,
    mosAverage: round2(seconds.reduce((sum, s) => sum + s.mos, 0) / seconds.length),
    mosMin: Math.min(...seconds.map((s) => s.mos)),
    mainProblem: main,
    lossPercentMax: Math.max(...seconds.map((s) => s.lossPercent)),
    jitterMsMax: Math.max(...seconds.map((s) => s.jitterMs)),
    rttMsMax: Math.max(...seconds.map((s) => s.rttMs)),
  };
}
