/**
 * The ringtones an agent can choose (setting `ringtone`), synthesized like every other tone of
 * the phone, and how the ringer volume scales them. Each is built to be told apart from the
 * others and from the ringback a caller hears: different pitches, rhythms and timbres.
 */
import type { Ringtone } from '../../src-common/settings';
import type { Burst } from './tone-player';

export interface RingtoneSound {
  /** One ring, its gains at full volume. */
  pattern: readonly Burst[];
  /** A ring starts every this many seconds while the call rings (longer than the pattern). */
  periodS: number;
}

export const RINGTONES: Readonly<Record<Ringtone, RingtoneSound>> = {
  /** Two short rings of 440 + 480 Hz then a pause: the desk phone everyone knows. */
  classic: {
    pattern: [
      { at: 0, duration: 0.4, frequencies: [440, 480], gain: 0.5 },
      { at: 0.6, duration: 0.4, frequencies: [440, 480], gain: 0.5 },
    ],
    periodS: 3,
  },
  /** A rising chime of three soft sine notes (E5, G♯5, B5) that fade out: gentle in a quiet office. */
  soft: {
    pattern: [
      { at: 0, duration: 0.6, frequencies: [659.25], gain: 0.5, attackS: 0.03, releaseS: 0.45 },
      { at: 0.3, duration: 0.6, frequencies: [830.61], gain: 0.5, attackS: 0.03, releaseS: 0.45 },
      { at: 0.6, duration: 0.9, frequencies: [987.77], gain: 0.5, attackS: 0.03, releaseS: 0.7 },
    ],
    periodS: 4,
  },
  /** A fast electronic trill between 1200 and 1600 Hz, twice: cuts through a noisy room. */
  digital: {
    pattern: [0, 1].flatMap((half) =>
      Array.from({ length: 8 }, (_, i) => ({ at: half * 1.0 + i * 0.075, duration: 0.06, frequencies: [i % 2 === 0 ? 1200 : 1600], gain: 0.3, wave: 'square' as const })),
    ),
    periodS: 2.5,
  },
};

/**
 * The gain factor for a ringer volume (0..100). Loudness is heard on a log scale, so the slider
 * follows a square curve: its middle is clearly quieter than full, and 60 (the default) gives the
 * level the phone always rang at.
 */
export function ringerGain(volume: number): number {
  const clamped = Math.min(100, Math.max(0, volume)) / 100;
  return clamped * clamped;
}
