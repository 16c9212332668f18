/**
 * Where the phone's audio goes: the microphone calls send, the output that plays calls, beeps and
 * the speaker test, and the ringer's output. It follows the agent's settings and the devices
 * plugged in (devicesInUse): a chosen headset that goes away hands over to the system default at
 * once (the live calls' microphone track is replaced, the outputs re-routed) and the agent is
 * told; when it comes back everything moves back and the notice goes. Changes are applied one at
 * a time, each to the newest settings and device list, so a burst of device changes (a loose
 * plug) settles on the last one instead of switching back and forth.
 */
import { NO_DEVICE_FALLBACK, type DeviceFallback } from '../../src-common/phone-contract';
import type { AudioDeviceChoice, RingerChoice } from '../../src-common/phone-host';
import { DEFAULT_SETTINGS } from '../../src-common/settings';
import { devicesInUse, type DevicesInUse, type ListedDevice } from '../audio/device-fallback';

/** An output that can be pointed at a device ('' = system default); false when it could not. */
export interface RoutableOutput {
  setSpeaker(deviceId: string): Promise<boolean>;
}

export interface AudioRoutingPorts {
  /** Every call's remote audio. */
  calls: RoutableOutput;
  /** The beep before an auto-answered call and the speaker test: they belong with the call audio. */
  tones: RoutableOutput;
  ringer: RoutableOutput;
  /** Moves the live calls to the microphone now in use (the host knows the calls). */
  switchMicrophone(): Promise<void>;
  onFallback(fallback: DeviceFallback): void;
}

const { microphoneId, speakerId, ringerId, ringtone, ringerVolume } = DEFAULT_SETTINGS;

export class AudioRouting {
  private choice: AudioDeviceChoice = { microphoneId, speakerId, ringerId, ringtone, ringerVolume };
  private devices: readonly ListedDevice[] | null = null;
  private applied: DevicesInUse | null = null;
  private told: DeviceFallback = NO_DEVICE_FALLBACK;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly ports: AudioRoutingPorts) {}

  /** The devices in use, by the last choice and device list. */
  get inUse(): DevicesInUse {
    return devicesInUse(this.choice, this.devices);
  }

  get ringer(): RingerChoice {
    return this.choice;
  }

  /** Where a ringer choice would ring now (for the ringtone test, before it is saved). */
  ringerOutputFor(ringer: RingerChoice): string {
    return devicesInUse({ ...this.choice, ...ringer }, this.devices).ringerId;
  }

  /** The settings changed; resolves false when the call speaker could not be routed. */
  choose(choice: AudioDeviceChoice): Promise<boolean> {
    this.choice = { ...choice };
    return this.apply();
  }

  /** A new device list from the watch; null when the phone stops watching. */
  devicesChanged(devices: readonly ListedDevice[] | null): Promise<boolean> {
    this.devices = devices;
    return this.apply();
  }

  private apply(): Promise<boolean> {
    const run = async (): Promise<boolean> => {
      const next = this.inUse;
      const before = this.applied;
      this.applied = next;
      let speakerRouted = true;
      if (before?.speakerId !== next.speakerId) {
        const [calls] = await Promise.all([this.ports.calls.setSpeaker(next.speakerId), this.ports.tones.setSpeaker(next.speakerId)]);
        speakerRouted = calls;
      }
      if (before?.ringerId !== next.ringerId) await this.ports.ringer.setSpeaker(next.ringerId);
      // The first choice only says what the next calls open; there is nothing live to move yet.
      if (before && before.microphoneId !== next.microphoneId) await this.ports.switchMicrophone();
      if (next.fallback.microphone !== this.told.microphone || next.fallback.speaker !== this.told.speaker) {
        this.told = next.fallback;
        this.ports.onFallback(next.fallback);
      }
      return speakerRouted;
    };
    const result = this.queue.then(run);
    this.queue = result.catch(() => undefined);
    return result;
  }
}
