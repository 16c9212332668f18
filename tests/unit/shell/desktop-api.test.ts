import { describe, expect, it } from 'vitest';
import { IPC_CHANNEL_PREFIX, type IpcOpName, type ViewChange } from '../../../src-common/ipc';
import { createDesktopApi, type RendererIpc } from '../../../src-main/electron/desktop-api';

type Listener = (event: unknown, ...args: unknown[]) => void;

/** Records what the preload asks of ipcRenderer; answers invokes from a table. */
class FakeRendererIpc implements RendererIpc {
  readonly invoked: Array<{ channel: string; args: unknown[] }> = [];
  readonly listeners = new Map<string, Set<Listener>>();
  constructor(private readonly answer: (channel: string) => unknown) {}
  async invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    this.invoked.push({ channel, args });
    return this.answer(channel);
  }
  on(channel: string, listener: Listener): void {
    const set = this.listeners.get(channel) ?? new Set<Listener>();
    set.add(listener);
    this.listeners.set(channel, set);
  }
  removeListener(channel: string, listener: Listener): void {
    this.listeners.get(channel)?.delete(listener);
  }
  emit(channel: string, payload: unknown): void {
    for (const listener of this.listeners.get(channel) ?? []) listener({ sender: 'ipc-internals' }, payload);
  }
}

describe('the API the preload exposes', () => {
  it('carries an op on its prefixed channel and resolves with main\'s result', async () => {
    const ipc = new FakeRendererIpc(() => ({ ok: true, value: null }));
    const api = createDesktopApi(ipc);
    await expect(api.invoke('agent.setState', { state: 'ready', reasonCode: null })).resolves.toEqual({ ok: true, value: null });
    expect(ipc.invoked).toEqual([{ channel: `${IPC_CHANNEL_PREFIX}agent.setState`, args: [{ state: 'ready', reasonCode: null }] }]);
  });

  it("hands on main's user-facing error as a value", async () => {
    const api = createDesktopApi(new FakeRendererIpc(() => ({ ok: false, error: { code: 'unauthenticated', message: 'Wrong user name or password.' } })));
    await expect(api.invoke('session.login', { username: 'ana', password: 'x' })).resolves.toEqual({
      ok: false,
      error: { code: 'unauthenticated', message: 'Wrong user name or password.' },
    });
  });

  it('refuses ops outside the contract without touching IPC', async () => {
    const ipc = new FakeRendererIpc(() => ({ ok: true, value: null }));
    const api = createDesktopApi(ipc);
    await expect(api.invoke('shell.openExternal' as IpcOpName, {} as never)).resolves.toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(ipc.invoked).toEqual([]);
  });

  it('turns an answer that is not a result into an error instead of passing it on', async () => {
    const api = createDesktopApi(new FakeRendererIpc(() => 'surprise'));
    await expect(api.invoke('view.get', {})).resolves.toMatchObject({ ok: false, error: { code: 'internal' } });
  });

  it('delivers only the payload of allow-listed events, and unsubscribes', () => {
    const ipc = new FakeRendererIpc(() => null);
    const api = createDesktopApi(ipc);
    const received: unknown[] = [];
    const off = api.on('view', (payload: ViewChange) => received.push(payload));
    const payload: ViewChange = { since: 'r.0', revision: 'r.1', changes: { status: 'online' } };
    ipc.emit(`${IPC_CHANNEL_PREFIX}event:view`, payload);
    expect(received).toEqual([payload]);
    off();
    ipc.emit(`${IPC_CHANNEL_PREFIX}event:view`, payload);
    expect(received).toHaveLength(1);
    expect(() => api.on('ipc-internals' as 'view', () => undefined)).toThrow(/Unknown event/);
  });

  it('exposes exactly invoke and on, and cannot be extended by the page', () => {
    const api = createDesktopApi(new FakeRendererIpc(() => null));
    expect(Object.keys(api).sort()).toEqual(['invoke', 'on']);
    expect(Object.isFrozen(api)).toBe(true);
  });
});
