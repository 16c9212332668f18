/**
 * The test page for the interop suite: the real phone engine with SIP.js's WebSocket transport and
 * our WebRTC handler factory, driven by the test through `window.phoneUnderTest`.
 */
import { PhoneEngine } from '../../../src-phone/engine/phone-engine';
import { peerConnectionOf, remoteStreamOf, webSessionDescriptionHandlerFactory } from '../../../src-phone/engine/web-media';
import { PhoneConfig, type PhoneConfigInput, type PhoneEvent } from '../../../src-common/phone-contract';

interface PhoneUnderTest {
  start(config: PhoneConfigInput): Promise<string | null>;
  execute(command: unknown): Promise<unknown>;
  events: Array<PhoneEvent & { atMs: number }>;
  inboundPackets(callId: string): Promise<number>;
  outboundPackets(callId: string): Promise<number>;
  /** The offer/answer as the browser holds them, for a failing test's report. */
  sdp(callId: string): { local: string; remote: string } | null;
}

declare global {
  interface Window {
    phoneUnderTest: PhoneUnderTest;
  }
}

let engine: PhoneEngine | null = null;
const events: Array<PhoneEvent & { atMs: number }> = [];

window.phoneUnderTest = {
  events,
  async start(input) {
    const config = PhoneConfig.parse(input);
    const created = PhoneEngine.create({ config, sessionDescriptionHandlerFactory: webSessionDescriptionHandlerFactory(config) });
    if (!created.ok) return created.error.message;
    engine = created.value;
    engine.onEvent((event) => {
      events.push({ ...event, atMs: performance.now() });
      // Play what the far end sends, as the product does: a playing element keeps the track alive.
      if (event.type === 'call-updated' && event.call.state === 'active') {
        const stream = remoteStreamOf(engine?.sessionOf(event.call.id)?.sessionDescriptionHandler);
        if (stream) {
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
  inboundPackets: (callId) => audioPackets(callId, 'inbound-rtp'),
  outboundPackets: (callId) => audioPackets(callId, 'outbound-rtp'),
  sdp(callId) {
    const peer = peerConnectionOf(engine?.sessionOf(callId)?.sessionDescriptionHandler);
    return peer ? { local: peer.localDescription?.sdp ?? '', remote: peer.remoteDescription?.sdp ?? '' } : null;
  },
};

/** Audio RTP packets received (inbound-rtp) or sent (outbound-rtp) on a call, from getStats; -1 without a call. */
async function audioPackets(callId: string, type: 'inbound-rtp' | 'outbound-rtp'): Promise<number> {
  const peer = peerConnectionOf(engine?.sessionOf(callId)?.sessionDescriptionHandler);
  if (!peer) return -1;
  let packets = 0;
  (await peer.getStats()).forEach((report: { type: string; kind?: string; packetsReceived?: number; packetsSent?: number }) => {
    if (report.type === type && report.kind === 'audio') packets += (type === 'inbound-rtp' ? report.packetsReceived : report.packetsSent) ?? 0;
  });
  return packets;
}
