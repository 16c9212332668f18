/**
 * The agent's phone for the simulated-caller tests: our real phone engine (SIP.js over WebSocket,
 * our WebRTC handler) in Chromium, driven through `window.simVoicePhone`. Like the interop page,
 * plus what these tests must prove: the caller is heard (inbound audioLevel with the remote track
 * playing in an <audio> element).
 */
import { PhoneEngine } from '../../../src-phone/engine/phone-engine';
import { peerConnectionOf, remoteStreamOf, webSessionDescriptionHandlerFactory } from '../../../src-phone/engine/web-media';
import { PhoneConfig, type PhoneConfigInput, type PhoneEvent } from '../../../src-common/phone-contract';

export interface CallAudio {
  packetsReceived: number;
  packetsSent: number;
  audioLevel: number;
  codec: string;
}

export interface SimVoicePhone {
  start(config: PhoneConfigInput): Promise<string | null>;
  execute(command: unknown): Promise<unknown>;
  events: Array<PhoneEvent & { atMs: number }>;
  audio(callId: string): Promise<CallAudio | null>;
  stop(): Promise<void>;
}

declare global {
  interface Window {
    simVoicePhone: SimVoicePhone;
  }
}

let engine: PhoneEngine | null = null;
const events: Array<PhoneEvent & { atMs: number }> = [];
const playing = new Set<string>();

window.simVoicePhone = {
  events,
  async start(input) {
    const config = PhoneConfig.parse(input);
    const created = PhoneEngine.create({ config, sessionDescriptionHandlerFactory: webSessionDescriptionHandlerFactory(config) });
    if (!created.ok) return created.error.message;
    engine = created.value;
    engine.onEvent((event) => {
      events.push({ ...event, atMs: performance.now() });
      if (event.type === 'call-updated' && event.call.state === 'active' && !playing.has(event.call.id)) {
        const stream = remoteStreamOf(engine?.sessionOf(event.call.id)?.sessionDescriptionHandler);
        if (stream) {
          playing.add(event.call.id);
          const audio = document.createElement('audio');
          audio.srcObject = stream;
          audio.autoplay = true;
          document.body.append(audio);
        }
      }
    });
    await engine.start();
    return null;
  },
  async execute(command) {
    if (!engine) throw new Error('phone not started');
    return engine.execute(command);
  },
  async audio(callId) {
    const peer = peerConnectionOf(engine?.sessionOf(callId)?.sessionDescriptionHandler);
    if (!peer) return null;
    const result: CallAudio = { packetsReceived: 0, packetsSent: 0, audioLevel: 0, codec: '' };
    const stats = await peer.getStats();
    stats.forEach((report: { type: string; kind?: string; packetsReceived?: number; packetsSent?: number; audioLevel?: number; codecId?: string }) => {
      if (report.kind !== 'audio') return;
      if (report.type === 'inbound-rtp') {
        result.packetsReceived += report.packetsReceived ?? 0;
        result.audioLevel = Math.max(result.audioLevel, report.audioLevel ?? 0);
        const codec = report.codecId ? (stats.get(report.codecId) as { mimeType?: string } | undefined) : undefined;
        result.codec = codec?.mimeType ?? result.codec;
      } else if (report.type === 'outbound-rtp') {
        result.packetsSent += report.packetsSent ?? 0;
      }
    });
    return result;
  },
  async stop() {
    await engine?.stop();
  },
};
