import { describe, expect, it } from 'vitest';
import { isPermissionGranted } from '../../../src-main/electron/permissions';

const phone = { permission: 'media', fromPhoneWindow: true, requestingUrl: 'app://centralita/phone.html', mediaTypes: ['audio'] };

describe('web permissions', () => {
  it('lets the phone window on our origin use the microphone', () => {
    expect(isPermissionGranted(phone)).toBe(true);
    expect(isPermissionGranted({ ...phone, requestingUrl: 'app://centralita', mediaTypes: undefined })).toBe(true);
  });

  it('refuses the camera, other windows and other origins', () => {
    expect(isPermissionGranted({ ...phone, mediaTypes: ['audio', 'video'] })).toBe(false);
    expect(isPermissionGranted({ ...phone, fromPhoneWindow: false })).toBe(false);
    expect(isPermissionGranted({ ...phone, requestingUrl: 'https://evil.example' })).toBe(false);
  });

  it('lets the phone window, and only it, reach the SIP server on the local network or this machine', () => {
    for (const permission of ['local-network-access', 'local-network', 'loopback-network']) {
      expect(isPermissionGranted({ ...phone, permission, mediaTypes: undefined }), permission).toBe(true);
      expect(isPermissionGranted({ ...phone, permission, fromPhoneWindow: false, fromAgentWindow: true }), permission).toBe(false);
      expect(isPermissionGranted({ ...phone, permission, requestingUrl: 'https://evil.example' }), permission).toBe(false);
    }
  });

  it('refuses every other permission, even to the phone window', () => {
    for (const permission of ['geolocation', 'notifications', 'clipboard-read', 'display-capture', 'openExternal', 'usb', 'fullscreen']) {
      expect(isPermissionGranted({ ...phone, permission }), permission).toBe(false);
    }
  });
});
