import { describe, expect, it } from 'vitest';
import { createBridgeClient } from '../../../src-renderer/api/bridge-client';
import { FakeSocket } from './fake-socket';

const settings = { values: { hubUrl: '', language: 'ca', notifications: true, autoUpdate: 'notify', keyboardShortcuts: true, logLevel: 'info', microphoneId: '', speakerId: '', ringerId: '', ringtone: 'classic', ringerVolume: 60, updateChannel: 'stable', updateUrl: '', startAtLogin: false, globalShortcuts: false, shortcutAnswer: 'CommandOrControl+Alt+A', shortcutHangUp: 'CommandOrControl+Alt+E', shortcutMute: 'CommandOrControl+Alt+M', voiceInterfaces: 'default-route' }, locked: [], policyError: null, policyIssues: [], origins: {} };

function setup() {
  const sockets: FakeSocket[] = [];
  const timers: { fn: () => void; ms: number }[] = [];
  const client = createBridgeClient({
    // The top of the jitter range, so the reconnect steps are exact.
    random: () => 1,
    url: 'ws://127.0.0.1:1/bridge?s=x&client=y',
    createSocket: (url) => {
      const s = new FakeSocket(url);
      sockets.push(s);
      return s;
    },
    setTimer: (fn, ms) => {
      const t = { fn, ms };
      timers.push(t);
      return t;
    },
    clearTimer: (handle) => {
      const i = timers.indexOf(handle as { fn: () => void; ms: number });
      if (i >= 0) timers.splice(i, 1);
    },
  });
  return { client, sockets, timers };
}

describe('web bridge client', () => {
  it('sends invokes made before the socket opens once it opens, and resolves validated results', async () => {
    const { client, sockets } = setup();
    const answer = client.invoke('settings.get', {});
    expect(sockets[0]!.sent).toHaveLength(0);
    sockets[0]!.open();
    expect(sockets[0]!.sent).toEqual([{ type: 'invoke', id: 1, op: 'settings.get', params: {} }]);
    sockets[0]!.receive({ type: 'result', id: 1, result: { ok: true, value: settings } });
    await expect(answer).resolves.toMatchObject({ ok: true, value: { values: { language: 'ca' } } });
  });

  it('hands on an error result as a value carrying the code main sent', async () => {
    const { client, sockets } = setup();
    sockets[0]!.open();
    const answer = client.invoke('offer.accept', { offerId: 'o1' });
    sockets[0]!.receive({ type: 'result', id: sockets[0]!.lastInvokeId(), result: { ok: false, error: { code: 'conflict', message: 'Offer expired' } } });
    await expect(answer).resolves.toEqual({ ok: false, error: { code: 'conflict', message: 'Offer expired' } });
  });

  it('refuses a result that does not match the op schema instead of trusting it', async () => {
    const { client, sockets } = setup();
    sockets[0]!.open();
    const answer = client.invoke('settings.get', {});
    sockets[0]!.receive({ type: 'result', id: 1, result: { ok: true, value: { values: 'nope' } } });
    await expect(answer).resolves.toMatchObject({ ok: false, error: { code: 'internal' } });
  });

  it('fails pending invokes with a clear error when the socket drops, then reconnects with backoff', async () => {
    const { client, sockets, timers } = setup();
    const statuses: string[] = [];
    client.onStatus((s) => statuses.push(s));
    sockets[0]!.open();
    const answer = client.invoke('view.get', {});
    sockets[0]!.drop();
    await expect(answer).resolves.toMatchObject({ ok: false, error: { code: 'unavailable' } });
    expect(statuses).toEqual(['open', 'closed']);
    const reconnect = timers.find((t) => t.ms === 250);
    expect(reconnect).toBeDefined();
    reconnect!.fn();
    expect(sockets).toHaveLength(2);
    // The host is still down: each failed attempt waits longer, up to the cap.
    sockets[1]!.drop();
    expect(timers.map((t) => t.ms)).toContain(500);
    timers.find((t) => t.ms === 500)!.fn();
    sockets[2]!.open();
    expect(statuses).toEqual(['open', 'closed', 'connecting', 'closed', 'connecting', 'open']);
  });

  it('fails an invoke that waited too long for a connection', async () => {
    const { client, timers } = setup();
    const answer = client.invoke('view.get', {});
    const wait = timers.find((t) => t.ms === 10_000);
    wait!.fn();
    await expect(answer).resolves.toMatchObject({ ok: false, error: { code: 'unavailable' } });
  });

  it('delivers valid events to listeners and drops invalid ones', () => {
    const { client, sockets } = setup();
    sockets[0]!.open();
    const seen: string[] = [];
    const off = client.on('settings', (s) => seen.push(s.values.language));
    sockets[0]!.receive({ type: 'event', name: 'settings', payload: settings });
    sockets[0]!.receive({ type: 'event', name: 'settings', payload: { values: { language: 'xx' } } });
    sockets[0]!.receive('not json');
    off();
    sockets[0]!.receive({ type: 'event', name: 'settings', payload: settings });
    expect(seen).toEqual(['ca']);
  });

  it('stops reconnecting once closed by the window', () => {
    const { client, sockets, timers } = setup();
    sockets[0]!.open();
    client.close();
    expect(timers).toHaveLength(0);
    expect(client.status).toBe('closed');
  });
});
