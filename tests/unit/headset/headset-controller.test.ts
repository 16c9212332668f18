/**
 * The headset controller end to end without a browser: recorded headsets (fake WebHID devices
 * that send recorded input reports) drive the real phone controller through the same phone
 * actions as the keyboard, over a phone host that records the commands it gets; the output
 * reports the headset is sent are checked byte for byte.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createHeadsetController, type HeadsetController } from '../../../src-renderer/headset/headset-controller';
import { createPhoneActions } from '../../../src-renderer/phone/phone-keys';
import { createAppStore } from '../../../src-renderer/store/app-store';
import { connected, inboundCall, step, viewWith, voiceItem, voiceOffer } from '../renderer/phone-fixtures';
import { FakeHid, FakeHidDevice, settle } from './support/fake-webhid';
import { phoneControllerSetup } from '../renderer/recording-phone-host';

/** What the headset was sent, once the queue of reports has gone out. */
async function sentTo(device: FakeHidDevice | undefined) {
  await settle();
  return device?.sent ?? [];
}

async function lightsOf(device: FakeHidDevice | undefined) {
  return (await sentTo(device)).at(-1)?.data;
}

const info = { itemId: 'i-1', autoAnswer: null, callInfo: null, alertInfo: null, assertedIdentity: null };
const controllers: HeadsetController[] = [];

async function setup(...files: string[]) {
  const { app, hub, rec: phone, controller } = phoneControllerSetup();
  const hid = new FakeHid();
  const devices = files.map((file) => FakeHidDevice.of(file));
  hid.granted = [...devices];
  const stored = new Map<string, string>();
  const storage = { getItem: (key: string) => stored.get(key) ?? null, setItem: (key: string, value: string) => void stored.set(key, value) };
  const start = () => {
    const headset = createHeadsetController({ hid, app, actions: createPhoneActions(app, controller), storage, settleMs: 1000 });
    controllers.push(headset);
    return headset;
  };
  const headset = start();
  await settle();

  /** A voice offer whose SIP call rings on this phone. */
  const ring = () => {
    app.getState().applyView(viewWith([voiceOffer('i-1')], []));
    phone.emit({ type: 'incoming-call', call: inboundCall('k1', 'i-1'), info });
  };
  /** The call, answered and talking, its item accepted. */
  const talk = (muted = false) => {
    app.getState().applyView(viewWith([], [voiceItem('i-1', 'accepted')]));
    const live = connected(inboundCall('k1', 'i-1'));
    phone.emit({ type: 'call-updated', call: muted ? step(live, { type: 'muted', on: true }) : live });
  };
  const hangUp = () => {
    phone.emit({ type: 'call-updated', call: step(connected(inboundCall('k1', 'i-1')), { type: 'ended', at: '2026-01-01T10:01:00.000Z', reason: 'local-hangup' }) });
    phone.emit({ type: 'call-removed', callId: 'k1' });
  };
  return { app, hub, phone, hid, devices, headset, start, stored, ring, talk, hangUp };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => {
  controllers.splice(0).forEach((controller) => controller.dispose());
  vi.useRealTimers();
});

