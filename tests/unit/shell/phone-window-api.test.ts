/**
 * The phone window's preload API (what its page sees as window.centralitaPhoneWindow): it says
 * ready when the page serves, answers every request of main with exactly one reply (also when
 * the op is unknown or the page's handler throws), and sends only the phone's own events.
 */
import { describe, expect, it } from 'vitest';
import { createPhoneWindowApi } from '../../../src-main/electron/phone-window-api';

function fakeIpc() {
  const sent: Array<[string, unknown]> = [];
  const listeners = new Map<string, (event: unknown, ...args: unknown[]) => void>();
  return {
    sent,
    ipc: { send: (channel: string, ...args: unknown[]) => void sent.push([channel, args[0]]), on: (channel: string, listener: (event: unknown, ...args: unknown[]) => void) => void listeners.set(channel, listener) },
    fromMain: (payload: unknown) => listeners.get('centralita:phone-window:request')?.({}, payload),
  };
}
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('phone window preload API', () => {
  it('answers each request once: the handler\'s result, an unknown op, or a handler that throws', async () => {
    const { ipc, sent, fromMain } = fakeIpc();
    const api = createPhoneWindowApi(ipc);
    api.serve(async (op) => {
      if (op === 'phone.stop') throw new Error('boom');
      return { ok: true, value: op };
    });
    expect(sent).toEqual([['centralita:phone-window:ready', undefined]]);
    fromMain({ id: 1, op: 'phone.snapshot', params: {} });
    fromMain({ id: 2, op: 'session.logout', params: {} });
    fromMain({ id: 3, op: 'phone.stop', params: {} });
    fromMain('garbage');
    await settle();
    const replies = sent.filter(([channel]) => channel === 'centralita:phone-window:reply').map(([, reply]) => reply);
    expect(replies).toEqual([
      { id: 1, result: { ok: true, value: 'phone.snapshot' } },
      { id: 2, result: { ok: false, error: { code: 'bad-request', message: 'Unknown phone operation.' } } },
      { id: 3, result: { ok: false, error: { code: 'internal', message: 'Error: boom' } } },
    ]);
  });

  it('pushes phone events and mic levels only', () => {
    const { ipc, sent } = fakeIpc();
    const api = createPhoneWindowApi(ipc);
    api.push('phone-mic-level', { watchId: 'w1', level: 0.4 });
    expect(sent).toEqual([['centralita:phone-window:push', { name: 'phone-mic-level', payload: { watchId: 'w1', level: 0.4 } }]]);
    expect(() => api.push('view' as never, {} as never)).toThrow(/Unknown phone event/);
  });
});
