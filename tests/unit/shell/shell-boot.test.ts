/**
 * Boots the real Electron entry (main.ts) and real main services against a stand-in for the
 * Electron API: the closest this machine gets to running the shell. Checks the wiring a user
 * depends on: secured windows, IPC that answers only our page, policy reaching settings, and a
 * quit that closes services.
 */
import { mkdtempSync, readdirSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../../src-main/electron/content-security-policy';
import { app, recorded } from './electron-stand-in';

vi.mock('electron', async () => await import('./electron-stand-in'));

const dataDir = mkdtempSync(path.join(tmpdir(), 'centralita-shell-'));
const policyFile = path.join(dataDir, 'policy.json');
const previousPolicyEnv = process.env.CENTRALITA_POLICY_FILE;

beforeAll(async () => {
  writeFileSync(policyFile, JSON.stringify({ settings: { language: 'ca' } }));
  process.env.CENTRALITA_POLICY_FILE = policyFile;
  app.userData = dataDir;
  await import('../../../src-main/electron/main');
  await vi.waitFor(() => expect(recorded.windows).toHaveLength(2), { timeout: 15_000 });
});

afterAll(() => {
  if (previousPolicyEnv === undefined) delete process.env.CENTRALITA_POLICY_FILE;
  else process.env.CENTRALITA_POLICY_FILE = previousPolicyEnv;
  rmSync(dataDir, { recursive: true, force: true });
});

const agentWindow = () => recorded.windows.find((w) => w.webContents.url === 'app://centralita/index.html');
const phoneWindow = () => recorded.windows.find((w) => w.webContents.url === 'app://centralita/phone.html');

function invoke(channel: string, params: unknown, from = agentWindow()?.webContents): Promise<unknown> {
  const handler = recorded.ipcHandlers.get(channel);
  if (!handler || !from) throw new Error(`no handler for ${channel}`);
  return handler({ sender: from, senderFrame: from.mainFrame }, params);
}

describe('Electron shell boot (stand-in Electron, real services)', () => {
  it('writes centralita.log through one logger: the shell hands its own to the services', () => {
    const logFile = path.join(dataDir, 'logs', 'centralita.log');
    // Each pino destination holds its own descriptor; two writers on one file interleave lines.
    const writers = readdirSync('/proc/self/fd').filter((fd) => {
      try {
        return readlinkSync(`/proc/self/fd/${fd}`) === logFile;
      } catch {
        return false;
      }
    });
    expect(writers).toHaveLength(1);
  });

  it('sandboxes every window and serves pages from app://centralita', () => {
    expect(recorded.sandboxEnabled).toBe(true);
    expect(recorded.privilegedSchemes).toEqual([expect.objectContaining({ scheme: 'app' })]);
    expect(recorded.protocolHandlers.has('app')).toBe(true);
    expect(agentWindow()?.webContents.url).toBe('app://centralita/index.html');
    expect(agentWindow()?.options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false });
  });

  it('hands a tel: link from a second launch (the OS) to the agent window, and only a well-formed one', () => {
    const contents = agentWindow()?.webContents;
    if (!contents) throw new Error('no agent window');
    const dialEvents = () => contents.sent.filter(([channel]) => channel === 'centralita:event:dial');
    const before = dialEvents().length;
    app.emit('second-instance', {}, ['/opt/Centralita/centralita', 'tel:+34600100200']);
    expect(dialEvents().slice(before)).toEqual([['centralita:event:dial', { target: 'tel:+34600100200' }]]);
    app.emit('second-instance', {}, ['/opt/Centralita/centralita', 'tel:600 100 200 && calc']);
    expect(dialEvents().slice(before)).toHaveLength(1);
  });

  it('keeps a hidden, unthrottled phone window of its own', () => {
    expect(phoneWindow()?.options.show).toBe(false);
    expect(phoneWindow()?.options.webPreferences?.backgroundThrottling).toBe(false);
    expect(phoneWindow()?.webContents.url).toBe('app://centralita/phone.html');
  });

  it('answers the agent page over IPC with settings shaped by the IT policy', async () => {
    const answer = await invoke('centralita:settings.get', {});
    expect(answer).toMatchObject({ ok: true, value: { values: { language: 'ca' }, locked: ['language'] } });
    const view = await invoke('centralita:view.get', {});
    expect(view).toMatchObject({ ok: true, value: { status: 'signed-out' } });
  });

  it('refuses IPC from the phone window and from pages that are not ours', async () => {
    expect(await invoke('centralita:settings.get', {}, phoneWindow()?.webContents)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const contents = agentWindow()?.webContents;
    if (!contents) throw new Error('no agent window');
    contents.mainFrame.url = 'https://evil.example/';
    try {
      expect(await invoke('centralita:settings.get', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    } finally {
      contents.mainFrame.url = 'app://centralita/index.html';
    }
  });

  it('lets main services validate params before acting', async () => {
    expect(await invoke('centralita:settings.set', { values: { language: 'en' } })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await invoke('centralita:agent.setState', { state: 'dancing' })).toMatchObject({ ok: false, error: { code: 'bad-request' } });
  });

  it('puts the strict CSP on every response and locks navigation', () => {
    let headers: Record<string, string[]> = {};
    recorded.headersHook?.({ responseHeaders: { 'Content-Security-Policy': ["default-src *"] } }, (r: { responseHeaders: Record<string, string[]> }) => (headers = r.responseHeaders));
    expect(headers['Content-Security-Policy']).toEqual([CONTENT_SECURITY_POLICY]);
    let prevented = false;
    agentWindow()?.webContents.emit('will-navigate', { preventDefault: () => (prevented = true) }, 'https://evil.example/');
    expect(prevented).toBe(true);
    expect(agentWindow()?.webContents.openHandler?.({ url: 'https://example.es' })).toEqual({ action: 'deny' });
  });

  it('grants the microphone to the phone window only', () => {
    const ask = (contents: unknown): boolean => {
      let granted = true;
      recorded.permissionRequest?.(contents, 'media', (g: boolean) => (granted = g), { requestingUrl: 'app://centralita/phone.html', mediaTypes: ['audio'] });
      return granted;
    };
    expect(ask(phoneWindow()?.webContents)).toBe(true);
    expect(ask(agentWindow()?.webContents)).toBe(false);
  });

  it('lets the agent window use telephony headsets over WebHID, and nothing else on the bus', () => {
    const check = (contents: unknown) => recorded.permissionCheck?.(contents, 'hid', 'app://centralita', { isMainFrame: true });
    expect(check(agentWindow()?.webContents)).toBe(true);
    expect(check(phoneWindow()?.webContents)).toBe(false);
    const headset = { deviceId: 'h1', name: 'Jabra Link 380', vendorId: 0x0b0e, productId: 1, collections: [{ usagePage: 0x0c }, { usagePage: 0x0b }] };
    const keyboard = { deviceId: 'k1', name: 'Keyboard', vendorId: 1, productId: 2, collections: [{ usagePage: 0x01 }] };
    expect(recorded.devicePermission?.({ deviceType: 'hid', origin: 'app://centralita', device: headset })).toBe(true);
    expect(recorded.devicePermission?.({ deviceType: 'hid', origin: 'app://centralita', device: keyboard })).toBe(false);
    expect(recorded.devicePermission?.({ deviceType: 'usb', origin: 'app://centralita', device: headset })).toBe(false);
    const select = (frame: unknown) => {
      let chosen: unknown = 'not answered';
      let prevented = false;
      recorded.sessionListeners.get('select-hid-device')?.({ preventDefault: () => (prevented = true) }, { deviceList: [keyboard, headset], frame }, (id: unknown) => (chosen = id));
      return { chosen, prevented };
    };
    expect(select(agentWindow()?.webContents.mainFrame)).toEqual({ chosen: 'h1', prevented: true });
    expect(select(phoneWindow()?.webContents.mainFrame)).toEqual({ chosen: null, prevented: true });
    expect(select(null)).toEqual({ chosen: null, prevented: true });
  });

  it('closes services and IPC on quit, then quits for real', async () => {
    const quitsBefore = recorded.quitCalls;
    app.quit();
    await vi.waitFor(() => expect(recorded.ipcHandlers.size).toBe(0), { timeout: 10_000 });
    await vi.waitFor(() => expect(recorded.quitCalls).toBe(quitsBefore + 2));
    expect(phoneWindow()?.isDestroyed()).toBe(true);
  });
});