describe('a Jabra (hook switch as the headset\'s state, lights on report 2)', () => {
  it('follows the granted headset on start and shows it idle', async () => {
    const { app, devices: [jabra] } = await setup('jabra-evolve2-link380.json');
    expect(app.getState().headset).toEqual({ kind: 'connected', name: 'Jabra Link 380' });
    expect(jabra?.opened).toBe(true);
    expect(await sentTo(jabra)).toEqual([{ reportId: 2, data: '00' }]);
  });

  it('rings, answers with the call button, lights Off-Hook; mute button mutes; call button again hangs up', async () => {
    const { phone, devices: [jabra], ring, talk } = await setup('jabra-evolve2-link380.json');
    ring();
    expect(await lightsOf(jabra)).toBe('24');
    jabra?.press('off-hook');
    expect(phone.commands).toEqual([{ type: 'answer', callId: 'k1' }]);
    talk();
    expect(await lightsOf(jabra)).toBe('01');
    jabra?.press('mute-press');
    jabra?.press('mute-release');
    expect(phone.commands.slice(1)).toEqual([{ type: 'mute', callId: 'k1' }]);
    talk(true);
    expect(await lightsOf(jabra)).toBe('13');
    jabra?.press('on-hook');
    expect(phone.commands.slice(2)).toEqual([{ type: 'hangup', callId: 'k1' }]);
  });

  it('a double tap on a ringing call declines it (603, so the hub offers it to someone else)', async () => {
    const { phone, devices: [jabra], ring } = await setup('jabra-evolve2-link380.json');
    ring();
    jabra?.press('reject-press');
    jabra?.press('reject-release');
    expect(phone.commands).toEqual([{ type: 'reject', callId: 'k1', sipCode: 603 }]);
  });

  it('a call answered on screen lights Off-Hook, and the headset\'s next press hangs it up', async () => {
    const { phone, devices: [jabra], talk } = await setup('jabra-evolve2-link380.json');
    talk();
    expect(await lightsOf(jabra)).toBe('01');
    jabra?.press('on-hook');
    expect(phone.commands).toEqual([{ type: 'hangup', callId: 'k1' }]);
  });

  it('a press with no call does nothing and the headset is told at once it is still on-hook', async () => {
    const { phone, devices: [jabra] } = await setup('jabra-evolve2-link380.json');
    jabra?.press('off-hook');
    expect(phone.commands).toEqual([]);
    expect(await sentTo(jabra)).toEqual([{ reportId: 2, data: '00' }, { reportId: 2, data: '00' }]);
  });

  it('when the phone cannot act on a press, the lights are shown again after a moment', async () => {
    const { devices: [jabra], ring } = await setup('jabra-evolve2-link380.json');
    ring();
    const before = (await sentTo(jabra)).length;
    jabra?.press('off-hook');
    expect((await sentTo(jabra)).length).toBe(before);
    await vi.advanceTimersByTimeAsync(1000);
    expect((await sentTo(jabra)).slice(before)).toEqual([{ reportId: 2, data: '24' }]);
  });

  it('the consumer-control report (volume) and the dongle\'s own byte are not call buttons', async () => {
    const { phone, devices: [jabra], talk } = await setup('jabra-evolve2-link380.json');
    talk();
    const sent = (await sentTo(jabra)).length;
    jabra?.press('volume-up');
    expect(phone.commands).toEqual([]);
    expect((await sentTo(jabra)).length).toBe(sent);
  });

  it('the lights follow the store: ringing, then idle when the caller gives up', async () => {
    const { app, phone, devices: [jabra], ring } = await setup('jabra-evolve2-link380.json');
    ring();
    expect(await lightsOf(jabra)).toBe('24');
    phone.emit({ type: 'call-updated', call: step(inboundCall('k1', 'i-1'), { type: 'ended', at: '2026-01-01T10:00:09.000Z', reason: 'cancelled' }) });
    phone.emit({ type: 'call-removed', callId: 'k1' });
    app.getState().applyView(viewWith([], []));
    expect(await lightsOf(jabra)).toBe('00');
  });
});

describe('a Poly (relative hook switch, lights on report 3, hold and reject in an array)', () => {
  it('each press of the call button answers, then hangs up; releases do nothing', async () => {
    const { phone, devices: [poly], ring, talk } = await setup('poly-blackwire-3220.json');
    ring();
    expect((await sentTo(poly)).at(-1)).toEqual({ reportId: 3, data: '04' });
    poly?.press('hook-press');
    poly?.press('hook-release');
    talk();
    expect(await lightsOf(poly)).toBe('02');
    poly?.press('hold-press');
    poly?.press('hold-release');
    poly?.press('hook-press');
    poly?.press('hook-release');
    expect(phone.commands).toEqual([{ type: 'answer', callId: 'k1' }, { type: 'hold', callId: 'k1' }, { type: 'hangup', callId: 'k1' }]);
  });
});

describe('a Yealink (every input declared absolute)', () => {
  it('mute arrives as a press and mutes once; the dongle\'s off-hook bit with no call is ignored', async () => {
    const { phone, devices: [yealink], talk, hangUp } = await setup('yealink-uh36.json');
    yealink?.press('off-hook');
    expect(phone.commands).toEqual([]);
    expect(await lightsOf(yealink)).toBe('00');
    talk();
    expect(await lightsOf(yealink)).toBe('01');
    yealink?.press('mute-press');
    yealink?.press('mute-release');
    expect(phone.commands).toEqual([{ type: 'mute', callId: 'k1' }]);
    hangUp();
    expect(await lightsOf(yealink)).toBe('00');
  });
});

