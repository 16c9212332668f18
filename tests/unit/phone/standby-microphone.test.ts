/**
 * The microphone kept open on standby (src-phone/audio/standby-microphone.ts) and when the page
 * host keeps media ready (src-phone/host/call-standby.ts): stand-in tracks and devices, no browser.
 */
import { describe, expect, it } from 'vitest';
import { StandbyMicrophone, type HeldTrack } from '../../../src-phone/audio/standby-microphone';
import { CallStandby, type HeldMicrophone, type PreparedHandlers } from '../../../src-phone/host/call-standby';

class FakeTrack implements HeldTrack {
  readyState: MediaStreamTrackState = 'live';
  readonly clones: FakeTrack[] = [];
  private readonly ended: Array<() => void> = [];
  constructor(readonly device: string) {}
  clone(): FakeTrack {
    const copy = new FakeTrack(this.device);
    this.clones.push(copy);
    return copy;
  }
  stop(): void {
    this.readyState = 'ended';
  }
  addEventListener(_type: 'ended', listener: () => void): void {
    this.ended.push(listener);
  }
  /** The device went away (headset unplugged): the browser ends the track by itself. */
  unplug(): void {
    this.readyState = 'ended';
    for (const listener of this.ended) listener();
  }
}

const silent = { log: () => undefined };
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

function microphone() {
  const opened: FakeTrack[] = [];
  const mic = new StandbyMicrophone<FakeTrack>({
    open: async (id) => {
      const track = new FakeTrack(id || 'default');
      opened.push(track);
      return track;
    },
  }, silent);
  return { mic, opened };
}

describe('standby microphone', () => {
  it('opens the chosen device once and gives each call its own clone', async () => {
    const { mic, opened } = microphone();
    expect(mic.trackForCall('usb-headset')).toBeNull();
    await Promise.all([mic.hold('usb-headset'), mic.hold('usb-headset')]);
    await mic.hold('usb-headset');
    expect(opened.map((t) => t.device)).toEqual(['usb-headset']);
    const first = mic.trackForCall('usb-headset');
    const second = mic.trackForCall('usb-headset');
    expect(first).not.toBe(second);
    expect(first?.device).toBe('usb-headset');
    // A call's handler stops its clone when the call ends: the held device stays open.
    first?.stop();
    expect(opened[0]?.readyState).toBe('live');
    expect(mic.trackForCall('usb-headset')?.readyState).toBe('live');
    // The agent chose another microphone and standby has not heard yet: the held one is not it.
    expect(mic.trackForCall('bluetooth')).toBeNull();
  });

  it('another choice reopens; while it reopens calls open their own, never the old device', async () => {
    const { mic, opened } = microphone();
    await mic.hold('usb-headset');
    const reopening = mic.hold('bluetooth');
    expect(mic.trackForCall('bluetooth')).toBeNull();
    expect(mic.trackForCall('usb-headset')).toBeNull();
    await reopening;
    expect(opened.map((t) => `${t.device}:${t.readyState}`)).toEqual(['usb-headset:ended', 'bluetooth:live']);
    expect(mic.trackForCall('bluetooth')?.device).toBe('bluetooth');
  });

  it('release stops the device (the "microphone in use" indicator goes off); an unplugged one is dropped', async () => {
    const { mic, opened } = microphone();
    await mic.hold('');
    mic.release();
    expect(opened[0]?.readyState).toBe('ended');
    expect(mic.trackForCall('')).toBeNull();
    await mic.hold('usb-headset');
    opened[1]?.unplug();
    expect(mic.trackForCall('usb-headset')).toBeNull();
    await mic.hold('usb-headset');
    expect(opened).toHaveLength(3);
    expect(mic.trackForCall('usb-headset')?.readyState).toBe('live');
  });

  it('a release while the device is still opening leaves nothing open', async () => {
    const { mic, opened } = microphone();
    const opening = mic.hold('usb-headset');
    mic.release();
    await opening;
    expect(opened[0]?.readyState).toBe('ended');
    expect(mic.trackForCall('usb-headset')).toBeNull();
  });
});

function standbySetup() {
  const log: string[] = [];
  let microphoneId = 'usb-headset';
  const microphone: HeldMicrophone = {
    hold: async (id) => void log.push(`hold ${id}`),
    release: () => void log.push('release'),
  };
  const handlers: PreparedHandlers = {
    start: () => void log.push('prepare'),
    stop: () => void log.push('close prepared'),
    refresh: () => void log.push('prepare again'),
  };
  const standby = new CallStandby(microphone, () => microphoneId, silent);
  return { standby, handlers, log, choose: (id: string) => void (microphoneId = id) };
}

describe('call standby in the page host', () => {
  it('holds the microphone and prepares the next call only while wanted (Ready) and registered', async () => {
    const { standby, handlers, log } = standbySetup();
    standby.setHandlers(handlers);
    standby.setWanted(true);
    expect(log).toEqual([]);
    standby.setRegistered(true);
    await settle();
    expect(log).toEqual(['hold usb-headset', 'prepare']);
    log.length = 0;
    // Registration lost: no call can arrive, so nothing stays open.
    standby.setRegistered(false);
    expect(log).toEqual(['close prepared', 'release']);
    log.length = 0;
    standby.setRegistered(true);
    standby.setWanted(false);
    await settle();
    // The hold that was on its way must not prepare a handler for a standby that ended.
    expect(log).toEqual(['hold usb-headset', 'close prepared', 'release']);
  });

  it('a new microphone choice reopens and prepares again; network changes prepare again; nothing while off', async () => {
    const { standby, handlers, log, choose } = standbySetup();
    standby.networkChanged();
    standby.microphoneChosen();
    standby.devicesChanged();
    expect(log).toEqual([]);
    standby.setHandlers(handlers);
    standby.setRegistered(true);
    standby.setWanted(true);
    await settle();
    log.length = 0;
    choose('bluetooth');
    standby.microphoneChosen();
    await settle();
    expect(log).toEqual(['close prepared', 'hold bluetooth', 'prepare']);
    log.length = 0;
    standby.networkChanged();
    standby.devicesChanged();
    expect(log).toEqual(['prepare again', 'hold bluetooth']);
  });

  it('when the phone stops (sign-out, new settings) the old engine\'s handlers are closed and the microphone released', async () => {
    const { standby, handlers, log } = standbySetup();
    standby.setHandlers(handlers);
    standby.setRegistered(true);
    standby.setWanted(true);
    await settle();
    log.length = 0;
    standby.setHandlers(null);
    expect(log).toEqual(['close prepared', 'release']);
    expect(standby.on).toBe(false);
  });
});
