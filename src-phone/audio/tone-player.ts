/**
 * Generated sounds (WebAudio, no audio files to ship or license): the inbound ringtone, the short
 * beep before an auto-answered call connects, and the speaker and ringtone tests. They play
 * through a hidden <audio> element fed by a MediaStreamAudioDestinationNode, so setSinkId routes
 * them to a chosen output like call audio. A host keeps two players: one on the ringer's output,
 * one on the call speaker's, so a ring can sound on the laptop while the headset stays quiet.
 */
import type { RingtoneSound } from './ringtones';
import { routeToSpeaker } from './speaker-output';

/** One tone burst: frequencies mixed together, from `at` seconds for `duration` seconds. */
export interface Burst {
  at: number;
  duration: number;
  frequencies: readonly number[];
  gain: number;
  /** Fade in and out (seconds); short by default, which only avoids clicks at the edges. */
  attackS?: number;
  releaseS?: number;
  wave?: OscillatorType;
}

/** A short, high beep: "a call is being connected to you now". */
export const BEEP: readonly Burst[] = [{ at: 0, duration: 0.18, frequencies: [1000], gain: 0.25 }];
export const SPEAKER_TEST: readonly Burst[] = [
  { at: 0, duration: 0.35, frequencies: [523.25], gain: 0.2 },
  { at: 0.4, duration: 0.35, frequencies: [659.25], gain: 0.2 },
  { at: 0.8, duration: 0.5, frequencies: [783.99], gain: 0.2 },
];
const EDGE_S = 0.01;

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

  /** `label` names the element (data-phone-audio), so a test or a diagnosis can tell the outputs apart. */
  constructor(
    private readonly doc: Document,
    private readonly label: 'tones' | 'ringer',
  ) {}

  async setSpeaker(speakerId: string): Promise<boolean> {
    this.speakerId = speakerId;
    return this.element ? routeToSpeaker(this.element, speakerId) : true;
  }

  get ringing(): boolean {
    return this.ringTimer !== null;
  }

  /** Rings until stopped; `gain` scales the ringtone's own levels (the ringer volume). */
  startRingtone(sound: RingtoneSound, gain: number): void {
    if (this.ringTimer !== null) return;
    // The previous cycle has finished when the next one starts (the period outlasts the pattern).
    const ring = () => {
      this.ringNodes = this.schedule(sound.pattern, gain);
    };
    ring();
    this.ringTimer = setInterval(ring, sound.periodS * 1000);
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

  /** Plays a pattern once, its levels scaled by `gain`; resolves when it has finished. */
  async play(pattern: readonly Burst[], gain = 1): Promise<void> {
    this.schedule(pattern, gain);
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
      element.dataset['phoneAudio'] = this.label;
      element.srcObject = this.destination.stream;
      this.doc.body.append(element);
      this.element = element;
      void routeToSpeaker(element, this.speakerId);
    }
    if (this.context.state === 'suspended') void this.context.resume();
    if (this.element?.paused) void this.element.play().catch(() => undefined);
    return { context: this.context, destination: this.destination };
  }

  private schedule(pattern: readonly Burst[], scale: number): OscillatorNode[] {
    const { context, destination } = this.output();
    const start = context.currentTime + 0.02;
    const nodes: OscillatorNode[] = [];
    for (const burst of pattern) {
      const gain = context.createGain();
      const from = start + burst.at;
      const to = from + burst.duration;
      const level = (burst.gain * scale) / burst.frequencies.length;
      gain.gain.setValueAtTime(0, from);
      gain.gain.linearRampToValueAtTime(level, from + (burst.attackS ?? EDGE_S));
      gain.gain.setValueAtTime(level, to - (burst.releaseS ?? EDGE_S));
      gain.gain.linearRampToValueAtTime(0, to);
      gain.connect(destination);
      for (const frequency of burst.frequencies) {
        const oscillator = context.createOscillator();
        oscillator.frequency.value = frequency;
        oscillator.type = burst.wave ?? 'sine';
        oscillator.connect(gain);
        oscillator.start(from);
        oscillator.stop(to);
        nodes.push(oscillator);
      }
    }
    return nodes;
  }
}
