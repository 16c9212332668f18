import { describe, expect, it, vi } from 'vitest';

// Stand-in for Electron's renderer-side module: the real one cannot load outside Electron.
const electron = vi.hoisted(() => ({
  exposed: new Map<string, unknown>(),
  invoked: [] as string[],
}));

vi.mock('electron', () => ({
  contextBridge: {
    exposeInMainWorld: (key: string, api: unknown) => electron.exposed.set(key, api),
  },
  ipcRenderer: {
    invoke: async (channel: string) => {
      electron.invoked.push(channel);
      return { ok: true, value: null };
    },
    on: () => undefined,
    removeListener: () => undefined,
    send: () => undefined,
    sendSync: () => undefined,
  },
}));

describe('agent window preload', () => {
  it('exposes window.centralita and the phone bridge, each with only invoke and on, and nothing of ipcRenderer', async () => {
    await import('../../../src-main/electron/preload');
    expect([...electron.exposed.keys()]).toEqual(['centralita', 'centralitaPhoneBridge']);
    for (const key of ['centralita', 'centralitaPhoneBridge']) {
      const api = electron.exposed.get(key) as Record<string, unknown>;
      expect(Object.keys(api).sort()).toEqual(['invoke', 'on']);
      expect(api).not.toHaveProperty('send');
      expect(api).not.toHaveProperty('sendSync');
      expect(api).not.toHaveProperty('ipcRenderer');
    }
  });

  it('routes a phone op to its own channel and refuses one outside the allow-list', async () => {
    await import('../../../src-main/electron/preload');
    const phone = electron.exposed.get('centralitaPhoneBridge') as { invoke(op: string, params: unknown): Promise<unknown> };
    await phone.invoke('phone.snapshot', {});
    expect(electron.invoked).toContain('centralita:phone.snapshot');
    const sent = electron.invoked.length;
    // A desktop op is not a phone op: the phone bridge never sends it anywhere.
    await expect(phone.invoke('view.get', {})).resolves.toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(electron.invoked).toHaveLength(sent);
  });

  it('routes an invoke to its prefixed channel', async () => {
    await import('../../../src-main/electron/preload');
    const api = electron.exposed.get('centralita') as { invoke(op: string, params: unknown): Promise<unknown> };
    await api.invoke('view.get', {});
    expect(electron.invoked).toContain('centralita:view.get');
  });
});
