import { describe, expect, it } from 'vitest';
import { isTrustedIpcSender } from '../../../src-main/electron/ipc-sender';

const trusted = new Set([7]);
const ours = { senderId: 7, frameUrl: 'app://centralita/index.html#/queue', isMainFrame: true };

describe('IPC sender check', () => {
  it('accepts the top frame of our window showing our page', () => {
    expect(isTrustedIpcSender(ours, trusted)).toBe(true);
  });

  it('refuses a page from another origin, even in our window', () => {
    for (const frameUrl of [
      'https://evil.example/index.html',
      'file:///app/dist/renderer/index.html',
      'app://other/index.html',
      'app://centralita.evil.example/index.html',
      'app://user:pw@centralita/index.html',
      'app://centralita:8080/index.html',
      'http://centralita/index.html',
      'not a url',
    ]) {
      expect(isTrustedIpcSender({ ...ours, frameUrl }, trusted), frameUrl).toBe(false);
    }
  });

  it('refuses subframes, destroyed frames and other windows', () => {
    expect(isTrustedIpcSender({ ...ours, isMainFrame: false }, trusted)).toBe(false);
    expect(isTrustedIpcSender({ ...ours, frameUrl: null }, trusted)).toBe(false);
    expect(isTrustedIpcSender({ ...ours, senderId: 8 }, trusted)).toBe(false);
    expect(isTrustedIpcSender(ours, new Set())).toBe(false);
  });
});
