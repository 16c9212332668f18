/**
 * Reads what the call-setup bench's `--wire` capture needs from a pcap file (tcpdump -w): IPv4
 * UDP datagrams and TCP segments on loopback, with their capture time. A WebSocket frame a
 * browser sent is masked (RFC 6455 §5.3); `webSocketText` unmasks one so its SIP text can be read.
 */
import { readFileSync } from 'node:fs';

export interface CapturedPacket {
  /** Capture time, seconds since the epoch (µs or ns resolution, as the file says). */
  at: number;
  transport: 'udp' | 'tcp';
  sourcePort: number;
  destinationPort: number;
  payload: Buffer;
}

const MICROSECOND_MAGIC = 0xa1b2c3d4;
const NANOSECOND_MAGIC = 0xa1b23c4d;
/** Link-layer header length by pcap link type: Ethernet (Linux's loopback), Linux cooked capture. */
const LINK_HEADER: Record<number, number> = { 1: 14, 113: 16 };

export function readPcap(file: string): CapturedPacket[] {
  const data = readFileSync(file);
  if (data.length < 24) throw new Error(`${file} is not a pcap file (too short)`);
  const magic = data.readUInt32LE(0);
  if (magic !== MICROSECOND_MAGIC && magic !== NANOSECOND_MAGIC) throw new Error(`${file} is not a little-endian pcap file`);
  const fraction = magic === NANOSECOND_MAGIC ? 1e9 : 1e6;
  const linkType = data.readUInt32LE(20);
  const linkHeader = LINK_HEADER[linkType];
  if (linkHeader === undefined) throw new Error(`${file}: link type ${linkType} is not read here (capture on loopback)`);
  const packets: CapturedPacket[] = [];
  for (let offset = 24; offset + 16 <= data.length; ) {
    const seconds = data.readUInt32LE(offset);
    const part = data.readUInt32LE(offset + 4);
    const length = data.readUInt32LE(offset + 8);
    const frame = data.subarray(offset + 16, offset + 16 + length);
    offset += 16 + length;
    const packet = ipv4Packet(frame.subarray(linkHeader), seconds + part / fraction);
    if (packet) packets.push(packet);
  }
  return packets;
}

function ipv4Packet(ip: Buffer, at: number): CapturedPacket | null {
  if (ip.length < 20 || ip[0]! >> 4 !== 4) return null;
  const segment = ip.subarray((ip[0]! & 0x0f) * 4);
  const protocol = ip[9];
  if (protocol === 17 && segment.length >= 8) {
    return { at, transport: 'udp', sourcePort: segment.readUInt16BE(0), destinationPort: segment.readUInt16BE(2), payload: segment.subarray(8) };
  }
  if (protocol === 6 && segment.length >= 20) {
    return { at, transport: 'tcp', sourcePort: segment.readUInt16BE(0), destinationPort: segment.readUInt16BE(2), payload: segment.subarray((segment[12]! >> 4) * 4) };
  }
  return null;
}

/**
 * The text of the WebSocket frame a TCP segment starts with, unmasked, or null if it holds no
 * text frame. On loopback a SIP message travels as one frame in one segment.
 */
export function webSocketText(segment: Buffer): string | null {
  if (segment.length < 2 || (segment[0]! & 0x0f) !== 1) return null;
  let length = segment[1]! & 0x7f;
  let at = 2;
  if (length === 126) {
    length = segment.readUInt16BE(2);
    at = 4;
  } else if (length === 127) {
    length = Number(segment.readBigUInt64BE(2));
    at = 10;
  }
  const masked = (segment[1]! & 0x80) !== 0;
  const mask = masked ? segment.subarray(at, at + 4) : null;
  if (mask) at += 4;
  const body = Buffer.from(segment.subarray(at, at + length));
  if (mask) for (let index = 0; index < body.length; index += 1) body[index] = (body[index] ?? 0) ^ (mask[index % 4] ?? 0);
  return body.toString('utf8');
}