describe('EPOS and Logitech (buttons after a vendor byte)', () => {
  it.each(['epos-impact-sdw.json', 'logitech-zone-wired.json'])('%s: answers and mutes from bits 8 and up', async (file) => {
    const { phone, devices: [headset], ring, talk } = await setup(file);
    ring();
    headset?.press('off-hook');
    talk();
    headset?.press('mute-press');
    headset?.press('mute-release');
    headset?.press('on-hook');
    expect(phone.commands.map((command) => command.type)).toEqual(['answer', 'mute', 'hangup']);
  });
});

describe('connecting', () => {
  it('without WebHID the settings say so and nothing else happens', () => {
    const app = createAppStore();
    createHeadsetController({ hid: null, app, actions: () => false });
    expect(app.getState().headset).toEqual({ kind: 'unsupported' });
  });

  it('with nothing granted it waits; the chooser asks for telephony devices and the pick is followed and remembered', async () => {
    const { app, hid, headset, stored } = await setup();
    expect(app.getState().headset).toEqual({ kind: 'none' });
    const jabra = FakeHidDevice.of('jabra-evolve2-link380.json');
    hid.chooserAnswer = [jabra];
    await headset.choose();
    expect(hid.requests).toEqual([{ filters: [{ usagePage: 0x0b }] }]);
    expect(app.getState().headset).toEqual({ kind: 'connected', name: 'Jabra Link 380' });
    expect(JSON.parse(stored.get('centralita.headset') ?? '{}')).toEqual({ vendorId: 0x0b0e, productId: jabra.productId, productName: 'Jabra Link 380' });
  });

  it('the headset chosen last wins on the next start when several are granted', async () => {
    const { app, hid, headset, devices: [jabra, poly], start } = await setup('jabra-evolve2-link380.json', 'poly-blackwire-3220.json');
    expect(app.getState().headset).toMatchObject({ name: 'Jabra Link 380' });
    hid.chooserAnswer = [poly as FakeHidDevice];
    await headset.choose();
    expect(app.getState().headset).toMatchObject({ kind: 'connected', name: 'Plantronics Blackwire 3220 Series' });
    expect(jabra?.opened).toBe(false);
    headset.dispose();
    start();
    await settle();
    expect(app.getState().headset).toMatchObject({ kind: 'connected', name: 'Plantronics Blackwire 3220 Series' });
  });

  it('a cancelled chooser changes nothing; a device with no call controls is named as such', async () => {
    const { app, hid, headset } = await setup('jabra-evolve2-link380.json');
    hid.chooserAnswer = [];
    await headset.choose();
    expect(app.getState().headset).toMatchObject({ kind: 'connected' });
    const dial = FakeHidDevice.of('jabra-evolve2-link380.json');
    Object.assign(dial, { collections: dial.collections.filter((collection) => collection.usagePage !== 0x0b), productName: 'Volume knob' });
    hid.chooserAnswer = [dial];
    await headset.choose();
    expect(app.getState().headset).toEqual({ kind: 'failed', name: 'Volume knob', reason: 'no-controls' });
  });

  it('a headset another app holds is reported, not followed', async () => {
    const { app, hid, headset } = await setup();
    const busy = FakeHidDevice.of('epos-impact-sdw.json');
    busy.failOpen = true;
    hid.chooserAnswer = [busy];
    await headset.choose();
    expect(app.getState().headset).toEqual({ kind: 'failed', name: 'EPOS IMPACT SDW 5000', reason: 'open' });
    expect(busy.listening).toBe(0);
  });

  it('unplugged, it says so; plugged in again, it is followed again and shown the call', async () => {
    const { app, hid, devices: [jabra], talk } = await setup('jabra-evolve2-link380.json');
    hid.unplug(jabra as FakeHidDevice);
    await settle();
    expect(app.getState().headset).toEqual({ kind: 'unplugged', name: 'Jabra Link 380' });
    expect(jabra?.listening).toBe(0);
    talk();
    hid.plug(jabra as FakeHidDevice);
    await settle();
    expect(app.getState().headset).toEqual({ kind: 'connected', name: 'Jabra Link 380' });
    expect(await lightsOf(jabra)).toBe('01');
  });
});
