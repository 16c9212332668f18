/**
 * Reads a WAV file (16-bit PCM or 32-bit float, as libsndfile writes them for baresip's sndfile
 * module) into mono samples in -1..1, so it can be analysed like the audio captured in Chromium.
 */
import { readFileSync } from 'node:fs';

export interface MonoAudio {
  sampleRate: number;
  samples: Float32Array;
}

export function readWavMono(path: string): MonoAudio {
  const bytes = readFileSync(path);
  if (bytes.toString('ascii', 0, 4) !== 'RIFF' || bytes.toString('ascii', 8, 12) !== 'WAVE') throw new Error(`${path} is not a WAV file`);
  let format: { code: number; channels: number; sampleRate: number; bits: number } | null = null;
  let offset = 12;
  while (offset + 8 <= bytes.length) {
    const id = bytes.toString('ascii', offset, offset + 4);
    // A writer killed before it closed the file leaves the data size unset: read to the end.
    const declared = bytes.readUInt32LE(offset + 4);
    const size = id === 'data' && (declared === 0 || offset + 8 + declared > bytes.length) ? bytes.length - offset - 8 : declared;
    const body = offset + 8;
    if (id === 'fmt ') {
      const code = bytes.readUInt16LE(body);
      // WAVE_FORMAT_EXTENSIBLE keeps the real format code in its sub-format GUID.
      format = { code: code === 0xfffe ? bytes.readUInt16LE(body + 24) : code, channels: bytes.readUInt16LE(body + 2), sampleRate: bytes.readUInt32LE(body + 4), bits: bytes.readUInt16LE(body + 14) };
    }
    if (id === 'data') {
      if (!format) throw new Error(`${path}: data before format`);
      return { sampleRate: format.sampleRate, samples: toMono(bytes.subarray(body, body + size), format) };
    }
    offset = body + size + (size % 2);
  }
  throw new Error(`${path} has no audio data`);
}

function toMono(data: Buffer, format: { code: number; channels: number; bits: number }): Float32Array {
  const bytesPerSample = format.bits / 8;
  const frames = Math.floor(data.length / (bytesPerSample * format.channels));
  const read = format.code === 3 && format.bits === 32 ? (at: number) => data.readFloatLE(at) : format.code === 1 && format.bits === 16 ? (at: number) => data.readInt16LE(at) / 32768 : null;
  if (!read) throw new Error(`WAV format ${format.code}/${format.bits} bits is not read here`);
  const mono = new Float32Array(frames);
  for (let frame = 0; frame < frames; frame += 1) {
    let sum = 0;
    for (let channel = 0; channel < format.channels; channel += 1) sum += read((frame * format.channels + channel) * bytesPerSample);
    mono[frame] = sum / format.channels;
  }
  return mono;
}
