/**
 * The call-setup bench's `--wire`: where each phone's INVITE → 200 OK goes, read from a packet
 * capture on loopback (tcpdump, by PID). sipp's clock sees one number; the wire splits it into
 * the SIP server and media relay before the phone (Kamailio, rtpengine's offer), the phone itself
 * (for a browser phone: Chromium's network service, the page, WebRTC), and the server and relay
 * after it (rtpengine's answer). The relay does more for a browser (ICE, DTLS-SRTP) than for
 * baresip's plain RTP, and none of it is the phone's code; this shows how much.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { stopChild, type CleanupStack } from './cleanup';
import { median } from './figures';
import { readPcap, webSocketText, type CapturedPacket } from './pcap-reader';
import { run } from './call-setup-rig';

export interface WireCapture {
  /** Stops tcpdump (its file is complete once this resolves) and reads the capture. */
  stop(): Promise<CapturedPacket[]>;
}

/** Starts tcpdump on loopback for the SIP server's ports; needs tcpdump and root. */
export async function startWireCapture(work: string, cleanup: CleanupStack, ports: number[]): Promise<WireCapture> {
  await run('tcpdump', ['--version']).catch((cause: unknown) => {
    throw new Error(`--wire needs tcpdump (apt-get install tcpdump) and root to capture on loopback: ${String(cause)}`, { cause });
  });
  const file = path.join(work, 'call-setup.pcap');
  const filter = ports.map((port) => `port ${port}`).join(' or ');
  const tcpdump = spawn('tcpdump', ['-i', 'lo', '-U', '-n', '-s', '4000', '-w', file, filter], { stdio: ['ignore', 'ignore', 'pipe'] });
  let said = '';
  tcpdump.stderr.on('data', (chunk: Buffer) => {
    said += chunk.toString();
  });
  // -U writes each packet as it comes, so the file is whole whenever tcpdump is stopped.
  const stop = () => stopChild(tcpdump);
  cleanup.add('tcpdump', stop);
  // tcpdump says "listening on lo" once its capture is open; packets before that are lost.
  for (let waited = 0; !said.includes('listening on'); waited += 50) {
    if (tcpdump.exitCode !== null || waited > 10_000) throw new Error(`tcpdump did not start: ${said.trim()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    async stop() {
      await stop();
      return readPcap(file);
    },
  };
}

/** Medians over a phone's calls, in ms. */
export interface WireSplit {
  label: string;
  calls: number;
  serverBefore: number;
  phone: number;
  serverAfter: number;
  total: number;
}

interface CallTimes {
  inviteIn?: number;
  inviteOut?: number;
  okIn?: number;
  okOut?: number;
}

function sipText(packet: CapturedPacket): string | null {
  if (packet.transport === 'udp') return packet.payload.toString('utf8');
  return webSocketText(packet.payload);
}

const callIdOf = (text: string): string | null => /\r\n(?:Call-ID|i)\s*:\s*([^\r\n]+)/i.exec(text)?.[1]?.trim() ?? null;
const isInviteOk = (text: string): boolean => text.startsWith('SIP/2.0 200') && /\r\nCSeq\s*:\s*\d+\s+INVITE/i.test(text);


/**
 * Splits each call to `user` (sipp → the SIP server at `sipPort` → the phone and back) into its
 * legs. A packet to `sipPort` comes from sipp or from a UDP phone; one from it goes to a phone or
 * back to sipp; the phone's WebSocket is told apart by its port `wsPort`.
 */
export function wireSplit(packets: readonly CapturedPacket[], label: string, user: string, sipPort: number, wsPort: number): WireSplit {
  const calls = new Map<string, CallTimes>();
  const inviteLine = `INVITE sip:${user}@`;
  for (const packet of packets) {
    const text = sipText(packet);
    if (!text) continue;
    const callId = callIdOf(text);
    if (!callId) continue;
    const toServer = packet.destinationPort === sipPort || packet.destinationPort === wsPort;
    const fromServer = packet.sourcePort === sipPort || packet.sourcePort === wsPort;
    if (toServer && packet.transport === 'udp' && text.startsWith(inviteLine)) {
      if (!calls.has(callId)) calls.set(callId, { inviteIn: packet.at });
      continue;
    }
    const times = calls.get(callId);
    if (!times) continue;
    if (fromServer && text.startsWith('INVITE ')) times.inviteOut ??= packet.at;
    else if (toServer && isInviteOk(text)) times.okIn ??= packet.at;
    else if (fromServer && isInviteOk(text) && times.okIn !== undefined) times.okOut ??= packet.at;
  }
  const complete = [...calls.values()].filter((times): times is Required<CallTimes> => times.inviteIn !== undefined && times.inviteOut !== undefined && times.okIn !== undefined && times.okOut !== undefined);
  const ms = (pick: (times: Required<CallTimes>) => number): number => median(complete.map(pick)) * 1000;
  return {
    label,
    calls: complete.length,
    serverBefore: ms((t) => t.inviteOut - t.inviteIn),
    phone: ms((t) => t.okIn - t.inviteOut),
    serverAfter: ms((t) => t.okOut - t.okIn),
    total: ms((t) => t.okOut - t.inviteIn),
  };
}
