/** Test side of the media-gap measurement: where a recorded tone was missing around a disruption. */
import type { ToneSample } from './tone-recorder';

export interface ToneGap {
  /** The last sample the tone was heard before the gap, and the first after it (Date.now()). */
  lastHeardAt: number;
  heardAgainAt: number;
  lengthMs: number;
}

/**
 * The longest stretch without the tone that overlaps [fromMs, toMs] (the disruption), or null
 * when the tone never went missing there. A stretch still open at the end of the recording counts
 * as lasting to its last sample, with `heardAgainAt` Infinity.
 */
export function longestGap(samples: readonly ToneSample[], heardDb: number, fromMs: number, toMs: number): ToneGap | null {
  let best: ToneGap | null = null;
  let lastHeard: number | null = null;
  let open = false;
  const consider = (gap: ToneGap) => {
    if (gap.heardAgainAt < fromMs || gap.lastHeardAt > toMs) return;
    if (!best || gap.lengthMs > best.lengthMs) best = gap;
  };
  for (const sample of samples) {
    if (sample.db >= heardDb) {
      if (open && lastHeard !== null) consider({ lastHeardAt: lastHeard, heardAgainAt: sample.at, lengthMs: sample.at - lastHeard });
      open = false;
      lastHeard = sample.at;
    } else if (lastHeard !== null) {
      open = true;
    }
  }
  const last = samples.at(-1);
  if (open && lastHeard !== null && last) consider({ lastHeardAt: lastHeard, heardAgainAt: Infinity, lengthMs: last.at - lastHeard });
  return best;
}
