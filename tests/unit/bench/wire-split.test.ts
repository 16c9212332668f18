/**
 * The call-setup bench's wire split reads a real pcap layout (Ethernet on loopback, IPv4, UDP and
 * TCP) and a browser's masked WebSocket frames: the figures it prints are only as honest as this.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readPcap, webSocketText } from '../../../bench/support/pcap-reader';
import { wireSplit } from '../../../bench/support/wire-split';

const SIP_PORT = 5060;
const WS_PORT = 8080;
const SIPP_PORT = 40000;
const BROWSER_PORT = 50000;
const BARESIP_PORT = 45000;

interface Sent {
  at: number;
  transport: 'udp' | 'tcp';
  from: number;
  to: number;
  payload: Buffer;
}

function record(sent: Sent): Buffer {
  const transportHeader = Buffer.alloc(sent.transport === 'udp' ? 8 : 20);
  transportHeader.writeUInt16BE(sent.from, 0);
  transportHeader.writeUInt16BE(sent.to, 2);
  if (sent.transport === 'tcp') transportHeader[12] = 5 << 4;
  const ip = Buffer.alloc(20);
  ip[0] = 0x45;
  ip[9] = sent.transport === 'udp' ? 17 : 6;
  const frame = Buffer.concat([Buffer.alloc(14), ip, transportHeader, sent.payload]);
  const header = Buffer.alloc(16);
  header.writeUInt32LE(Math.floor(sent.at), 0);
  header.writeUInt32LE(Math.round((sent.at % 1) * 1e6), 4);
  header.writeUInt32LE(frame.length, 8);
  header.writeUInt32LE(frame.length, 12);
  return Buffer.concat([header, frame]);
}

function pcap(packets: Sent[]): Buffer {
  const global = Buffer.alloc(24);
  global.writeUInt32LE(0xa1b2c3d4, 0);
  global.writeUInt32LE(1, 20);
  return Buffer.concat([global, ...packets.map(record)]);
}

/** A WebSocket text frame as a browser sends it: masked. */
function maskedFrame(text: string): Buffer {
  const body = Buffer.from(text);
  const mask = Buffer.from([0x12, 0x34, 0x56, 0x78]);
  const lengthBytes = body.length < 126 ? Buffer.from([0x80 | body.length]) : Buffer.from([0x80 | 126, body.length >> 8, body.length & 0xff]);
  return Buffer.concat([Buffer.from([0x81]), lengthBytes, mask, Buffer.from(body.map((byte, index) => byte ^ (mask[index % 4] ?? 0)))]);
}

/** As a server sends it: unmasked. */
function serverFrame(text: string): Buffer {
  const body = Buffer.from(text);
  return Buffer.concat([Buffer.from([0x81, 126, body.length >> 8, body.length & 0xff]), body]);
}

const sip = (firstLine: string, callId: string, cseq: string): string => `${firstLine}\r\nCall-ID: ${callId}\r\nCSeq: ${cseq}\r\nContent-Length: 0\r\n\r\n${'v=0\r\n'.repeat(30)}`;

const dir = mkdtempSync(path.join(tmpdir(), 'centralita-wire-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the call-setup bench on the wire', () => {
  it('splits a browser phone\'s and a UDP phone\'s calls into server, phone and server legs', () => {
    const t = 1_800_000_000;
    const packets: Sent[] = [
      // A WebSocket phone: sipp -> Kamailio (udp) -> browser (ws) -> Kamailio -> sipp.
      { at: t, transport: 'udp', from: SIPP_PORT, to: SIP_PORT, payload: Buffer.from(sip('INVITE sip:phone@lab SIP/2.0', 'c1', '1 INVITE')) },
      { at: t + 0.0001, transport: 'udp', from: SIP_PORT, to: SIPP_PORT, payload: Buffer.from(sip('SIP/2.0 100 Trying', 'c1', '1 INVITE')) },
      { at: t + 0.0015, transport: 'tcp', from: WS_PORT, to: BROWSER_PORT, payload: serverFrame(sip('INVITE sip:x@y.invalid;transport=ws SIP/2.0', 'c1', '1 INVITE')) },
      { at: t + 0.0095, transport: 'tcp', from: BROWSER_PORT, to: WS_PORT, payload: maskedFrame(sip('SIP/2.0 200 OK', 'c1', '1 INVITE')) },
      { at: t + 0.0110, transport: 'udp', from: SIP_PORT, to: SIPP_PORT, payload: Buffer.from(sip('SIP/2.0 200 OK', 'c1', '1 INVITE')) },
      // A 200 OK to something else in the same call (a later BYE) does not count.
      { at: t + 0.5, transport: 'tcp', from: BROWSER_PORT, to: WS_PORT, payload: maskedFrame(sip('SIP/2.0 200 OK', 'c1', '2 BYE')) },
      // A UDP phone (baresip): every leg is UDP through the same SIP port.
      { at: t + 1, transport: 'udp', from: SIPP_PORT, to: SIP_PORT, payload: Buffer.from(sip('INVITE sip:baresip@lab SIP/2.0', 'c2', '1 INVITE')) },
      { at: t + 1.0008, transport: 'udp', from: SIP_PORT, to: BARESIP_PORT, payload: Buffer.from(sip('INVITE sip:baresip@127.0.0.1:45000 SIP/2.0', 'c2', '1 INVITE')) },
      { at: t + 1.0012, transport: 'udp', from: BARESIP_PORT, to: SIP_PORT, payload: Buffer.from(sip('SIP/2.0 200 OK', 'c2', '1 INVITE')) },
      { at: t + 1.0015, transport: 'udp', from: SIP_PORT, to: SIPP_PORT, payload: Buffer.from(sip('SIP/2.0 200 OK', 'c2', '1 INVITE')) },
    ];
    const file = path.join(dir, 'calls.pcap');
    writeFileSync(file, pcap(packets));
    const read = readPcap(file);
    expect(read).toHaveLength(packets.length);
    expect(webSocketText(read[3]?.payload ?? Buffer.alloc(0))).toMatch(/^SIP\/2.0 200 OK\r\nCall-ID: c1/);

    const browser = wireSplit(read, 'ours', 'phone', SIP_PORT, WS_PORT);
    expect(browser.calls).toBe(1);
    expect(browser.serverBefore).toBeCloseTo(1.5, 1);
    expect(browser.phone).toBeCloseTo(8.0, 1);
    expect(browser.serverAfter).toBeCloseTo(1.5, 1);
    expect(browser.total).toBeCloseTo(11.0, 1);

    const native = wireSplit(read, 'baresip', 'baresip', SIP_PORT, WS_PORT);
    expect(native.calls).toBe(1);
    expect(native.serverBefore).toBeCloseTo(0.8, 1);
    expect(native.phone).toBeCloseTo(0.4, 1);
    expect(native.serverAfter).toBeCloseTo(0.3, 1);
  });

  it('refuses a file that is not a loopback pcap with a clear error', () => {
    const file = path.join(dir, 'not.pcap');
    writeFileSync(file, Buffer.from('this is not a capture, just text long enough'));
    expect(() => readPcap(file)).toThrow(/not a little-endian pcap file/);
  });
});
