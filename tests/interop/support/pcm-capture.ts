/**
 * Browser side of the tone-continuity measurement: the samples of a stream as the page plays it
 * (after WebRTC's jitter buffer, loss concealment and FEC), taken on the audio thread by an
 * AudioWorklet so a busy page loses none, mono, at the AudioContext's rate. The test analyses
 * them in Node with the same code as baresip's recording (tone-continuity.ts).
 */

const PROCESSOR = `
class CaptureProcessor extends AudioWorkletProcessor {
  constructor() { super(); this.batch = []; this.size = 0; }
  process(inputs) {
    const channel = inputs[0] && inputs[0][0];
    // No input yet (the stream has not started): nothing to keep, stay alive.
    if (!channel) return true;
    this.batch.push(channel.slice());
    this.size += channel.length;
    if (this.size >= 4096) {
      const joined = new Float32Array(this.size);
      let at = 0;
      for (const part of this.batch) { joined.set(part, at); at += part.length; }
      this.port.postMessage(joined, [joined.buffer]);
      this.batch = []; this.size = 0;
    }
    return true;
  }
}
registerProcessor('centralita-capture', CaptureProcessor);
`;

const loaded = new WeakMap<AudioContext, Promise<void>>();

export class PcmCapture {
  private readonly parts: Float32Array[] = [];
  private constructor(
    private readonly node: AudioWorkletNode,
    private readonly source: MediaStreamAudioSourceNode,
    readonly sampleRate: number,
  ) {
    node.port.onmessage = (message: MessageEvent<Float32Array>) => this.parts.push(message.data);
  }

  static async start(audio: AudioContext, stream: MediaStream): Promise<PcmCapture> {
    let ready = loaded.get(audio);
    if (!ready) {
      const url = URL.createObjectURL(new Blob([PROCESSOR], { type: 'text/javascript' }));
      ready = audio.audioWorklet.addModule(url);
      loaded.set(audio, ready);
    }
    await ready;
    const source = audio.createMediaStreamSource(stream);
    // Mono: a phone call's remote audio is one voice; a stereo decode is summed the same way in Node.
    const node = new AudioWorkletNode(audio, 'centralita-capture', { numberOfInputs: 1, numberOfOutputs: 0, channelCount: 1, channelCountMode: 'explicit', channelInterpretation: 'speakers' });
    source.connect(node);
    return new PcmCapture(node, source, audio.sampleRate);
  }

  /** Stops and hands back what was captured, as 16-bit samples in base64 (small enough for the test's bridge). */
  stop(): { sampleRate: number; pcm16: string } {
    this.source.disconnect();
    this.node.port.onmessage = null;
    const length = this.parts.reduce((sum, part) => sum + part.length, 0);
    const pcm = new Int16Array(length);
    let at = 0;
    for (const part of this.parts) {
      for (let index = 0; index < part.length; index += 1) pcm[at + index] = Math.max(-32768, Math.min(32767, Math.round((part[index] ?? 0) * 32767)));
      at += part.length;
    }
    const bytes = new Uint8Array(pcm.buffer);
    let binary = '';
    for (let index = 0; index < bytes.length; index += 0x8000) binary += String.fromCharCode(...bytes.subarray(index, index + 0x8000));
    return { sampleRate: this.sampleRate, pcm16: btoa(binary) };
  }
}
