/**
 * Reading an Opus packet's mode and in-band FEC flag from its first bytes, on packets libopus
 * made (Chromium's WebCodecs encoder, voice, 32 kbit/s, FEC on, 5 % expected loss): a wavering
 * tone the encoder takes for speech carries FEC, a steady sine it takes for noise does not.
 */
import { describe, expect, it } from 'vitest';
import { readOpusPacket } from '../../interop/support/opus-packets';

const hex = (text: string) => Uint8Array.from(Buffer.from(text, 'hex'));
/** Hybrid, fullband, 20 ms, mono: the 81st packet of a 1 kHz tone with a ±20 Hz vibrato. */
const WAVERING = hex('78f5fe537daa65d899d3f5be5356a97e5aa553f1f1af4b03cc7c108269ca831f7bfc14aa9866cda6c421c40f3240569b61c83c6ba6845913c0dec8f9419370dd4b4dd660306713ef7ebbafb89ca520f3');
/** The same moment of a steady 1 kHz sine. */
const STEADY = hex('78381d383ca14cf2050faf2c659919066aab60d5a36f507d975141f0cec526d1669a52090620676b14c0e4c5e7e4d43509327f9de886e3bc8fceeebce360f24469e21f901d454cddb48f70accbcf3380');

describe('Opus packets', () => {
  it('finds the FEC copy in a speech-like packet and none in a steady sine\'s', () => {
    expect(readOpusPacket(WAVERING)).toEqual({ mode: 'hybrid', speech: true, fec: true });
    expect(readOpusPacket(STEADY)).toEqual({ mode: 'hybrid', speech: false, fec: false });
  });

  it('names the mode from the TOC byte; CELT-only packets never carry FEC', () => {
    expect(readOpusPacket(Uint8Array.of(0x08, 0xff, 0xff, 0xff)).mode).toBe('silk');
    expect(readOpusPacket(Uint8Array.of(0xf8, 0x00, 0x00, 0x00))).toEqual({ mode: 'celt', speech: false, fec: false });
  });
});
