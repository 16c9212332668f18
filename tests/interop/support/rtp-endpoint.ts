/**
 * The media end of a sipp call, in the test: sipp does the signalling and its SDP names this
 * socket's port, so what rtpengine relays from the phone lands here. It sends a G.711 µ-law tone
 * every 20 ms from the same socket to the address the answer SDP names (symmetric RTP, as a
 * real endpoint does) and reads every packet, decoding RFC 4733
 * telephone-events: the digits as the far end of a call would hear them, from the wire. It can
 * also key digits itself, as RFC 4733 events in place of the tone (an IVR or a PBX does so).
 */
import { createSocket, type Socket } from 'node:dgram';

const EVENT_DIGITS = '0123456789*#ABCD';

export interface TelephoneEvent {
  digit: string;
  /** Duration in timestamp units (8 kHz clock: 8 per ms) from the packet carrying the end bit. */
  duration: number;
  payloadType: number;
}

export interface RtpEndpoint {
  port: number;
  /** Starts the tone towards the address the answer SDP gave (until then: where packets come from). */
  sendTo(address: string, port: number): void;
  /** RTP packets received, by payload type. */
  packetsByType(): Map<number, number>;
  /** One entry per RFC 4733 event that ended (the end packet is repeated; counted once). */
  events(): TelephoneEvent[];
  /** Keys digits as RFC 4733 events of 100 ms with 100 ms of tone between them. */
  sendDigits(digits: string): void;
  close(): Promise<void>;
}

/** Starts on a free loopback port; `tone` is raw µ-law audio to loop (payload type 0). */
export async function startRtpEndpoint(options: { tone: Buffer; telephoneEventPayloadType: number }): Promise<RtpEndpoint> {
  const socket: Socket = createSocket('udp4');
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  const port = socket.address().port;
  const byType = new Map<number, number>();
  const ended = new Map<number, TelephoneEvent>();
  let peer: { address: string; port: number } | null = null;

  socket.on('message', (packet, from) => {
    if (packet.length < 12 || packet[0] >> 6 !== 2) return; // not RTP (e.g. a stray RTCP or STUN)
    peer ??= { address: from.address, port: from.port };
    const payloadType = packet[1] & 0x7f;
    byType.set(payloadType, (byType.get(payloadType) ?? 0) + 1);
    if (payloadType !== options.telephoneEventPayloadType) return;
    let headerLength = 12 + 4 * (packet[0] & 0x0f); // fixed header + CSRCs
    if ((packet[0] & 0x10) !== 0 && packet.length >= headerLength + 4) headerLength += 4 + 4 * packet.readUInt16BE(headerLength + 2); // extension
    const payload = packet.subarray(headerLength);
    if (payload.length < 4) return;
    const endBit = (payload[1] & 0x80) !== 0;
    if (!endBit) return;
    // All packets of one event share the RTP timestamp (RFC 4733 §2.5.1.1): key the event by it.
    const timestamp = packet.readUInt32BE(4);
    if (!ended.has(timestamp)) ended.set(timestamp, { digit: EVENT_DIGITS[payload[0]] ?? `?${payload[0]}`, duration: payload.readUInt16BE(2), payloadType });
  });

  // The caller's own audio: 160 µ-law bytes per 20 ms packet, payload type 0; keyed digits take
  // the tone's place, one event packet per 20 ms (RFC 4733 §2.5).
  const ssrc = 0x43454e54;
  let sequence = 0;
  let offset = 0;
  /** What the next 20 ms slots carry: an event packet, or the tone (a pause between digits). */
  const keyed: Array<{ payload: Buffer; startSlot: number; marker: boolean } | 'tone'> = [];
  const header = (payloadType: number, marker: boolean, timestamp: number): Buffer => {
    const bytes = Buffer.alloc(12);
    bytes[0] = 0x80;
    bytes[1] = (marker ? 0x80 : 0) | payloadType;
    bytes.writeUInt16BE(sequence & 0xffff, 2);
    bytes.writeUInt32BE(timestamp >>> 0, 4);
    bytes.writeUInt32BE(ssrc, 8);
    return bytes;
  };
  const sendTone = setInterval(() => {
    const to = peer;
    if (!to) return; // no answer yet and nothing received
    const event = keyed.shift();
    if (event && event !== 'tone') {
      // Every packet of one event carries the timestamp of its start.
      socket.send(Buffer.concat([header(options.telephoneEventPayloadType, event.marker, event.startSlot * 160), event.payload]), to.port, to.address);
      sequence += 1;
      return;
    }
    const chunk = Buffer.alloc(160, 0xff);
    options.tone.copy(chunk, 0, offset, Math.min(offset + 160, options.tone.length));
    offset = (offset + 160) % Math.max(options.tone.length, 160);
    socket.send(Buffer.concat([header(0, false, sequence * 160), chunk]), to.port, to.address);
    sequence += 1;
  }, 20);

  /** 100 ms of event: 5 packets, the last one (end bit) sent three times. */
  const keyDigit = (digit: string, startSlot: number): void => {
    const code = EVENT_DIGITS.indexOf(digit);
    for (let packet = 1; packet <= 5; packet += 1) {
      const payload = Buffer.alloc(4);
      payload[0] = code;
      payload[1] = (packet === 5 ? 0x80 : 0) | 10; // end bit; volume -10 dBm0
      payload.writeUInt16BE(packet * 160, 2);
      for (let copy = 0; copy < (packet === 5 ? 3 : 1); copy += 1) keyed.push({ payload, startSlot, marker: packet === 1 });
    }
  };

  return {
    port,
    sendTo(address, toPort) {
      peer = { address, port: toPort };
    },
    packetsByType: () => new Map(byType),
    events: () => [...ended.values()],
    sendDigits(digits) {
      // An event's timestamp is the slot it starts in, on the tone's clock (160 per 20 ms slot).
      for (const digit of digits) {
        keyDigit(digit, sequence + keyed.length);
        for (let gap = 0; gap < 5; gap += 1) keyed.push('tone');
      }
    },
    close: () =>
      new Promise((resolve) => {
        clearInterval(sendTone);
        socket.close(() => resolve());
      }),
  };
}
