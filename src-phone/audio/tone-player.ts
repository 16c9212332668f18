/**
 * Generated sounds (WebAudio, no audio files to ship or license): the inbound ringtone, the short
 * beep before an auto-answered call connects, and the speaker test. They play through a hidden
 * <audio> element fed by a MediaStreamAudioDestinationNode, so setSinkId routes them to the
 * agent's chosen speaker like call audio.
 */
import { routeToSpeaker } from './speaker-output';

/** One tone burst: frequencies mixed together, from `at` seconds for `duration` seconds. */
interface Burst {
  at: number;
  duration: number;
  frequencies: readonly number[];
  gain: number;
}

/** Two short rings then a pause: the classic pattern, distinct from the ringback callers hear. */
export const RING_PATTERN: readonly Burst[] = [
  { at: 0, duration: 0.4, frequencies: [440, 480], gain: 0.18 },
  { at: 0.6, duration: 0.4, frequencies: [440, 480], gain: 0.18 },
];
export const RING_PERIOD_S = 3;
/** A short, high beep: "a call is being connected to you now". */
export const BEEP: readonly Burst[] = [{ at: 0, duration: 0.18, frequencies: [1000], gain: 0.25 }];
export const SPEAKER_TEST: readonly Burst[] = [
  { at: 0, duration: 0.35, frequencies: [523.25], gain: 0.2 },
  { at: 0.4, duration: 0.35, frequencies: [659.25], gain: 0.2 },
  { at: 0.8, duration: 0.5, frequencies: [783.99], gain: 0.2 },
];

export function patternLengthS(pattern: readonly Burst[]): number {
  return pattern.reduce((end, burst) => Math.max(end, burst.at + burst.duration), 0);
}

export class TonePlayer {
  private context: AudioContext | null = null;
  private destination: MediaStreamAudioDestinationNode | null = null;
  private element: HTMLAudioElement | null = null;
  private speakerId = '';
  private ringTimer: ReturnType<typeof setInterval> | null = null;
  private ringNodes: OscillatorNode[] = [];

  constructor(private readonly doc: Document) {}

  async setSpeaker(speakerId: string): Promise<boolean> {
    this.speakerId = speakerId;
    return this.element ? routeToSpeaker(this.element, speakerId) : true;
  }

  get ringing(): boolean {
    return this.ringTimer !== null;
  }

  startRingtone(): void {
    if (this.ringTimer !== null) return;
    // The previous cycle has finished when the next one starts (the period outlasts the pattern).
    const ring = () => {
      this.ringNodes = this.schedule(RING_PATTERN);
    };
    ring();
    this.ringTimer = setInterval(ring, RING_PERIOD_S * 1000);
  }

  stopRingtone(): void {
    if (this.ringTimer !== null) clearInterval(this.ringTimer);
    this.ringTimer = null;
    for (const node of this.ringNodes) {
      try {
        node.stop();
      } catch {
        // Already stopped.
      }
    }
    this.ringNodes = [];
  }

  /** Plays a pattern once; resolves when it has finished. */
  async play(pattern: readonly Burst[], speakerId?: string): Promise<void> {
    if (speakerId !== undefined) await this.setSpeaker(speakerId);
    this.schedule(pattern);
    await new Promise((resolve) => setTimeout(resolve, patternLengthS(pattern) * 1000 + 50));
  }

  close(): void {
    this.stopRingtone();
    this.element?.pause();
    this.element?.remove();
    void this.context?.close();
    this.context = null;
    this.destination = null;
    this.element = null;
  }

  private output(): { context: AudioContext; destination: MediaStreamAudioDestinationNode } {
    if (!this.context || !this.destination) {
      this.context = new AudioContext();
      this.destination = this.context.createMediaStreamDestination();
      const element = this.doc.createElement('audio');
      element.autoplay = true;
      element.hidden = true;
      element.dataset['phoneAudio'] = 'tones';
      element.srcObject = this.destination.stream;
      this.doc.body.append(element);
      this.element = element;
      void routeToSpeaker(element, this.speakerId);
    }
    if (this.context.state === 'suspended') void this.context.resume();
    if (this.element?.paused) void this.element.play().catch(() => undefined);
    return { context: this.context, destination: this.destination };
  }

  private schedule(pattern: readonly Burst[]): OscillatorNode[] {
    const { context, destination } = this.output();
    const start = context.currentTime + 0.02;
    const nodes: OscillatorNode[] = [];
    for (const burst of pattern) {
      const gain = context.createGain();
      const from = start + burst.at;
      const to = from + burst.duration;
      // Short ramps avoid clicks at the edges of each burst.
      gain.gain.setValueAtTime(0, from);
      gain.gain.linearRampToValueAtTime(burst.gain / burst.frequencies.length, from + 0.01);
      gain.gain.setValueAtTime(burst.gain / burst.frequencies.length, to - 0.01);
      gain.gain.linearRampToValueAtTime(0, to);
      gain.connect(destination);
      for (const frequency of burst.frequencies) {
        const oscillator = context.createOscillator();
        oscillator.frequency.value = frequency;
        oscillator.connect(gain);
        oscillator.start(from);
        oscillator.stop(to);
        nodes.push(oscillator);
      }
    }
    return nodes;
  }
}
