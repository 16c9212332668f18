/**
 * Start at login on Linux, where Electron's setLoginItemSettings does nothing: the XDG autostart
 * entry (~/.config/autostart/<name>.desktop) every desktop environment reads.
 */
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const AUTOSTART_FILE = 'centralita.desktop';

export function autostartDir(env: Readonly<Record<string, string | undefined>>, home: string): string {
  return path.join(env.XDG_CONFIG_HOME || path.join(home, '.config'), 'autostart');
}

/** Desktop Entry spec: an Exec argument with spaces is double-quoted, with " ` $ \ escaped. */
function quoteExec(arg: string): string {
  return /[\s"`$\\]/.test(arg) ? `"${arg.replace(/["`$\\]/g, (c) => `\\${c}`)}"` : arg;
}

export function autostartEntry(executable: string): string {
  return ['[Desktop Entry]', 'Type=Application', 'Name=Centralita', `Exec=${quoteExec(executable)}`, 'X-GNOME-Autostart-enabled=true', 'NoDisplay=true', ''].join('\n');
}

/** Writes or removes the entry; returns whether anything changed. */
export function setLinuxAutostart(enabled: boolean, dir: string, executable: string): boolean {
  const file = path.join(dir, AUTOSTART_FILE);
  if (!enabled) {
    if (!existsSync(file)) return false;
    rmSync(file, { force: true });
    return true;
  }
  mkdirSync(dir, { recursive: true });
  writeFileSync(file, autostartEntry(executable));
  return true;
}
