/**
 * What a person at a page hears, by frequency: every <audio> element playing a live stream is
 * tapped with a WebAudio analyser (FFT), and the loudest level at each frequency is read, five
 * times over a second and averaged. With each party's fake microphone playing its own tone, this
 * says exactly who hears whom.
 */
import type { Page } from 'playwright-core';

/** A tone this far above the quiet bins is "heard"; silence and codec noise sit far below. */
export const HEARD_DB = -75;

interface Ears {
  context: AudioContext;
  taps: Map<HTMLAudioElement, AnalyserNode>;
}

/** dB at each frequency in what the page plays now (one read). */
function listenOnce(frequencies: number[]): number[] {
  const scope = window as unknown as { centralitaTestEars?: Ears };
  const ears = (scope.centralitaTestEars ??= { context: new AudioContext(), taps: new Map() });
  void ears.context.resume();
  for (const [element, analyser] of ears.taps) {
    if (!element.isConnected) {
      analyser.disconnect();
      ears.taps.delete(element);
    }
  }
  for (const element of document.querySelectorAll('audio')) {
    const stream = element.srcObject;
    if (ears.taps.has(element) || !(stream instanceof MediaStream) || stream.getAudioTracks().length === 0) continue;
    const analyser = ears.context.createAnalyser();
    analyser.fftSize = 8192;
    analyser.smoothingTimeConstant = 0.5;
    ears.context.createMediaStreamSource(stream).connect(analyser);
    ears.taps.set(element, analyser);
  }
  const binHz = ears.context.sampleRate / 8192;
  const loudest = frequencies.map(() => -160);
  for (const analyser of ears.taps.values()) {
    const spectrum = new Float32Array(analyser.frequencyBinCount);
    analyser.getFloatFrequencyData(spectrum);
    frequencies.forEach((hz, index) => {
      const centre = Math.round(hz / binHz);
      for (let bin = centre - 2; bin <= centre + 2; bin += 1) loudest[index] = Math.max(loudest[index] ?? -160, spectrum[bin] ?? -160);
    });
  }
  return loudest;
}

export async function hears<Name extends string>(page: Page, tones: Record<Name, number>): Promise<Record<Name, number>> {
  const names = Object.keys(tones) as Name[];
  const frequencies = names.map((name) => tones[name]);
  const sums = names.map(() => 0);
  for (let read = 0; read < 5; read += 1) {
    const levels = await page.evaluate(listenOnce, frequencies);
    levels.forEach((level, index) => (sums[index] = (sums[index] ?? 0) + Math.max(level, -160) / 5));
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return Object.fromEntries(names.map((name, index) => [name, Math.round(sums[index] ?? -160)])) as Record<Name, number>;
}

/** Reads until `check` holds (jitter buffers drain, mixes take a moment), or throws with the last reading. */
export async function hearsUntil<Name extends string>(page: Page, tones: Record<Name, number>, check: (heard: Record<Name, number>) => boolean, what: string, timeoutMs = 15_000): Promise<Record<Name, number>> {
  const deadline = Date.now() + timeoutMs;
  let heard = await hears(page, tones);
  while (!check(heard)) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms; last heard (dB) ${JSON.stringify(heard)}`);
    heard = await hears(page, tones);
  }
  return heard;
}
