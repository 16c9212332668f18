/**
 * A delaying UDP relay: the jitter `tc netem` would add, which this kernel lacks (no sch_netem).
 * One socket: what comes from the near side (the far end's RTP sender) is held for a random time
 * and sent on to the target (rtpengine); what comes from the target goes back at once. Each held
 * packet's delay is drawn alone, uniform in [0, maxDelayMs), as netem's `delay D J` draws it, so
 * packets may overtake each other as they do under netem.
 *
 * What "jitter" means here: RFC 3550 interarrival jitter, the figure a receiver reports (getStats
 * `jitter`, RTCP). It estimates E|D|, the mean change in transit time between consecutive
 * packets. For independent uniform delays on [0, W), E|D| = W / 3, so W = 90 ms gives 30 ms.
 * The relay measures it on what it sends: transit = send time − RTP timestamp (the far end's own
 * pacing jitter included), in send order, both as E|D| (the mean) and as the running J of RFC 3550.
 */
import { createSocket, type RemoteInfo, type Socket } from 'node:dgram';

export interface WireFigures {
  packets: number;
  /** Mean time a packet was held, ms. */
  meanDelayMs: number;
  /** Mean |D| between consecutive packets in send order, ms (what RFC 3550 J estimates). */
  meanTransitChangeMs: number;
  /** RFC 3550 J at the end of the span (J += (|D| − J) / 16), ms. */
  rfc3550JitterMs: number;
  /** Share of packets sent after one with a higher sequence number (overtaken). */
  reorderedShare: number;
}

export interface JitterRelay {
  address: string;
  port: number;
  /** Where held packets go; until it is known, everything that arrives is dropped. */
  connect(address: string, port: number): void;
  /** Figures of the RTP sent to the target between two moments (Date.now()). */
  figures(fromMs: number, toMs: number): WireFigures;
  close(): Promise<void>;
}

interface Sent {
  at: number;
  heldMs: number;
  sequence: number;
  timestamp: number;
}

/** Wall-clock milliseconds with sub-millisecond resolution (the same clock as Date.now()). */
const now = (): number => performance.timeOrigin + performance.now();

export async function startJitterRelay(options: { address: string; maxDelayMs: number; clockRate: number; random?: () => number }): Promise<JitterRelay> {
  const random = options.random ?? Math.random;
  const socket: Socket = createSocket('udp4');
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(0, options.address, () => {
      socket.off('error', reject);
      resolve();
    });
  });
  let target: { address: string; port: number } | null = null;
  let near: { address: string; port: number } | null = null;
  const sent: Sent[] = [];
  const timers = new Set<ReturnType<typeof setTimeout>>();

  socket.on('message', (packet: Buffer, from: RemoteInfo) => {
    // Until the target is known nobody can be told apart: what the target sends early (the callee's
    // first RTP) must not be taken for the near side, or it would be sent back to where it came
    // from and reach the callee as a second stream.
    const to = target;
    if (!to) return;
    if (from.address === to.address && from.port === to.port) {
      if (near) socket.send(packet, near.port, near.address);
      return;
    }
    near = { address: from.address, port: from.port };
    const arrived = now();
    const heldMs = random() * options.maxDelayMs;
    const timer = setTimeout(() => {
      timers.delete(timer);
      const at = now();
      socket.send(packet, to.port, to.address);
      if (packet.length >= 12 && packet[0] !== undefined && packet[0] >> 6 === 2) {
        sent.push({ at, heldMs: at - arrived, sequence: packet.readUInt16BE(2), timestamp: packet.readUInt32BE(4) });
      }
    }, heldMs);
    timers.add(timer);
  });

  return {
    address: options.address,
    port: socket.address().port,
    connect(address, port) {
      target = { address, port };
    },
    figures(fromMs, toMs) {
      const span = sent.filter((packet) => packet.at >= fromMs && packet.at <= toMs);
      let jitter = 0;
      let changes = 0;
      let reordered = 0;
      let highest = -1;
      for (let index = 0; index < span.length; index += 1) {
        const packet = span[index] as Sent;
        const previous = span[index - 1];
        if (previous) {
          const change = Math.abs(packet.at - previous.at - ((packet.timestamp - previous.timestamp) * 1000) / options.clockRate);
          changes += change;
          jitter += (change - jitter) / 16;
        }
        // Unwrapped against the highest so far: a step back of under half the space is a late packet.
        const step = highest < 0 ? 0 : ((packet.sequence - (highest & 0xffff) + 0x18000) % 0x10000) - 0x8000;
        const sequence = highest < 0 ? packet.sequence : highest + step;
        if (step < 0) reordered += 1;
        highest = Math.max(highest, sequence);
      }
      return {
        packets: span.length,
        meanDelayMs: span.length > 0 ? span.reduce((sum, packet) => sum + packet.heldMs, 0) / span.length : 0,
        meanTransitChangeMs: span.length > 1 ? changes / (span.length - 1) : 0,
        rfc3550JitterMs: jitter,
        reorderedShare: span.length > 0 ? reordered / span.length : 0,
      };
    },
    close: () =>
      new Promise((resolve) => {
        for (const timer of timers) clearTimeout(timer);
        timers.clear();
        socket.close(() => resolve());
      }),
  };
}
