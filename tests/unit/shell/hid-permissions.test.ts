import { describe, expect, it } from 'vitest';
import { chooseHeadset, isAgentPage, isHeadsetGrant } from '../../../src-main/electron/hid-permissions';
import { isPermissionGranted } from '../../../src-main/electron/permissions';

const headset = { deviceId: 'h1', collections: [{ usagePage: 0x0c, usage: 1 }, { usagePage: 0x0b, usage: 5 }] };
const securityKey = { deviceId: 'fido', collections: [{ usagePage: 0xf1d0, usage: 1 }] };
const keyboard = { deviceId: 'kbd', collections: [{ usagePage: 0x01, usage: 6 }] };

describe('WebHID in the shell', () => {
  it('the agent window on our origin may use WebHID; the phone window, other origins and other windows may not', () => {
    const agent = { permission: 'hid', fromPhoneWindow: false, fromAgentWindow: true, requestingUrl: 'app://centralita' };
    expect(isPermissionGranted(agent)).toBe(true);
    expect(isPermissionGranted({ ...agent, requestingUrl: 'https://evil.example' })).toBe(false);
    expect(isPermissionGranted({ ...agent, fromAgentWindow: false, fromPhoneWindow: true })).toBe(false);
    expect(isPermissionGranted({ ...agent, fromAgentWindow: undefined })).toBe(false);
    for (const permission of ['usb', 'serial', 'media']) expect(isPermissionGranted({ ...agent, permission }), permission).toBe(false);
  });

  it('grants telephony headsets to our origin, never keyboards, security keys, other buses or other origins', () => {
    expect(isHeadsetGrant({ deviceType: 'hid', origin: 'app://centralita', device: headset })).toBe(true);
    expect(isHeadsetGrant({ deviceType: 'hid', origin: 'app://centralita', device: securityKey })).toBe(false);
    expect(isHeadsetGrant({ deviceType: 'hid', origin: 'app://centralita', device: keyboard })).toBe(false);
    expect(isHeadsetGrant({ deviceType: 'usb', origin: 'app://centralita', device: headset })).toBe(false);
    expect(isHeadsetGrant({ deviceType: 'hid', origin: 'https://evil.example', device: headset })).toBe(false);
    expect(isHeadsetGrant({ deviceType: 'hid', origin: 'app://centralita', device: { deviceId: 'x' } })).toBe(false);
  });

  it('answers the chooser with the headset offered, only for the agent page', () => {
    expect(chooseHeadset([keyboard, securityKey, headset], true)).toBe('h1');
    expect(chooseHeadset([keyboard, securityKey], true)).toBeNull();
    expect(chooseHeadset([headset], false)).toBeNull();
  });

  it('the agent page is the agent window\'s top frame showing our page', () => {
    const frame = { url: 'app://centralita/index.html', isTopFrame: true, frameTreeNodeId: 7 };
    expect(isAgentPage(frame, 7)).toBe(true);
    expect(isAgentPage(frame, 8)).toBe(false);
    expect(isAgentPage({ ...frame, isTopFrame: false }, 7)).toBe(false);
    expect(isAgentPage({ ...frame, url: 'https://evil.example/' }, 7)).toBe(false);
    expect(isAgentPage(null, 7)).toBe(false);
    expect(isAgentPage(frame, null)).toBe(false);
  });
});
