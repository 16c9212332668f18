/**
 * G.711 µ-law (ITU-T G.711, the PCMU payload of RFC 3551, payload type 0): 16-bit linear PCM to
 * one byte per sample and back. Small enough to own; every SIP phone and WebRTC stack speaks it.
 */

const BIAS = 0x84;
const CLIP = 32_635;

/** One 16-bit linear sample (−32768…32767) to its µ-law byte. */
export function linearToMulaw(sample: number): number {
  let magnitude = Math.round(sample);
  const sign = magnitude < 0 ? 0x80 : 0;
  if (sign) magnitude = -magnitude;
  if (magnitude > CLIP) magnitude = CLIP;
  magnitude += BIAS;
  // The segment (exponent) is the position of the highest set bit above bit 7.
  let exponent = 7;
  for (let mask = 0x4000; (magnitude & mask) === 0 && exponent > 0; mask >>= 1) exponent -= 1;
  const mantissa = (magnitude >> (exponent + 3)) & 0x0f;
  return ~(sign | (exponent << 4) | mantissa) & 0xff;
}

/** One µ-law byte to its 16-bit linear sample. */
export function mulawToLinear(byte: number): number {
  const inverted = ~byte & 0xff;
  const exponent = (inverted >> 4) & 0x07;
  const magnitude = ((((inverted & 0x0f) << 3) + BIAS) << exponent) - BIAS;
  return inverted & 0x80 ? -magnitude : magnitude;
}

export function encodeMulaw(samples: Int16Array): Buffer {
  const out = Buffer.allocUnsafe(samples.length);
  for (let i = 0; i < samples.length; i += 1) out[i] = linearToMulaw(samples[i] ?? 0);
  return out;
}

/** RMS of a µ-law payload as a fraction of full scale (0…1), the same scale as WebRTC's audioLevel. */
export function mulawRmsLevel(payload: Uint8Array): number {
  if (payload.length === 0) return 0;
  let sum = 0;
  for (const byte of payload) {
    const sample = mulawToLinear(byte) / 32_768;
    sum += sample * sample;
  }
  return Math.sqrt(sum / payload.length);
}
