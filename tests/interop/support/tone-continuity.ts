/**
 * How continuously a listener heard a steady tone, measured the same way for every phone: the
 * received audio (what the phone played, as samples) is cut into 20 ms windows and the tone's
 * level in each is found with the Goertzel filter. A window "has the tone" when its level is at
 * most `belowSteadyDb` under the recording's steady level (the median window) and audible at all
 * (above −60 dBFS). A concealed loss that keeps the tone passes; a gap, an underrun's silence, or
 * concealment that fades or smears the tone does not.
 *
 * The level is the power of the tone's DFT bin and the two beside it (±1 / window: ±50 Hz for
 * 20 ms), so a tone with a slight vibrato reads its full level: the test's tone wavers by ±20 Hz
 * so that the encoder takes it for speech and protects it with FEC. With 20 ms windows a 1 kHz
 * tone fills a whole number of cycles at 8, 16, 44.1 and 48 kHz, so a clean steady tone reads
 * its true amplitude.
 */

export interface ToneContinuity {
  windows: number;
  /** Windows with the tone, and their share of all windows (0..1). */
  heard: number;
  share: number;
  /** The steady level: the median window's tone amplitude, dBFS. */
  steadyDb: number;
  /** The longest run of windows without the tone, ms (0 when none). */
  longestMissingMs: number;
}

/** |X(hz)|² of samples[start, start + size): one Goertzel pass. */
function binPower(samples: Float32Array, start: number, size: number, hz: number, sampleRate: number): number {
  const coefficient = 2 * Math.cos((2 * Math.PI * hz) / sampleRate);
  let previous = 0;
  let beforePrevious = 0;
  for (let index = start; index < start + size; index += 1) {
    const current = (samples[index] ?? 0) + coefficient * previous - beforePrevious;
    beforePrevious = previous;
    previous = current;
  }
  return Math.max(0, previous * previous + beforePrevious * beforePrevious - coefficient * previous * beforePrevious);
}

/** The tone's amplitude in each whole window, dBFS (a full-scale sine reads 0 dB). */
export function toneLevelsDb(samples: Float32Array, sampleRate: number, hz: number, windowMs = 20): number[] {
  const size = Math.round((sampleRate * windowMs) / 1000);
  const binHz = 1000 / windowMs;
  const levels: number[] = [];
  for (let start = 0; start + size <= samples.length; start += size) {
    const power = binPower(samples, start, size, hz - binHz, sampleRate) + binPower(samples, start, size, hz, sampleRate) + binPower(samples, start, size, hz + binHz, sampleRate);
    const amplitude = (2 * Math.sqrt(power)) / size;
    levels.push(20 * Math.log10(Math.max(amplitude, 1e-10)));
  }
  return levels;
}

/** Below this a tone is not heard on a call at all, whatever the recording's steady level. */
const INAUDIBLE_DB = -60;

export function toneContinuity(samples: Float32Array, sampleRate: number, hz: number, options: { windowMs?: number; belowSteadyDb?: number } = {}): ToneContinuity {
  const windowMs = options.windowMs ?? 20;
  const below = options.belowSteadyDb ?? 6;
  const levels = toneLevelsDb(samples, sampleRate, hz, windowMs);
  const sorted = [...levels].sort((a, b) => a - b);
  const steadyDb = sorted[Math.floor(sorted.length / 2)] ?? -200;
  // A silent recording's "steady level" is silence: nothing in it counts as heard.
  const threshold = Math.max(steadyDb - below, INAUDIBLE_DB);
  let heard = 0;
  let run = 0;
  let longest = 0;
  for (const level of levels) {
    if (level >= threshold) {
      heard += 1;
      run = 0;
    } else {
      run += 1;
      longest = Math.max(longest, run);
    }
  }
  return { windows: levels.length, heard, share: levels.length > 0 ? heard / levels.length : 0, steadyDb, longestMissingMs: longest * windowMs };
}
