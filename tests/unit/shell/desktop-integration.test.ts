/**
 * Global call hotkeys and start at login follow the settings (and so IT policy). Electron's
 * globalShortcut and login items are stand-ins that record what the shell asked; the Linux
 * autostart entry is a real file in a temporary XDG config folder.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, Settings } from '../../../src-common/settings';
import { GlobalHotkeys, hotkeyBindings, type HotkeyAction } from '../../../src-main/electron/global-hotkeys';
import { applyStartAtLogin } from '../../../src-main/electron/start-at-login';
import { collectPolicy } from '../../../src-main/services/settings/effective-settings';
import { jsonPolicySource } from '../../../src-main/services/settings/policy-sources';

const log = pino({ level: 'silent' });
const dir = mkdtempSync(path.join(tmpdir(), 'centralita-autostart-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

class RecordingShortcuts {
  readonly held = new Map<string, () => void>();
  /** Combinations another application already owns. */
  constructor(private readonly taken: string[] = []) {}
  register(accelerator: string, callback: () => void): boolean {
    if (this.taken.includes(accelerator)) return false;
    this.held.set(accelerator, callback);
    return true;
  }
  unregister(accelerator: string): void {
    this.held.delete(accelerator);
  }
}

describe('global call hotkeys', () => {
  it('are off by default and bind answer, hang up and mute when turned on', () => {
    expect(hotkeyBindings(DEFAULT_SETTINGS)).toEqual([]);
    const shortcuts = new RecordingShortcuts();
    const sent: HotkeyAction[] = [];
    const hotkeys = new GlobalHotkeys(shortcuts, (action) => sent.push(action), log);
    hotkeys.apply({ ...DEFAULT_SETTINGS, globalShortcuts: true });
    expect([...shortcuts.held.keys()]).toEqual(['CommandOrControl+Alt+A', 'CommandOrControl+Alt+E', 'CommandOrControl+Alt+M']);
    shortcuts.held.get('CommandOrControl+Alt+E')?.();
    shortcuts.held.get('CommandOrControl+Alt+A')?.();
    expect(sent).toEqual(['hangup', 'answer']);
    hotkeys.apply({ ...DEFAULT_SETTINGS, globalShortcuts: false });
    expect(shortcuts.held.size).toBe(0);
  });

  it('uses the combinations a policy sets, keeps going when one is taken, and rejects a malformed one by key', () => {
    const policy = collectPolicy([
      jsonPolicySource('p.json', () => JSON.stringify({ settings: { globalShortcuts: true, shortcutAnswer: 'F9', shortcutHangUp: 'Shift+F10', shortcutMute: 'Ctrl+Shift+M' } })),
    ]);
    // "F9" alone has no modifier: it would steal the key from every other app, so it is refused.
    expect(policy.issues.map((issue) => issue.key)).toEqual(['shortcutAnswer']);
    const values = Settings.parse({ ...DEFAULT_SETTINGS, ...policy.settings });
    const shortcuts = new RecordingShortcuts(['Shift+F10']);
    new GlobalHotkeys(shortcuts, () => undefined, log).apply(values);
    expect([...shortcuts.held.keys()]).toEqual(['CommandOrControl+Alt+A', 'Ctrl+Shift+M']);
  });

  it('gives one combination to one action only', () => {
    const values = { ...DEFAULT_SETTINGS, globalShortcuts: true, shortcutMute: DEFAULT_SETTINGS.shortcutAnswer };
    expect(hotkeyBindings(values).map((b) => b.action)).toEqual(['answer', 'hangup']);
  });
});

describe('start at login', () => {
  const recordingApp = (isPackaged: boolean) => {
    const calls: boolean[] = [];
    let openAtLogin = false;
    return {
      calls,
      isPackaged,
      getLoginItemSettings: () => ({ openAtLogin }) as ReturnType<Electron.App['getLoginItemSettings']>,
      setLoginItemSettings: (settings: { openAtLogin?: boolean }) => {
        openAtLogin = settings.openAtLogin ?? false;
        calls.push(openAtLogin);
      },
    };
  };

  it('registers a Windows or macOS login item only for an installed app, and only when it changes', () => {
    const dev = recordingApp(false);
    applyStartAtLogin(true, dev, { platform: 'win32', execPath: 'C:\\x.exe', env: {} }, log);
    expect(dev.calls).toEqual([]);
    const installed = recordingApp(true);
    applyStartAtLogin(true, installed, { platform: 'darwin', execPath: '/Applications/Centralita.app', env: {} }, log);
    applyStartAtLogin(true, installed, { platform: 'darwin', execPath: '/Applications/Centralita.app', env: {} }, log);
    applyStartAtLogin(false, installed, { platform: 'darwin', execPath: '/Applications/Centralita.app', env: {} }, log);
    expect(installed.calls).toEqual([true, false]);
  });

  it('writes and removes the XDG autostart entry on Linux, starting the AppImage itself', () => {
    const app = recordingApp(true);
    const env = { XDG_CONFIG_HOME: dir, APPIMAGE: '/home/ana/Apps/Centralita 1.0.AppImage' };
    applyStartAtLogin(true, app, { platform: 'linux', execPath: '/tmp/.mount_Cen/centralita', env }, log);
    const entry = readFileSync(path.join(dir, 'autostart', 'centralita.desktop'), 'utf8');
    expect(entry).toContain('[Desktop Entry]');
    expect(entry).toContain('Exec="/home/ana/Apps/Centralita 1.0.AppImage"');
    applyStartAtLogin(false, app, { platform: 'linux', execPath: '/tmp/.mount_Cen/centralita', env }, log);
    expect(existsSync(path.join(dir, 'autostart', 'centralita.desktop'))).toBe(false);
    expect(app.calls).toEqual([]);
  });
});
