import { describe, expect, it } from 'vitest';
import { createDtmfDetector } from '../../../src-phone/audio/dtmf-detector';

const PAIRS: Record<string, [number, number]> = {
  '1': [697, 1209], '2': [697, 1336], '3': [697, 1477], A: [697, 1633],
  '4': [770, 1209], '5': [770, 1336], '6': [770, 1477], B: [770, 1633],
  '7': [852, 1209], '8': [852, 1336], '9': [852, 1477], C: [852, 1633],
  '*': [941, 1209], '0': [941, 1336], '#': [941, 1477], D: [941, 1633],
};

/** A deterministic noise source, so a failure can be replayed. */
function noise(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 30 - 1;
  };
}

interface Piece {
  ms: number;
  /** [frequency, amplitude] pairs summed. */
  tones?: Array<[number, number]>;
  noiseAmplitude?: number;
}

function render(rate: number, pieces: Piece[], seed = 7): Float32Array {
  const total = pieces.reduce((sum, piece) => sum + Math.round((piece.ms / 1000) * rate), 0);
  const out = new Float32Array(total);
  const random = noise(seed);
  let at = 0;
  for (const piece of pieces) {
    const count = Math.round((piece.ms / 1000) * rate);
    for (let i = 0; i < count; i += 1) {
      let value = 0;
      for (const [hz, amplitude] of piece.tones ?? []) value += amplitude * Math.sin((2 * Math.PI * hz * (at + i)) / rate);
      value += (piece.noiseAmplitude ?? 0) * random();
      out[at + i] = value;
    }
    at += count;
  }
  return out;
}

const key = (digit: string, ms: number, amplitude = 0.2, detune = 1, twistDb = 0): Piece => {
  const [low, high] = PAIRS[digit] ?? [0, 0];
  return { ms, tones: [[low * detune, amplitude], [high * detune, amplitude * 10 ** (twistDb / 20)]] };
};
const pause = (ms: number): Piece => ({ ms });

/** Feeds the audio in chunks of `chunk` samples (10 ms frames, as the browser delivers them). */
function heard(rate: number, audio: Float32Array, chunk = Math.round(rate / 100)): string {
  let digits = '';
  const detector = createDtmfDetector(rate, (digit) => (digits += digit));
  for (let at = 0; at < audio.length; at += chunk) detector.push(audio.subarray(at, at + chunk));
  return digits;
}

describe('DTMF heard in the far end’s audio', () => {
  it('hears all sixteen keys in order, at 48 kHz (WebRTC) and 8 kHz (a narrowband line)', () => {
    const keys = '123A456B789C*0#D';
    for (const rate of [48_000, 8_000]) {
      const audio = render(rate, [...keys].flatMap((digit) => [key(digit, 70), pause(60)]));
      expect(heard(rate, audio), `${rate} Hz`).toBe(keys);
    }
  });

  it('counts a key pressed again after a pause, and not twice while it is held', () => {
    const audio = render(48_000, [key('5', 400), pause(60), key('5', 80), pause(50), key('5', 80), pause(100)]);
    expect(heard(48_000, audio)).toBe('555');
  });

  it('counts a held key once through dropouts of up to 30 ms, and through frames lost under load', () => {
    expect(heard(48_000, render(48_000, [key('2', 60), pause(10), key('2', 60), pause(80)]))).toBe('2');
    expect(heard(48_000, render(48_000, [key('2', 60), pause(30), key('2', 60), pause(20), key('2', 40), pause(80)]))).toBe('2');
    // Lost frames: the tone jumps in phase where 10 ms went missing; the listener says so.
    const rate = 48_000;
    const tone = render(rate, [key('3', 200)]);
    let digits = '';
    const detector = createDtmfDetector(rate, (digit) => (digits += digit));
    for (let at = 0; at < tone.length; at += 480) {
      if (at === 4800 || at === 6240) {
        detector.discontinuity();
        continue;
      }
      detector.push(tone.subarray(at, at + 480));
    }
    detector.push(render(rate, [pause(80)]));
    expect(digits).toBe('3');
  });

  it('does not depend on how the audio is chunked', () => {
    const audio = render(48_000, [key('7', 90), pause(70), key('#', 90), pause(70)]);
    expect(heard(48_000, audio, 137)).toBe('7#');
    expect(heard(48_000, audio, 4096)).toBe('7#');
  });

  it('hears keys off-frequency by 1.5 %, with 6 dB of twist, quiet (-30 dBFS) or under noise (15 dB SNR)', () => {
    expect(heard(48_000, render(48_000, [key('9', 80, 0.2, 1.015), pause(60), key('2', 80, 0.2, 0.985), pause(60)]))).toBe('92');
    expect(heard(48_000, render(48_000, [key('4', 80, 0.2, 1, 6), pause(60), key('6', 80, 0.2, 1, -6), pause(60)]))).toBe('46');
    expect(heard(48_000, render(48_000, [key('0', 80, 0.0224), pause(60)]))).toBe('0');
    // Two tones of amplitude 0.2 carry 0.04 of power; uniform noise of ±0.065 carries 0.0014 (a²/3): 15 dB below.
    expect(heard(48_000, render(48_000, [{ ...key('8', 80), noiseAmplitude: 0.065 }, pause(60)]))).toBe('8');
  });

  it('counts a key of 40 ms, the shortest a receiver must accept (ITU-T Q.24)', () => {
    expect(heard(48_000, render(48_000, [key('6', 40), pause(60), key('C', 40), pause(60)]))).toBe('6C');
  });

  it('ignores what is not a key: blips under 23 ms, one tone, dial tone, chords, speech-like sound, noise, twist past 8 dB', () => {
    const rate = 48_000;
    const silentAfter = (pieces: Piece[]): string => heard(rate, render(rate, [...pieces, pause(100)]));
    expect(silentAfter([key('1', 20)])).toBe('');
    expect(silentAfter([{ ms: 500, tones: [[440, 0.3]] }])).toBe('');
    expect(silentAfter([{ ms: 500, tones: [[350, 0.2], [440, 0.2]] }])).toBe('');
    expect(silentAfter([{ ms: 500, tones: [[697, 0.2], [1000, 0.2]] }])).toBe('');
    expect(silentAfter([{ ms: 500, tones: [[697, 0.2], [1209, 0.2], [1336, 0.15]] }])).toBe('');
    // A voice: a 140 Hz fundamental with its harmonics up to 3.5 kHz, stronger low.
    const voice: Array<[number, number]> = Array.from({ length: 25 }, (_, i) => [140 * (i + 1), 0.3 / (i + 1)]);
    expect(silentAfter([{ ms: 1000, tones: voice }])).toBe('');
    expect(silentAfter([{ ms: 1000, noiseAmplitude: 0.5 }])).toBe('');
    expect(silentAfter([key('3', 100, 0.2, 1, 12)])).toBe('');
    expect(silentAfter([key('3', 100, 0.002)])).toBe('');
  });
});
