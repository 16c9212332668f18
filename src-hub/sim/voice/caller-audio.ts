/**
 * What a simulated party sounds like, as 8 kHz 16-bit PCM: a caller "speaking" (syllables of
 * vowel-like sound with a falling pitch, pauses between phrases: an agent hears someone talking,
 * not a test tone) or the outside world's two-tone pattern. Generated once, then looped by the
 * RTP pump. Loud enough (peaks about −6 dBFS) that WebRTC's audioLevel on the agent side is
 * plainly above zero.
 */
import { SeededRandom } from '../../demo/seeded-random';

export const SAMPLE_RATE = 8_000;
/** 20 ms of audio at 8 kHz: one RTP packet of PCMU. */
export const SAMPLES_PER_FRAME = 160;

export type CallerSound = 'voice' | 'tone';

/** Vowel formants (F1, F2 in Hz) of a, e, i, o, u: what makes the buzz sound like speech. */
const VOWELS: ReadonlyArray<readonly [number, number]> = [
  [800, 1200],
  [500, 1800],
  [300, 2300],
  [500, 900],
  [320, 800],
];

const PEAK = 0.5 * 32_767;

/** A few seconds of speech-like sound: three phrases of syllables, each phrase ending in a pause. */
function speechLike(seed: number): Int16Array {
  const rnd = new SeededRandom(seed);
  const samples: number[] = [];
  const silence = (ms: number): void => {
    for (let i = 0; i < (ms * SAMPLE_RATE) / 1000; i += 1) samples.push(0);
  };
  for (let phrase = 0; phrase < 3; phrase += 1) {
    const syllables = rnd.int(4, 7);
    const startPitch = 150 + rnd.next() * 60;
    for (let s = 0; s < syllables; s += 1) {
      // Pitch falls over the phrase, as in a spoken statement.
      const f0 = startPitch * (1 - (0.25 * s) / syllables);
      const [f1, f2] = rnd.pick(VOWELS);
      const length = Math.round(((140 + rnd.next() * 120) * SAMPLE_RATE) / 1000);
      const harmonics: Array<{ k: number; gain: number }> = [];
      for (let k = 1; k * f0 < 3400; k += 1) {
        const f = k * f0;
        const resonance = (centre: number, width: number): number => 1 / (1 + ((f - centre) / width) ** 2);
        harmonics.push({ k, gain: (resonance(f1, 120) + 0.6 * resonance(f2, 180) + 0.05) / Math.sqrt(k) });
      }
      const norm = harmonics.reduce((sum, h) => sum + h.gain, 0);
      for (let i = 0; i < length; i += 1) {
        const t = i / SAMPLE_RATE;
        const attack = Math.min(1, i / (0.02 * SAMPLE_RATE));
        const release = Math.min(1, (length - i) / (0.04 * SAMPLE_RATE));
        let value = 0;
        for (const h of harmonics) value += h.gain * Math.sin(2 * Math.PI * h.k * f0 * t);
        samples.push((PEAK * attack * release * value) / norm);
      }
      silence(40 + rnd.next() * 60);
    }
    silence(450 + rnd.next() * 250);
  }
  return Int16Array.from(samples, (v) => Math.max(-32_768, Math.min(32_767, Math.round(v))));
}

/** 440 Hz and 620 Hz, 400 ms each with a 100 ms gap: unmistakably "the other end", not a voice. */
function twoTones(): Int16Array {
  const samples: number[] = [];
  for (const frequency of [440, 620]) {
    const toneLength = 0.4 * SAMPLE_RATE;
    for (let i = 0; i < toneLength; i += 1) {
      const edge = Math.min(1, i / 80, (toneLength - i) / 80);
      samples.push(PEAK * edge * Math.sin((2 * Math.PI * frequency * i) / SAMPLE_RATE));
    }
    for (let i = 0; i < 0.1 * SAMPLE_RATE; i += 1) samples.push(0);
  }
  return Int16Array.from(samples, (v) => Math.round(v));
}

/** The loop a party plays, padded to whole 20 ms frames. `seed` varies the voice between callers. */
export function callerSound(kind: CallerSound, seed = 1): Int16Array {
  const raw = kind === 'voice' ? speechLike(seed) : twoTones();
  const frames = Math.ceil(raw.length / SAMPLES_PER_FRAME);
  const padded = new Int16Array(frames * SAMPLES_PER_FRAME);
  padded.set(raw);
  return padded;
}
