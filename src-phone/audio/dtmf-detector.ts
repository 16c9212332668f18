/**
 * DTMF digits heard in the far end's audio. Browsers give a page no event for the RFC 4733
 * telephone-events they receive; Chromium's jitter buffer plays them out as the digit's two tones
 * instead, and a PSTN gateway may send the tones in the audio anyway. So the call's decoded audio
 * is listened to: Goertzel filters at the eight DTMF frequencies over a 25.6 ms window (the
 * classic 205 samples at 8 kHz), moved 10 ms at a time.
 *
 * A window holds a digit when one low and one high frequency carry most of its energy, each
 * stands well above the rest of its group, and neither outweighs the other by more than the twist
 * a telephone line allows. A digit counts once it is held for three windows in a row, which a
 * 40 ms key does and a 20 ms blip does not (ITU-T Q.24 asks to accept 40 ms and reject under
 * 23 ms), and the same key counts again only after a pause of about 50 ms (shorter breaks are
 * bridged): speech and music rarely hold that shape that long.
 */

const LOW_HZ = [697, 770, 852, 941] as const;
const HIGH_HZ = [1209, 1336, 1477, 1633] as const;
const KEYS = ['123A', '456B', '789C', '*0#D'] as const;

const WINDOW_SECONDS = 0.0256;
const HOP_SECONDS = 0.01;
/** Windows in a row that must hold the same digit before it counts. */
const PRESENT_WINDOWS = 3;
/**
 * Windows in a row without a digit that end a key press (the same key may then count again). A
 * pause of 50 ms gives four; a received RFC 4733 key is played out with dropouts of up to 30 ms
 * when its packets arrive late (seen through rtpengine under load), which give up to three.
 */
const ABSENT_WINDOWS = 4;
/** Each tone's amplitude at least this (about -46 dBFS): quieter is line noise, not a key. */
const MIN_TONE_AMPLITUDE = 0.005;
/** Share of the window's power the two tones must carry (as measured: a key 1.5 % off-frequency reads about half its power). */
const MIN_TONE_SHARE = 0.35;
/** Power of any other frequency of a group, relative to the group's strongest. */
const MAX_RIVAL_RATIO = 0.15;
/** Power ratio between the two tones either way (8 dB). */
const MAX_TWIST_RATIO = 10 ** 0.8;

export interface DtmfDetector {
  /** Mono samples in [-1, 1] at the detector's rate, in order, in chunks of any size. */
  push(samples: Float32Array): void;
  /**
   * Audio went missing before the next samples (frames dropped under load): no window spans the
   * jump, whose broken phase would read as a pause and count a held key twice.
   */
  discontinuity(): void;
}

export function createDtmfDetector(sampleRate: number, onDigit: (digit: string) => void): DtmfDetector {
  const length = Math.round(sampleRate * WINDOW_SECONDS);
  const hop = Math.max(1, Math.round(sampleRate * HOP_SECONDS));
  const ring = new Float32Array(length);
  const lowCoefficients = LOW_HZ.map((hz) => 2 * Math.cos((2 * Math.PI * hz) / sampleRate));
  const highCoefficients = HIGH_HZ.map((hz) => 2 * Math.cos((2 * Math.PI * hz) / sampleRate));
  let written = 0;
  let sinceWindow = 0;
  let candidate: string | null = null;
  let held = 0;
  let absent = 0;
  let counted: string | null = null;

  /** Power of one frequency over the ring, oldest sample first, scaled to a tone's amplitude². */
  const tonePower = (coefficient: number): number => {
    let s1 = 0;
    let s2 = 0;
    const oldest = written % length;
    // The ring read in order in two runs (oldest to end, then start to newest): no modulo per
    // sample on a path that runs 800 times a second per call.
    for (const [from, to] of [[oldest, length], [0, oldest]] as const) {
      for (let i = from; i < to; i += 1) {
        const s = (ring[i] ?? 0) + coefficient * s1 - s2;
        s2 = s1;
        s1 = s;
      }
    }
    const power = s1 * s1 + s2 * s2 - coefficient * s1 * s2;
    return (4 * power) / (length * length);
  };

  /** The digit this window holds, or null. */
  const digitInWindow = (): string | null => {
    let energy = 0;
    for (const sample of ring) energy += sample * sample;
    energy /= length;
    if (energy < (MIN_TONE_AMPLITUDE * MIN_TONE_AMPLITUDE) / 2) return null;
    const low = lowCoefficients.map(tonePower);
    const high = highCoefficients.map(tonePower);
    const row = strongest(low);
    const column = strongest(high);
    const lowPower = low[row] ?? 0;
    const highPower = high[column] ?? 0;
    if (Math.min(lowPower, highPower) < MIN_TONE_AMPLITUDE * MIN_TONE_AMPLITUDE) return null;
    // amplitude² / 2 is a tone's mean power.
    if ((lowPower + highPower) / 2 < MIN_TONE_SHARE * energy) return null;
    if (lowPower > highPower * MAX_TWIST_RATIO || highPower > lowPower * MAX_TWIST_RATIO) return null;
    if (low.some((p, i) => i !== row && p > lowPower * MAX_RIVAL_RATIO)) return null;
    if (high.some((p, i) => i !== column && p > highPower * MAX_RIVAL_RATIO)) return null;
    return KEYS[row]?.[column] ?? null;
  };

  const judge = (digit: string | null): void => {
    if (digit === null) {
      candidate = null;
      held = 0;
      absent += 1;
      if (absent >= ABSENT_WINDOWS) counted = null;
      return;
    }
    absent = 0;
    held = digit === candidate ? held + 1 : 1;
    candidate = digit;
    if (held >= PRESENT_WINDOWS && digit !== counted) {
      counted = digit;
      onDigit(digit);
    }
  };

  return {
    discontinuity() {
      written = 0;
      sinceWindow = 0;
      ring.fill(0);
    },
    push(samples) {
      for (const sample of samples) {
        ring[written % length] = sample;
        written += 1;
        sinceWindow += 1;
        if (written >= length && sinceWindow >= hop) {
          sinceWindow = 0;
          judge(digitInWindow());
        }
      }
    },
  };
}

function strongest(powers: readonly number[]): number {
  let best = 0;
  for (let i = 1; i < powers.length; i += 1) if ((powers[i] ?? 0) > (powers[best] ?? 0)) best = i;
  return best;
}
