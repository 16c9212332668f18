/**
 * The far end's audio of each call: one hidden <audio> element per call, routed to the chosen
 * speaker, plus a WebAudio analyser on the same stream for the "hearing the caller" level, and
 * a DTMF listener for the digits the far end sends (remote-dtmf.ts).
 * Chromium only renders (and reports levels for) a remote WebRTC track that is attached to a
 * playing element, so the element is what makes the analyser trustworthy.
 */
import { listenForDtmf } from './remote-dtmf';
import { rmsLevel, routeToSpeaker } from './speaker-output';

interface Playback {
  element: HTMLAudioElement;
  stream: MediaStream;
  analyser: AnalyserNode | null;
  buffer: Float32Array<ArrayBuffer> | null;
  stopDtmf: () => void;
}

export interface CallAudioListener {
  /** A DTMF digit heard in a call's far-end audio. */
  digitHeard(callId: string, digit: string): void;
  /** The far-end audio could not be listened to for digits. */
  listenFailed(callId: string, error: unknown): void;
}

export class CallAudio {
  private readonly playbacks = new Map<string, Playback>();
  private context: AudioContext | null = null;
  private speakerId = '';

  constructor(
    private readonly doc: Document,
    private readonly listener: CallAudioListener,
  ) {}

  /** Plays a call's remote stream (idempotent for the same stream). */
  attach(callId: string, stream: MediaStream): void {
    const existing = this.playbacks.get(callId);
    if (existing?.stream === stream) {
      if (existing.element.paused) void existing.element.play().catch(() => undefined);
      return;
    }
    if (existing) this.detach(callId);
    const element = this.doc.createElement('audio');
    element.autoplay = true;
    element.hidden = true;
    element.dataset['phoneAudio'] = 'call';
    element.dataset['callId'] = callId;
    element.srcObject = stream;
    this.doc.body.append(element);
    void routeToSpeaker(element, this.speakerId);
    void element.play().catch(() => undefined);
    this.playbacks.set(callId, { element, stream, analyser: null, buffer: null, stopDtmf: this.listenForDigits(callId, stream) });
  }

  /** From the stream's audio track, or from the first one added to it. */
  private listenForDigits(callId: string, stream: MediaStream): () => void {
    const scope = this.doc.defaultView ?? globalThis;
    const listen = (track: MediaStreamTrack): (() => void) =>
      listenForDtmf(scope, track, (digit) => this.listener.digitHeard(callId, digit), (error) => this.listener.listenFailed(callId, error));
    const track = stream.getAudioTracks()[0];
    if (track) return listen(track);
    let stop = (): void => undefined;
    const onAdd = (event: MediaStreamTrackEvent): void => {
      if (event.track.kind !== 'audio') return;
      stream.removeEventListener('addtrack', onAdd);
      stop = listen(event.track);
    };
    stream.addEventListener('addtrack', onAdd);
    return () => {
      stream.removeEventListener('addtrack', onAdd);
      stop();
    };
  }

  detach(callId: string): void {
    const playback = this.playbacks.get(callId);
    if (!playback) return;
    playback.element.pause();
    playback.element.srcObject = null;
    playback.element.remove();
    playback.analyser?.disconnect();
    playback.stopDtmf();
    this.playbacks.delete(callId);
  }

  has(callId: string): boolean {
    return this.playbacks.has(callId);
  }

  async setSpeaker(speakerId: string): Promise<boolean> {
    this.speakerId = speakerId;
    const results = await Promise.all([...this.playbacks.values()].map((p) => routeToSpeaker(p.element, speakerId)));
    return results.every(Boolean);
  }

  /** RMS level of what the far end sends right now (0..1), or null without media. */
  level(callId: string): number | null {
    const playback = this.playbacks.get(callId);
    if (!playback || playback.stream.getAudioTracks().length === 0) return null;
    if (!playback.analyser || !playback.buffer) {
      this.context ??= new AudioContext();
      if (this.context.state === 'suspended') void this.context.resume();
      const analyser = this.context.createAnalyser();
      analyser.fftSize = 1024;
      this.context.createMediaStreamSource(playback.stream).connect(analyser);
      playback.analyser = analyser;
      playback.buffer = new Float32Array(analyser.fftSize);
    }
    return rmsLevel(playback.analyser, playback.buffer);
  }

  close(): void {
    for (const callId of [...this.playbacks.keys()]) this.detach(callId);
    void this.context?.close();
    this.context = null;
  }
}
