/**
 * The far end of the call-quality test: a tone as Opus RTP, sent by this process so the test
 * controls the path it takes. The tone is encoded once by libopus through Chromium's WebCodecs
 * (the encoder WebRTC uses), set up as a WebRTC sender facing loss would be: voice, 32 kbit/s,
 * 20 ms frames, in-band FEC on with 5 % expected loss. The packets then go out every 20 ms with
 * RTP headers (payload type from the SDP, 48 kHz clock), from one socket to one address.
 *
 * The tone wavers by ±20 Hz five times a second. A steady sine is "background noise" to the
 * encoder's voice detector within a second, and Opus sends FEC only for speech: with a steady
 * sine the FEC this test is about would not be on the wire at all.
 */
import { createSocket, type Socket } from 'node:dgram';
import type { Page } from 'playwright-core';

export interface OpusTone {
  hz: number;
  packets: Buffer[];
}

export interface OpusToneSender {
  /** Starts sending to `to` (the relay); what comes back is read and dropped. */
  start(to: { address: string; port: number }): void;
  /** Packets sent so far. */
  sent(): number;
  close(): Promise<void>;
}

const FRAME_MS = 20;
const RATE = 48_000;

/** Encodes `seconds` of a `hz` tone at −12 dBFS with its ±20 Hz vibrato in the page (any page of a secure context). */
export async function encodeOpusTone(page: Page, hz: number, seconds: number): Promise<OpusTone> {
  const encoded = await page.evaluate(
    async ([frequency, length, rate, frameMs]) => {
      const packets: string[] = [];
      let failure: string | null = null;
      const encoder = new AudioEncoder({
        output: (chunk) => {
          const bytes = new Uint8Array(chunk.byteLength);
          chunk.copyTo(bytes);
          packets.push(btoa(String.fromCharCode(...bytes)));
        },
        error: (error) => (failure = String(error)),
      });
      // `signal` and `application` are in Chromium's OpusEncoderConfig, not yet in TypeScript's DOM types.
      const opus = { frameDuration: frameMs * 1000, complexity: 9, packetlossperc: 5, useinbandfec: true, usedtx: false, signal: 'voice', application: 'voip' } as OpusEncoderConfig;
      encoder.configure({ codec: 'opus', sampleRate: rate, numberOfChannels: 1, bitrate: 32_000, opus });
      const frame = (rate * frameMs) / 1000;
      const samples = new Float32Array(frame);
      for (let start = 0; start < length * rate; start += frame) {
        for (let index = 0; index < frame; index += 1) {
          const t = (start + index) / rate;
          samples[index] = 0.25 * Math.sin(2 * Math.PI * frequency * t + 4 * Math.sin(2 * Math.PI * 5 * t));
        }
        encoder.encode(new AudioData({ format: 'f32', sampleRate: rate, numberOfFrames: frame, numberOfChannels: 1, timestamp: (start * 1e6) / rate, data: samples }));
      }
      await encoder.flush();
      encoder.close();
      return { packets, failure };
    },
    [hz, seconds, RATE, FRAME_MS] as const,
  );
  if (encoded.failure !== null || encoded.packets.length === 0) throw new Error(`Chromium's Opus encoder failed: ${encoded.failure ?? 'no packets'}`);
  return { hz, packets: encoded.packets.map((packet) => Buffer.from(packet, 'base64')) };
}

/** Binds a socket on `address` (the relay's side) and sends the tone's packets in order once started. */
export async function openOpusToneSender(tone: OpusTone, options: { address: string; payloadType: number }): Promise<OpusToneSender> {
  const socket: Socket = createSocket('udp4');
  await new Promise<void>((resolve) => socket.bind(0, options.address, resolve));
  socket.on('message', () => undefined);
  const ssrc = Math.floor(Math.random() * 0xffffffff) >>> 0;
  const firstSequence = Math.floor(Math.random() * 0x8000);
  let next = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;

  const packetAt = (index: number): Buffer => {
    const header = Buffer.alloc(12);
    header[0] = 0x80;
    header[1] = (index === 0 ? 0x80 : 0) | options.payloadType; // marker on the first packet of the stream
    header.writeUInt16BE((firstSequence + index) & 0xffff, 2);
    header.writeUInt32BE((index * (RATE * FRAME_MS)) / 1000 >>> 0, 4);
    header.writeUInt32BE(ssrc, 8);
    return Buffer.concat([header, tone.packets[index] as Buffer]);
  };

  return {
    start(to) {
      const startedAt = performance.now();
      // Each packet at its own moment from the start, so a late timer does not delay the rest.
      const tick = (): void => {
        while (next < tone.packets.length && performance.now() >= startedAt + next * FRAME_MS) {
          socket.send(packetAt(next), to.port, to.address);
          next += 1;
        }
        if (next < tone.packets.length) timer = setTimeout(tick, Math.max(0, startedAt + next * FRAME_MS - performance.now()));
      };
      tick();
    },
    sent: () => next,
    close: () =>
      new Promise((resolve) => {
        if (timer) clearTimeout(timer);
        socket.close(() => resolve());
      }),
  };
}
