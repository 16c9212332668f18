/**
 * Listens to a call's far-end track for DTMF (dtmf-detector.ts). The decoded audio is read with
 * MediaStreamTrackProcessor (WebCodecs AudioData, 10 ms per frame in Chromium): it runs off the
 * audio the browser already decodes, is not held back by timer throttling in a hidden window,
 * and needs no worklet module to load. A browser without it hears no digits in the audio; SIP
 * INFO digits are still shown.
 */
import { createDtmfDetector, type DtmfDetector } from './dtmf-detector';

interface AudioFrame {
  readonly sampleRate: number;
  readonly numberOfFrames: number;
  /** Microseconds. */
  readonly timestamp: number;
  readonly duration: number;
  copyTo(destination: Float32Array, options: { planeIndex: number; format: 'f32-planar' }): void;
  close(): void;
}

interface TrackProcessor {
  readonly readable: ReadableStream<AudioFrame>;
}

type TrackProcessorConstructor = new (init: { track: MediaStreamTrack }) => TrackProcessor;

function trackProcessorOf(scope: object): TrackProcessorConstructor | null {
  const candidate = (scope as { MediaStreamTrackProcessor?: unknown }).MediaStreamTrackProcessor;
  return typeof candidate === 'function' ? (candidate as TrackProcessorConstructor) : null;
}

/** Starts listening; returns the stop function (also safe after the track ended). */
export function listenForDtmf(scope: object, track: MediaStreamTrack, onDigit: (digit: string) => void, onError: (error: unknown) => void): () => void {
  const Processor = trackProcessorOf(scope);
  if (!Processor) return () => undefined;
  const reader = new Processor({ track }).readable.getReader();
  let stopped = false;
  void (async () => {
    let detector: DtmfDetector | null = null;
    let rate = 0;
    let samples = new Float32Array(0);
    let expectedAt: number | null = null;
    for (;;) {
      const { value: frame, done } = await reader.read();
      if (done || stopped) {
        frame?.close();
        return;
      }
      try {
        if (frame.sampleRate !== rate) {
          rate = frame.sampleRate;
          detector = createDtmfDetector(rate, onDigit);
        }
        // A frame later than the last one's end: frames were dropped while this page was busy.
        if (expectedAt !== null && frame.timestamp - expectedAt > frame.duration / 2) detector?.discontinuity();
        expectedAt = frame.timestamp + frame.duration;
        if (samples.length !== frame.numberOfFrames) samples = new Float32Array(frame.numberOfFrames);
        // The first channel: the far end's voice is mono, whatever the layout it is decoded to.
        frame.copyTo(samples, { planeIndex: 0, format: 'f32-planar' });
        detector?.push(samples);
      } finally {
        frame.close();
      }
    }
  })().catch((error: unknown) => {
    if (!stopped) onError(error);
  });
  return () => {
    stopped = true;
    void reader.cancel().catch(() => undefined);
  };
}
