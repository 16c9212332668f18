/**
 * Start at login (settings startAtLogin, lockable by policy): Windows and macOS through
 * Electron's login items, Linux through an XDG autostart entry. Only an installed app registers
 * itself; a development run never does.
 */
import { homedir } from 'node:os';
import type { App } from 'electron';
import type { Logger } from 'pino';
import { autostartDir, setLinuxAutostart } from '../services/desktop/linux-autostart';

export function applyStartAtLogin(
  enabled: boolean,
  app: Pick<App, 'isPackaged' | 'setLoginItemSettings' | 'getLoginItemSettings'>,
  host: { platform: NodeJS.Platform; execPath: string; env: Readonly<Record<string, string | undefined>> },
  log: Logger,
): void {
  if (!app.isPackaged) return;
  try {
    if (host.platform === 'linux') {
      // An AppImage runs from a temporary mount: start the AppImage file itself.
      if (setLinuxAutostart(enabled, autostartDir(host.env, homedir()), host.env.APPIMAGE ?? host.execPath)) log.info({ enabled }, 'start at login updated');
      return;
    }
    if (app.getLoginItemSettings().openAtLogin === enabled) return;
    app.setLoginItemSettings({ openAtLogin: enabled });
    log.info({ enabled }, 'start at login updated');
  } catch (error) {
    log.warn({ err: error, enabled }, 'could not change start at login');
  }
}
