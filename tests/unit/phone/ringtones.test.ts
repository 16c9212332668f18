/** The ringtones an agent can choose, and the ringer volume's curve. */
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, Ringtone } from '../../../src-common/settings';
import { RINGTONES, ringerGain } from '../../../src-phone/audio/ringtones';
import { patternLengthS } from '../../../src-phone/audio/tone-player';

describe('ringtones', () => {
  it('every ringtone the settings accept exists, fits its period and fades within each burst', () => {
    expect(Object.keys(RINGTONES).sort()).toEqual([...Ringtone.options].sort());
    for (const [name, sound] of Object.entries(RINGTONES)) {
      expect(patternLengthS(sound.pattern), name).toBeLessThan(sound.periodS);
      for (const burst of sound.pattern) expect((burst.attackS ?? 0.01) + (burst.releaseS ?? 0.01), name).toBeLessThanOrEqual(burst.duration);
    }
  });

  it('no two ringtones share a pitch, so an agent (and a test listening by frequency) tells them apart', () => {
    const pitches = Object.values(RINGTONES).map((sound) => new Set(sound.pattern.flatMap((burst) => burst.frequencies)));
    for (const [i, a] of pitches.entries()) for (const b of pitches.slice(i + 1)) expect([...a].filter((hz) => b.has(hz))).toEqual([]);
  });

  it('the default volume rings the classic tone as loud as the phone always did; 0 is silent, 100 is full', () => {
    const classicPeak = Math.max(...RINGTONES.classic.pattern.map((burst) => burst.gain));
    expect(classicPeak * ringerGain(DEFAULT_SETTINGS.ringerVolume)).toBeCloseTo(0.18, 5);
    expect(ringerGain(0)).toBe(0);
    expect(ringerGain(100)).toBe(1);
    expect(ringerGain(50)).toBeLessThan(0.5);
  });
});
