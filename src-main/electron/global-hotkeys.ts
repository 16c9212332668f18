/**
 * System-wide call hotkeys (settings globalShortcuts, shortcutAnswer/HangUp/Mute, lockable by
 * policy). A press is sent to the agent window as a 'hotkey' event, where it runs the same action
 * as the in-window shortcut. A combination another app already holds is logged, not fatal.
 */
import type { GlobalShortcut } from 'electron';
import type { Logger } from 'pino';
import type { IpcEventPayload } from '../../src-common/ipc';
import type { Settings } from '../../src-common/settings';

export type HotkeyAction = IpcEventPayload<'hotkey'>['action'];

export function hotkeyBindings(values: Settings): Array<{ accelerator: string; action: HotkeyAction }> {
  if (!values.globalShortcuts) return [];
  const wanted: Array<{ accelerator: string; action: HotkeyAction }> = [
    { accelerator: values.shortcutAnswer, action: 'answer' },
    { accelerator: values.shortcutHangUp, action: 'hangup' },
    { accelerator: values.shortcutMute, action: 'mute' },
  ];
  // One combination, one action: the first setting that names it keeps it.
  return wanted.filter((binding, index) => wanted.findIndex((other) => other.accelerator === binding.accelerator) === index);
}

export class GlobalHotkeys {
  private registered: string[] = [];
  private current = '';

  constructor(
    private readonly shortcuts: Pick<GlobalShortcut, 'register' | 'unregister'>,
    private readonly send: (action: HotkeyAction) => void,
    private readonly log: Logger,
  ) {}

  apply(values: Settings): void {
    const bindings = hotkeyBindings(values);
    const key = JSON.stringify(bindings);
    if (key === this.current) return;
    this.current = key;
    this.clear();
    for (const { accelerator, action } of bindings) {
      let ok = false;
      try {
        ok = this.shortcuts.register(accelerator, () => this.send(action));
      } catch (error) {
        this.log.warn({ err: error, accelerator }, 'global hotkey rejected');
      }
      if (ok) this.registered.push(accelerator);
      else this.log.warn({ accelerator, action }, 'global hotkey is taken by another application');
    }
  }

  clear(): void {
    for (const accelerator of this.registered) this.shortcuts.unregister(accelerator);
    this.registered = [];
  }
}
