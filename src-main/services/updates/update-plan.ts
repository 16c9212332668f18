/**
 * What the updater should do, decided from settings, policy and how the app was installed.
 * Pure: the Electron side (src-main/electron/auto-update.ts) only applies the plan to
 * electron-updater. Staged rollouts are decided by electron-updater itself from the release
 * metadata's stagingPercentage and a random id it keeps per install; nothing here overrides it.
 */
import path from 'node:path';
import type { EffectiveSettings } from '../../../src-common/settings';

export type UpdateOffReason =
  /** A development run: there is no installer to update. */
  | 'not-packaged'
  | 'off-by-policy'
  | 'off-by-user'
  /** Installed for every user of the machine: IT deploys versions unless a policy turns updates on. */
  | 'per-machine-install';

export type UpdatePlan =
  | { enabled: false; reason: UpdateOffReason }
  | {
      enabled: true;
      /** electron-updater channel: 'latest' reads latest*.yml, 'beta' reads beta*.yml. */
      channel: 'latest' | 'beta';
      /** IT's update server from policy; null keeps the feed built into the installer (app-update.yml). */
      feedUrl: string | null;
      allowPrerelease: boolean;
      /** Download in the background as soon as an update is found. */
      autoDownload: boolean;
      /** Install when the agent quits (never in the middle of a call). */
      autoInstallOnAppQuit: boolean;
      /** Tell the agent with a notification once the update is ready. */
      notifyWhenReady: boolean;
    };

export interface InstallFacts {
  packaged: boolean;
  /** Installed machine-wide (Windows Program Files, a Linux deb/rpm): see isPerMachineInstall. */
  perMachine: boolean;
}

export function planUpdates(settings: EffectiveSettings, install: InstallFacts): UpdatePlan {
  if (!install.packaged) return { enabled: false, reason: 'not-packaged' };
  const { autoUpdate, updateChannel, updateUrl } = settings.values;
  const policyDecides = settings.locked.includes('autoUpdate');
  if (autoUpdate === 'off') return { enabled: false, reason: policyDecides ? 'off-by-policy' : 'off-by-user' };
  // Per-machine installs are IT's: they update only when a policy asks for it.
  if (install.perMachine && !policyDecides) return { enabled: false, reason: 'per-machine-install' };
  // An update server redirects what the app installs: only IT may set it, never a user file.
  const feedUrl = settings.locked.includes('updateUrl') && updateUrl !== '' ? updateUrl : null;
  const beta = updateChannel === 'beta';
  return {
    enabled: true,
    channel: beta ? 'beta' : 'latest',
    feedUrl,
    allowPrerelease: beta,
    autoDownload: true,
    autoInstallOnAppQuit: true,
    notifyWhenReady: autoUpdate === 'notify',
  };
}

/**
 * Machine-wide installs: on Windows the executable lives under Program Files (the per-machine
 * NSIS and MSI targets); on Linux a deb or rpm (anything but an AppImage, which sets APPIMAGE).
 * A macOS app bundle updates itself in place either way.
 */
export function isPerMachineInstall(platform: NodeJS.Platform, exePath: string, env: Readonly<Record<string, string | undefined>>): boolean {
  if (platform === 'win32') {
    const exe = path.win32.normalize(exePath).toLowerCase();
    const roots = [env.ProgramFiles, env['ProgramFiles(x86)'], env.ProgramW6432].filter((root): root is string => Boolean(root));
    return roots.some((root) => exe.startsWith(`${path.win32.normalize(root).toLowerCase().replace(/\\$/, '')}\\`));
  }
  if (platform === 'linux') return !env.APPIMAGE;
  return false;
}
