import type { DesktopApi } from '../../src-common/ipc';
import type { ExtraShortcuts } from '../keyboard/use-shortcuts';

/** The in-window key each system-wide hotkey stands for, so both run the very same action. */
const CODE_OF = { answer: 'KeyA', hangup: 'KeyE', mute: 'KeyM' } as const;

/**
 * Global hotkeys (Electron, settings globalShortcuts): main reports the press, and it runs as the
 * in-window Alt+A / Alt+E / Alt+M would: answer the ringing call, hang up or mute the current one.
 */
export function runGlobalHotkeys(api: DesktopApi, shortcuts: ExtraShortcuts): () => void {
  return api.on('hotkey', ({ action }) => {
    shortcuts(CODE_OF[action]);
  });
}
