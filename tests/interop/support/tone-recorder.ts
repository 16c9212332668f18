/**
 * Browser side of the media-gap measurement: how loud one frequency is in a stream, sampled every
 * 10 ms with wall-clock times (Date.now(), the same clock as the test process), so the test can
 * find when a tone stopped and came back. A short FFT (1024 points, about 21 ms at 48 kHz) keeps
 * the edges sharp; a 50 Hz-wide bin still isolates one party's tone from another's.
 */
export interface ToneSample {
  at: number;
  db: number;
}

export class ToneRecorder {
  readonly samples: ToneSample[] = [];
  private readonly timer: ReturnType<typeof setInterval>;
  private readonly analyser: AnalyserNode;

  constructor(audio: AudioContext, stream: MediaStream, hz: number) {
    this.analyser = audio.createAnalyser();
    this.analyser.fftSize = 1024;
    this.analyser.smoothingTimeConstant = 0;
    audio.createMediaStreamSource(stream).connect(this.analyser);
    const spectrum = new Float32Array(this.analyser.frequencyBinCount);
    const centre = Math.round(hz / (audio.sampleRate / this.analyser.fftSize));
    this.timer = setInterval(() => {
      this.analyser.getFloatFrequencyData(spectrum);
      let loudest = -Infinity;
      for (let bin = centre - 1; bin <= centre + 1; bin += 1) loudest = Math.max(loudest, spectrum[bin] ?? -Infinity);
      this.samples.push({ at: Date.now(), db: Math.max(loudest, -200) });
    }, 10);
  }

  stop(): void {
    clearInterval(this.timer);
    this.analyser.disconnect();
  }
}
