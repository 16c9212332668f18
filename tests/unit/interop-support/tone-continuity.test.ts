/**
 * The tone-continuity measure of the call-quality interop test, on audio whose gaps are known: it
 * must see every gap a listener would notice (silence, a faded tone), pass a clean tone, and read
 * a WAV file the way baresip's recorder writes it.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { toneContinuity, toneLevelsDb } from '../../interop/support/tone-continuity';
import { readWavMono } from '../../interop/support/wav-file';

const RATE = 48_000;

/** A tone; with `vibratoHz` its frequency wavers by that much, five times a second. */
function tone(seconds: number, hz = 1000, amplitude = 0.25, rate = RATE, vibratoHz = 0): Float32Array {
  const samples = new Float32Array(Math.round(seconds * rate));
  for (let index = 0; index < samples.length; index += 1) {
    const t = index / rate;
    samples[index] = amplitude * Math.sin(2 * Math.PI * hz * t + (vibratoHz / 5) * Math.sin(2 * Math.PI * 5 * t));
  }
  return samples;
}

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('tone continuity', () => {
  it('reads a clean tone at its amplitude in every window', () => {
    const levels = toneLevelsDb(tone(1), RATE, 1000);
    expect(levels).toHaveLength(50);
    for (const level of levels) expect(level).toBeCloseTo(20 * Math.log10(0.25), 1);
    expect(toneContinuity(tone(1), RATE, 1000)).toMatchObject({ windows: 50, heard: 50, share: 1, longestMissingMs: 0 });
  });

  it('counts silent and faded windows as missing, and finds the longest gap', () => {
    const samples = tone(2);
    samples.fill(0, 10 * 960, 13 * 960); // 60 ms of silence
    for (let index = 40 * 960; index < 41 * 960; index += 1) samples[index] = (samples[index] ?? 0) * 0.3; // 20 ms at −10 dB
    samples.fill(0, 70 * 960, 70 * 960 + 576); // 12 ms of silence in one window: −4.6 dB
    const measured = toneContinuity(samples, RATE, 1000);
    expect(measured.windows).toBe(100);
    expect(measured.heard).toBe(96);
    expect(measured.longestMissingMs).toBe(60);
    // A stricter threshold also drops the window that lost 12 ms.
    expect(toneContinuity(samples, RATE, 1000, { belowSteadyDb: 3 }).heard).toBe(95);
  });

  it('reads a tone with a slight vibrato at its level, not as a broken one', () => {
    const levels = toneLevelsDb(tone(1, 1000, 0.25, RATE, 20), RATE, 1000);
    for (const level of levels) expect(Math.abs(level - 20 * Math.log10(0.25))).toBeLessThan(1);
    expect(toneContinuity(tone(1, 1000, 0.25, RATE, 20), RATE, 1000).share).toBe(1);
  });

  it('hears nothing in silence, even though silence is its steady level', () => {
    expect(toneContinuity(new Float32Array(RATE), RATE, 1000)).toMatchObject({ windows: 50, heard: 0, share: 0, longestMissingMs: 1000 });
  });

  it('does not take another frequency for the tone', () => {
    expect(toneContinuity(tone(1, 600), RATE, 1000).steadyDb).toBeLessThan(-100);
  });

  it('reads a 16-bit stereo WAV as mono samples at its own rate', () => {
    const dir = mkdtempSync(join(tmpdir(), 'wav-'));
    dirs.push(dir);
    const mono = tone(0.5, 1000, 0.5, 16_000);
    const data = Buffer.alloc(mono.length * 4);
    mono.forEach((value, index) => {
      data.writeInt16LE(Math.round(value * 32767), index * 4);
      data.writeInt16LE(Math.round(value * 32767), index * 4 + 2);
    });
    const header = Buffer.alloc(44);
    header.write('RIFF', 0);
    header.writeUInt32LE(36 + data.length, 4);
    header.write('WAVEfmt ', 8);
    header.writeUInt32LE(16, 16);
    header.writeUInt16LE(1, 20);
    header.writeUInt16LE(2, 22);
    header.writeUInt32LE(16_000, 24);
    header.writeUInt32LE(64_000, 28);
    header.writeUInt16LE(4, 32);
    header.writeUInt16LE(16, 34);
    header.write('data', 36);
    header.writeUInt32LE(data.length, 40);
    writeFileSync(join(dir, 'heard.wav'), Buffer.concat([header, data]));
    const read = readWavMono(join(dir, 'heard.wav'));
    expect(read.sampleRate).toBe(16_000);
    expect(read.samples).toHaveLength(8000);
    expect(toneContinuity(read.samples, read.sampleRate, 1000)).toMatchObject({ windows: 25, share: 1 });
    expect(toneContinuity(read.samples, read.sampleRate, 1000).steadyDb).toBeCloseTo(20 * Math.log10(0.5), 1);
  });
});
