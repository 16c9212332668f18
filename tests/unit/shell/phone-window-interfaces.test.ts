/**
 * The voiceInterfaces setting reaches the phone window (stand-in Electron, real main): a desktop
 * whose settings say "all" gathers on every interface, for a VPN that carries only the voice
 * servers' addresses; phone-window.test.ts boots with the default, the default route.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { app, recorded } from './electron-stand-in';

vi.mock('electron', async () => await import('./electron-stand-in'));

const dataDir = mkdtempSync(path.join(tmpdir(), 'centralita-phone-interfaces-'));

beforeAll(async () => {
  writeFileSync(path.join(dataDir, 'settings.json'), JSON.stringify({ voiceInterfaces: 'all' }));
  app.userData = dataDir;
  await import('../../../src-main/electron/main');
  await vi.waitFor(() => expect(recorded.windows).toHaveLength(2), { timeout: 15_000 });
});

afterAll(() => {
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the phone window\'s network interfaces follow the settings', () => {
  it('"all" leaves WebRTC on every interface (Chromium\'s default policy)', () => {
    const phone = recorded.windows.find((window) => window.webContents.url === 'app://centralita/phone.html');
    expect(phone?.webContents.webRtcIpHandling).toBe('default');
  });
});
