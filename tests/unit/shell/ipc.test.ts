import pino from 'pino';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { IPC_OP_NAMES, type IpcEventName, type IpcEventPayload } from '../../../src-common/ipc';
import { ok, type Result } from '../../../src-common/result';
import { DEFAULT_SETTINGS, type EffectiveSettings } from '../../../src-common/settings';
import type { IpcEventListener, MainServices } from '../../../src-main/services/main-services';

type Handler = (event: unknown, params: unknown) => Promise<Result<unknown>>;

// Stand-in for Electron's ipcMain: records handlers so the test can call them as Electron would.
const electron = vi.hoisted(() => ({ handlers: new Map<string, Handler>() }));
vi.mock('electron', () => ({
  ipcMain: {
    handle: (channel: string, handler: Handler) => electron.handlers.set(channel, handler),
    removeHandler: (channel: string) => electron.handlers.delete(channel),
  },
}));

const { registerIpcHandlers, forwardServiceEvents } = await import('../../../src-main/electron/ipc');

/** Services stand-in for the shell's wiring only: records calls and lets the test push events. */
class RecordingServices implements MainServices {
  readonly calls: Array<{ op: string; params: unknown }> = [];
  private listeners = new Set<IpcEventListener>();
  async invoke(op: string, params: unknown): Promise<Result<unknown>> {
    this.calls.push({ op, params });
    return ok(`answer to ${op}`);
  }
  onEvent(listener: IpcEventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  emit<K extends IpcEventName>(name: K, payload: IpcEventPayload<K>): void {
    for (const listener of this.listeners) listener(name, payload);
  }
  readonly windowAttached: boolean[] = [];
  setWindowAttached(attached: boolean): void {
    this.windowAttached.push(attached);
  }
  async close(): Promise<void> {}
}

function ipcEvent(senderId: number, url: string, topFrame = true): unknown {
  const mainFrame = { url, parent: null, frameTreeNodeId: 1 };
  const frame = topFrame ? mainFrame : { url, parent: mainFrame, frameTreeNodeId: 2 };
  return { sender: { id: senderId, mainFrame }, senderFrame: frame };
}

const log = pino({ level: 'silent' });

describe('IPC wiring', () => {
  afterEach(() => electron.handlers.clear());

  it('registers one prefixed handler per op of the contract, and removes them on quit', () => {
    const remove = registerIpcHandlers(new RecordingServices(), () => new Set([1]), log);
    expect([...electron.handlers.keys()].sort()).toEqual(IPC_OP_NAMES.map((op) => `centralita:${op}`).sort());
    remove();
    expect(electron.handlers.size).toBe(0);
  });

  it('passes a call from our window to main services', async () => {
    const services = new RecordingServices();
    registerIpcHandlers(services, () => new Set([1]), log);
    const handler = electron.handlers.get('centralita:offer.accept');
    const answer = await handler?.(ipcEvent(1, 'app://centralita/index.html'), { offerId: 'o-1' });
    expect(answer).toEqual({ ok: true, value: 'answer to offer.accept' });
    expect(services.calls).toEqual([{ op: 'offer.accept', params: { offerId: 'o-1' } }]);
  });

  it('refuses a sender from another origin, a subframe or another window before services see it', async () => {
    const services = new RecordingServices();
    registerIpcHandlers(services, () => new Set([1]), log);
    const handler = electron.handlers.get('centralita:session.logout');
    const mainFrame = { url: 'app://centralita/index.html', parent: null, frameTreeNodeId: 1 };
    // A second top-level frame tree inside our window (e.g. a fenced frame) is not the page.
    const otherTree = { sender: { id: 1, mainFrame }, senderFrame: { ...mainFrame, frameTreeNodeId: 9 } };
    for (const event of [ipcEvent(1, 'https://evil.example/'), ipcEvent(1, 'app://centralita/index.html', false), ipcEvent(2, 'app://centralita/index.html'), otherTree]) {
      expect(await handler?.(event, {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    expect(services.calls).toEqual([]);
  });

  it('forwards services events to live windows on the event channel', () => {
    const services = new RecordingServices();
    const sent: Array<[string, unknown]> = [];
    const live = { isDestroyed: () => false, send: (channel: string, payload: unknown) => sent.push([channel, payload]) };
    const gone = { isDestroyed: () => true, send: () => sent.push(['destroyed', null]) };
    const stop = forwardServiceEvents(services, () => [live, gone] as never);
    const settings: EffectiveSettings = { values: { ...DEFAULT_SETTINGS, language: 'ca' }, locked: [], policyError: null, policyIssues: [], origins: {} };
    services.emit('settings', settings);
    stop();
    services.emit('settings', settings);
    expect(sent).toEqual([['centralita:event:settings', settings]]);
  });
});
