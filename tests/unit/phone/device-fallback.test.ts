/** Which devices the phone uses when the agent's chosen ones come and go. */
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../../src-common/settings';
import type { AudioDeviceChoice } from '../../../src-common/phone-host';
import { devicesInUse, type ListedDevice } from '../../../src-phone/audio/device-fallback';

const choice = (overrides: Partial<AudioDeviceChoice>): AudioDeviceChoice => ({
  microphoneId: DEFAULT_SETTINGS.microphoneId,
  speakerId: DEFAULT_SETTINGS.speakerId,
  ringerId: DEFAULT_SETTINGS.ringerId,
  ringtone: DEFAULT_SETTINGS.ringtone,
  ringerVolume: DEFAULT_SETTINGS.ringerVolume,
  ...overrides,
});
const mic = (deviceId: string): ListedDevice => ({ kind: 'audioinput', deviceId });
const out = (deviceId: string): ListedDevice => ({ kind: 'audiooutput', deviceId });
const laptop = [mic('default'), mic('laptop-mic'), out('default'), out('laptop-speaker')];
const withHeadset = [...laptop, mic('headset-mic'), out('headset-out')];
const headset = choice({ microphoneId: 'headset-mic', speakerId: 'headset-out' });

describe('devicesInUse', () => {
  it('uses the chosen headset while it is plugged in', () => {
    expect(devicesInUse(headset, withHeadset)).toEqual({ microphoneId: 'headset-mic', speakerId: 'headset-out', ringerId: 'headset-out', fallback: { microphone: false, speaker: false } });
  });

  it('falls back to the system default when the headset is unplugged, and says which half went', () => {
    expect(devicesInUse(headset, laptop)).toEqual({ microphoneId: '', speakerId: '', ringerId: '', fallback: { microphone: true, speaker: true } });
    // A headset whose microphone stays (a USB dongle with a separate jack): only the speaker falls back.
    expect(devicesInUse(headset, [...laptop, mic('headset-mic')]).fallback).toEqual({ microphone: false, speaker: true });
  });

  it('never calls the system default a fallback', () => {
    expect(devicesInUse(choice({}), laptop).fallback).toEqual({ microphone: false, speaker: false });
    expect(devicesInUse(choice({}), []).fallback).toEqual({ microphone: false, speaker: false });
  });

  it('with nothing of a kind plugged in there is no default to stand in: no notice (readiness says it)', () => {
    expect(devicesInUse(headset, [out('laptop-speaker')])).toMatchObject({ microphoneId: '', fallback: { microphone: false, speaker: true } });
  });

  it('keeps the choice while it cannot tell: not listed yet, or ids hidden before the microphone permission', () => {
    expect(devicesInUse(headset, null)).toMatchObject({ microphoneId: 'headset-mic', speakerId: 'headset-out', fallback: { microphone: false, speaker: false } });
    expect(devicesInUse(headset, [mic(''), out('')])).toMatchObject({ microphoneId: 'headset-mic', speakerId: 'headset-out', fallback: { microphone: false, speaker: false } });
  });

  it('rings where calls play by default, on the system default or a device of its own when chosen', () => {
    expect(devicesInUse(choice({ speakerId: 'headset-out' }), withHeadset).ringerId).toBe('headset-out');
    expect(devicesInUse(choice({ speakerId: 'headset-out', ringerId: 'default' }), withHeadset).ringerId).toBe('');
    expect(devicesInUse(choice({ speakerId: 'headset-out', ringerId: 'laptop-speaker' }), withHeadset).ringerId).toBe('laptop-speaker');
  });

  it('a separate ringer that went away rings on the default output, without a notice of its own', () => {
    const inUse = devicesInUse(choice({ speakerId: 'headset-out', ringerId: 'usb-bell' }), withHeadset);
    expect(inUse).toEqual({ microphoneId: '', speakerId: 'headset-out', ringerId: '', fallback: { microphone: false, speaker: false } });
  });

  it('a ringer that follows the speaker follows it to the default when the headset goes', () => {
    expect(devicesInUse(choice({ speakerId: 'headset-out', ringerId: '' }), laptop).ringerId).toBe('');
  });
});
