import { describe, expect, it } from 'vitest';
import type { DesktopApi, IpcEventName, IpcEventPayload } from '../../../src-common/ipc';
import { runGlobalHotkeys } from '../../../src-renderer/phone/global-hotkeys';

describe('global hotkeys in the agent window', () => {
  it('runs a hotkey from main as the in-window Alt shortcut for the same action', () => {
    const listeners = new Map<string, (payload: unknown) => void>();
    const api = {
      invoke: () => Promise.resolve({ ok: false, error: { code: 'internal', message: 'not used' } }),
      on: <K extends IpcEventName>(name: K, listener: (payload: IpcEventPayload<K>) => void) => {
        listeners.set(name, listener as (payload: unknown) => void);
        return () => listeners.delete(name);
      },
    } as DesktopApi;
    const codes: string[] = [];
    const stop = runGlobalHotkeys(api, (code) => {
      codes.push(code);
      return true;
    });
    listeners.get('hotkey')?.({ action: 'answer' });
    listeners.get('hotkey')?.({ action: 'mute' });
    listeners.get('hotkey')?.({ action: 'hangup' });
    expect(codes).toEqual(['KeyA', 'KeyM', 'KeyE']);
    stop();
    expect(listeners.has('hotkey')).toBe(false);
  });
});
