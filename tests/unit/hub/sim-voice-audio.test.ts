/**
 * The simulated parties' sound: G.711 µ-law against the standard's fixed points and its
 * quantisation bound, and the generated prompt/tone being loud enough to register as speech on
 * the agent's side (WebRTC audioLevel is an RMS on the same 0…1 scale as mulawRmsLevel).
 */
import { describe, expect, it } from 'vitest';
import { callerSound, SAMPLES_PER_FRAME } from '../../../src-hub/sim/voice/caller-audio';
import { encodeMulaw, linearToMulaw, mulawRmsLevel, mulawToLinear } from '../../../src-hub/sim/voice/mulaw';

describe('G.711 µ-law', () => {
  it('maps the fixed points of the standard', () => {
    expect(linearToMulaw(0)).toBe(0xff);
    expect(linearToMulaw(32_767)).toBe(0x80);
    expect(linearToMulaw(-32_768)).toBe(0x00);
    expect(mulawToLinear(0xff)).toBe(0);
    expect(mulawToLinear(0x80)).toBe(32_124);
    expect(mulawToLinear(0x00)).toBe(-32_124);
  });

  it('round-trips every 16-bit sample within one quantisation step of its segment', () => {
    for (let sample = -32_124; sample <= 32_124; sample += 7) {
      const back = mulawToLinear(linearToMulaw(sample));
      const segmentStep = Math.max(8, 2 ** Math.floor(Math.log2(Math.abs(sample) + 132)) / 16);
      expect(Math.abs(back - sample)).toBeLessThanOrEqual(segmentStep);
      expect(Math.sign(back) * Math.sign(sample)).not.toBe(-1);
    }
  });
});

describe('simulated sound', () => {
  it('a caller speaks in syllables with pauses, loud enough to be heard, and different callers sound different', () => {
    const voice = callerSound('voice', 1);
    expect(voice.length % SAMPLES_PER_FRAME).toBe(0);
    expect(voice.length / 8_000).toBeGreaterThan(2);
    const levels: number[] = [];
    for (let i = 0; i < voice.length; i += SAMPLES_PER_FRAME) levels.push(mulawRmsLevel(encodeMulaw(voice.subarray(i, i + SAMPLES_PER_FRAME))));
    const loud = levels.filter((l) => l > 0.05).length;
    const quiet = levels.filter((l) => l < 0.005).length;
    expect(loud / levels.length).toBeGreaterThan(0.4);
    expect(quiet / levels.length).toBeGreaterThan(0.1);
    expect(Math.max(...levels)).toBeLessThan(0.6);
    expect(callerSound('voice', 2)).not.toEqual(voice);
  });

  it('the outside world plays two alternating tones', () => {
    const tone = callerSound('tone');
    const zeroCrossings = (from: number, to: number): number => {
      let n = 0;
      for (let i = from + 1; i < to; i += 1) if (Math.sign(tone[i - 1] ?? 0) !== Math.sign(tone[i] ?? 0) && tone[i] !== 0) n += 1;
      return n;
    };
    // 100 ms windows inside each tone: 440 Hz ≈ 88 crossings, 620 Hz ≈ 124.
    expect(zeroCrossings(800, 1_600)).toBeGreaterThan(80);
    expect(zeroCrossings(800, 1_600)).toBeLessThan(96);
    expect(zeroCrossings(4_800, 5_600)).toBeGreaterThan(116);
    expect(zeroCrossings(4_800, 5_600)).toBeLessThan(132);
  });
});
