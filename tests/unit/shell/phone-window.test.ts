/**
 * The phone in Electron, booted for real (main.ts + main services) against the stand-in Electron:
 * the hidden phone window is created with the secure options and its own preload, main relays
 * PhoneCommands from the agent window to it and its PhoneEvents back, refuses what is malformed
 * or comes from the wrong window, and reloading or closing the agent window mid-call leaves the
 * phone window (and its call) alone.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { newCall, type Call } from '../../../src-common/call';
import { app, recorded, type FakeBrowserWindow } from './electron-stand-in';

vi.mock('electron', async () => await import('./electron-stand-in'));

const dataDir = mkdtempSync(path.join(tmpdir(), 'centralita-phone-shell-'));
const REQUEST = 'centralita:phone-window:request';

beforeAll(async () => {
  app.userData = dataDir;
  await import('../../../src-main/electron/main');
  await vi.waitFor(() => expect(recorded.windows).toHaveLength(2), { timeout: 15_000 });
});

afterAll(() => {
  rmSync(dataDir, { recursive: true, force: true });
});

const byPage = (page: string): FakeBrowserWindow => {
  const found = recorded.windows.find((w) => w.webContents.url === `app://centralita/${page}`);
  if (!found) throw new Error(`no window showing ${page}`);
  return found;
};
const agentWindow = (): FakeBrowserWindow => byPage('index.html');
const phoneWindow = (): FakeBrowserWindow => byPage('phone.html');
const from = (window: FakeBrowserWindow) => ({ sender: window.webContents, senderFrame: window.webContents.mainFrame });

function invokePhone(op: string, params: unknown, sender = agentWindow()): Promise<unknown> {
  const handler = recorded.ipcHandlers.get(`centralita:${op}`);
  if (!handler) throw new Error(`no handler for ${op}`);
  return handler(from(sender), params);
}
function fromPhoneWindow(channel: 'ready' | 'reply' | 'push', payload?: unknown, sender = phoneWindow()): void {
  for (const listener of recorded.ipcListeners.get(`centralita:phone-window:${channel}`) ?? []) listener(from(sender), payload);
}
const requestsToPhone = (): Array<{ id: number; op: string; params: unknown }> =>
  phoneWindow().webContents.sent.filter(([channel]) => channel === REQUEST).map(([, request]) => request as { id: number; op: string; params: unknown });
const eventsToAgent = (): unknown[] => agentWindow().webContents.sent.filter(([channel]) => channel === 'centralita:event:phone').map(([, payload]) => payload);

const liveCall = (): Call => ({ ...newCall({ id: 'call-1', direction: 'inbound', remote: { uri: 'sip:+34600100200@lab', number: '+34600100200', displayName: null }, startedAt: '2026-11-25T03:00:00.000Z' }), state: 'active', answeredAt: '2026-11-25T03:00:02.000Z' });

describe('hidden phone window (stand-in Electron, real main)', () => {
  it('is created hidden, sandboxed and isolated, with its own preload, and never shown', () => {
    const phone = phoneWindow();
    expect(phone.options.show).toBe(false);
    expect(phone.options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, backgroundThrottling: false });
    expect(String(phone.options.webPreferences?.preload)).toMatch(/phone-preload\.cjs$/);
    expect(String(agentWindow().options.webPreferences?.preload)).toMatch(/[/\\]preload\.cjs$/);
    expect(phone.visible).toBe(false);
  });

  it('gathers WebRTC candidates on the default route only, so a call outlives a new address', () => {
    // The socket bound to the any-address keeps working when a home network hands out a new
    // address (tests/interop/network-change.test.ts measures the gap with this policy).
    expect(phoneWindow().webContents.webRtcIpHandling).toBe('default_public_and_private_interfaces');
  });

  it('holds a command until the phone page is ready, then relays it and the answer', async () => {
    const answer = invokePhone('phone.execute', { type: 'dial', target: '+34 600 10 02 00' });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(requestsToPhone()).toHaveLength(0);
    fromPhoneWindow('ready');
    const [request] = requestsToPhone();
    // Validated and normalised by main (zod defaults applied) before the phone window sees it.
    expect(request).toMatchObject({ op: 'phone.execute', params: { type: 'dial', target: '+34 600 10 02 00', itemId: null } });
    fromPhoneWindow('reply', { id: request.id, result: { ok: true, value: { callId: 'call-1' } } });
    expect(await answer).toEqual({ ok: true, value: { callId: 'call-1' } });
  });

  it('refuses a malformed PhoneCommand from the agent window without bothering the phone', async () => {
    const before = requestsToPhone().length;
    expect(await invokePhone('phone.execute', { type: 'conference', callIds: ['only-one'] })).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(await invokePhone('phone.execute', { type: 'format-disk' })).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(await invokePhone('phone.execute', { type: 'sendDtmf', callId: 'call-1', digits: '1; rm -rf' })).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(requestsToPhone()).toHaveLength(before);
  });

  it('refuses phone commands from the phone window itself and from a page that is not ours', async () => {
    expect(await invokePhone('phone.snapshot', {}, phoneWindow())).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const agent = agentWindow();
    agent.webContents.mainFrame.url = 'https://evil.example/';
    try {
      expect(await invokePhone('phone.snapshot', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    } finally {
      agent.webContents.mainFrame.url = 'app://centralita/index.html';
    }
  });

  it('answers "internal" when the phone window replies with something that does not fit the op', async () => {
    const answer = invokePhone('phone.remoteAudioLevel', { callId: 'call-1' });
    const request = requestsToPhone().at(-1);
    fromPhoneWindow('reply', { id: request?.id, result: { ok: true, value: 'loud' } });
    expect(await answer).toMatchObject({ ok: false, error: { code: 'internal' } });
  });

  it('forwards phone events to the agent window, and only valid ones from the phone window', () => {
    const call = liveCall();
    fromPhoneWindow('push', { name: 'phone', payload: { type: 'call-updated', call } });
    expect(eventsToAgent()).toContainEqual({ type: 'call-updated', call });
    const count = eventsToAgent().length;
    fromPhoneWindow('push', { name: 'phone', payload: { type: 'call-updated', call: { ...call, id: 'fake' } } }, agentWindow());
    fromPhoneWindow('push', { name: 'phone', payload: { type: 'call-updated', call: { id: 'broken' } } });
    expect(eventsToAgent()).toHaveLength(count);
  });

  it('reloading the agent window leaves the phone window and its call alone; the new page gets the call back', async () => {
    agentWindow().reload();
    expect(phoneWindow().isDestroyed()).toBe(false);
    const snapshot = invokePhone('phone.snapshot', {});
    const request = requestsToPhone().at(-1);
    expect(request?.op).toBe('phone.snapshot');
    fromPhoneWindow('reply', { id: request?.id, result: { ok: true, value: { registration: { transport: 'connected', registration: 'registered', message: null }, calls: [liveCall()] } } });
    expect(await snapshot).toMatchObject({ ok: true, value: { calls: [{ id: 'call-1', state: 'active' }] } });
  });

  it('a phone page that crashes or reloads mid-call tells the agent window the call is gone, and serves again once ready', async () => {
    fromPhoneWindow('push', { name: 'phone', payload: { type: 'call-updated', call: { ...liveCall(), id: 'call-2' } } });
    phoneWindow().reload();
    expect(eventsToAgent().slice(-2)).toMatchObject([{ type: 'call-updated', call: { id: 'call-2', state: 'ended', endReason: 'failed' } }, { type: 'call-removed', callId: 'call-2' }]);
    const snapshot = invokePhone('phone.snapshot', {});
    const sentBefore = requestsToPhone().length;
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(requestsToPhone()).toHaveLength(sentBefore);
    fromPhoneWindow('ready');
    const request = requestsToPhone().at(-1);
    fromPhoneWindow('reply', { id: request?.id, result: { ok: true, value: { registration: { transport: 'connected', registration: 'registered', message: null }, calls: [] } } });
    expect(await snapshot).toMatchObject({ ok: true, value: { calls: [] } });
    // The agent's call-1 was re-reported by the restarted phone for the next test.
    fromPhoneWindow('push', { name: 'phone', payload: { type: 'call-updated', call: liveCall() } });
  });

  it('closing the agent window mid-call hides it instead; after the call it closes and the app quits', async () => {
    const quitsBefore = recorded.quitCalls;
    expect(agentWindow().requestClose()).toBe(false);
    expect(agentWindow().visible).toBe(false);
    expect(phoneWindow().isDestroyed()).toBe(false);
    expect(recorded.quitCalls).toBe(quitsBefore);

    fromPhoneWindow('push', { name: 'phone', payload: { type: 'call-removed', callId: 'call-1' } });
    expect(agentWindow().requestClose()).toBe(true);
    await vi.waitFor(() => expect(recorded.quitCalls).toBeGreaterThan(quitsBefore), { timeout: 10_000 });
    await vi.waitFor(() => expect(phoneWindow().isDestroyed()).toBe(true), { timeout: 10_000 });
  });
});
