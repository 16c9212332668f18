/**
 * The call-quality test's printed comparison: one column per phone, one row per figure, so a run's
 * output can be pasted as it is. Formatting only; the test decides what passes.
 */
import type { CallQuality, NetworkFigures } from '../../../src-common/call-quality';
import type { WireFigures } from './jitter-relay';
import type { DirectionCount } from './media-loss';
import type { ToneContinuity } from './tone-continuity';

export interface PhoneUnderLoss {
  label: string;
  wire: WireFigures;
  loss: { in: DirectionCount; out: DirectionCount };
  /** What the phone played. */
  heard: ToneContinuity;
  /** What its decoder gave before its playout buffer, when that can be had. */
  decoded?: ToneContinuity;
}

export const lossShare = (count: DirectionCount): number => (count.packets > 0 ? count.dropped / count.packets : Number.NaN);
const percent = (share: number, digits = 1): string => `${(share * 100).toFixed(digits)} %`;
const lost = (count: DirectionCount): string => `${count.dropped}/${count.packets} (${percent(lossShare(count))})`;
const heard = (measured: ToneContinuity): string => `${percent(measured.share)} of ${measured.windows}, longest gap ${measured.longestMissingMs} ms`;

function table(rows: string[][]): string[] {
  const widths = rows[0]?.map((_, column) => Math.max(...rows.map((row) => row[column]?.length ?? 0))) ?? [];
  return rows.map((row) => `  ${row.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join(' | ')}`.trimEnd());
}

export function comparisonTable(run: { measuredMs: number; settleMs: number; hz: number; fecShare: number; lossProbability: number; maxDelayMs: number; phones: PhoneUnderLoss[] }): string {
  const column = (pick: (phone: PhoneUnderLoss) => string) => run.phones.map(pick);
  return [
    `call quality under loss and jitter: ${(run.measuredMs / 1000).toFixed(1)} s measured after ${run.settleMs / 1000} s settling, both phones on the same call at once`,
    `  far end: ${run.hz} Hz tone (±20 Hz vibrato) as Opus 32 kbit/s, ${percent(run.fecShare, 0)} of packets carrying in-band FEC`,
    `  imposed: ${percent(run.lossProbability, 0)} random loss each way (iptables statistic), 0-${run.maxDelayMs} ms uniform hold per packet toward the phone (RFC 3550 jitter ${(run.maxDelayMs / 3).toFixed(0)} ms)`,
    ...table([
      ['', ...column((phone) => phone.label)],
      ['media to the phone, lost/crossed', ...column((phone) => lost(phone.loss.in))],
      ['media from the phone, lost/crossed', ...column((phone) => lost(phone.loss.out))],
      ['jitter toward it, E|D| (RFC 3550 J at end)', ...column((phone) => `${phone.wire.meanTransitChangeMs.toFixed(1)} ms (${phone.wire.rfc3550JitterMs.toFixed(1)} ms)`)],
      ['mean hold, packets overtaken', ...column((phone) => `${phone.wire.meanDelayMs.toFixed(1)} ms, ${percent(phone.wire.reorderedShare)}`)],
      ['TONE HEARD (20 ms windows within 6 dB)', ...column((phone) => heard(phone.heard))],
      ['steady level of the tone', ...column((phone) => `${phone.heard.steadyDb.toFixed(1)} dBFS`)],
      ['decoder output, before playout', ...column((phone) => (phone.decoded ? heard(phone.decoded) : '-'))],
    ]),
  ].join('\n');
}

export function mosComparison(seconds: CallQuality[], expected: { r: number; mos: number }, wire: NetworkFigures): string {
  const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / Math.max(1, values.length);
  const mos = seconds.map((second) => second.mos);
  return [
    `  MOS our phone's meter showed: ${mean(mos).toFixed(2)} (mean of ${seconds.length} s, ${Math.min(...mos).toFixed(2)}-${Math.max(...mos).toFixed(2)}); it read loss ${mean(seconds.map((s) => s.lossPercent)).toFixed(1)} %, jitter ${mean(seconds.map((s) => s.jitterMs)).toFixed(1)} ms, round trip ${mean(seconds.map((s) => s.rttMs)).toFixed(0)} ms, ${seconds[0]?.codec ?? '?'}`,
    `  MOS of the E-model of the wire: ${expected.mos.toFixed(2)} (R ${expected.r}); loss ${wire.lossPercent.toFixed(1)} %, jitter ${wire.jitterMs.toFixed(1)} ms, one-way delay ${(wire.rttMs / 2).toFixed(0)} ms, ${wire.codec}`,
    `  difference: ${(mean(mos) - expected.mos).toFixed(2)}`,
  ].join('\n');
}
