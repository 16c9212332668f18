/**
 * What an Opus packet carries, read from its first bytes (RFC 6716): the mode from the TOC byte
 * and, for SILK and hybrid packets, the LBRR flag, which says the packet also carries a low bit
 * rate copy of the previous frame: Opus in-band FEC. A receiver that lost that frame can decode it
 * from this packet instead of concealing it. CELT-only packets carry no FEC.
 */

export type OpusMode = 'silk' | 'hybrid' | 'celt';

export interface OpusPacketInfo {
  mode: OpusMode;
  /** The encoder took the frame for speech (SILK's VAD flag); it sends FEC only for speech. */
  speech: boolean;
  /** In-band FEC for the previous frame is in this packet. */
  fec: boolean;
}

/** The first two header bits of the SILK layer (one VAD flag, then the LBRR flag) of a one-frame mono packet. */
function silkHeaderBits(frame: Uint8Array): [boolean, boolean] {
  // RFC 6716 §4.1: the range decoder, only as far as two bits of probability 1/2.
  let position = 0;
  const next = (): number => frame[position++] ?? 0;
  let remainder = next();
  let range = 128;
  let value = 127 - (remainder >> 1);
  const normalise = (): void => {
    while (range <= 1 << 23) {
      range = range * 256;
      const symbol = ((remainder << 8) | (remainder = next())) >> 1;
      value = ((value * 256) + (255 & ~symbol)) % 2 ** 31;
    }
  };
  normalise();
  const bit = (): boolean => {
    const split = Math.floor(range / 2);
    const set = value < split;
    if (!set) value -= split;
    range = set ? split : range - split;
    normalise();
    return set;
  };
  return [bit(), bit()];
}

export function readOpusPacket(packet: Uint8Array): OpusPacketInfo {
  const toc = packet[0] ?? 0;
  const config = toc >> 3;
  const mode: OpusMode = config < 12 ? 'silk' : config < 16 ? 'hybrid' : 'celt';
  const stereo = (toc & 0x04) !== 0;
  const oneFrame = (toc & 0x03) === 0;
  // 20 ms and shorter SILK frames hold one SILK frame per channel; only that simple case is read.
  if (mode === 'celt' || stereo || !oneFrame || packet.length < 3) return { mode, speech: false, fec: false };
  const [speech, fec] = silkHeaderBits(packet.subarray(1));
  return { mode, speech, fec };
}
