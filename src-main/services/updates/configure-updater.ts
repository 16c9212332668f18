/**
 * Carries an enabled UpdatePlan over to electron-updater's AppUpdater. No Electron import, so
 * the same code is run in tests against a real AppUpdater and a local update server.
 */
import type { AppUpdater } from 'electron-updater';
import type { UpdatePlan } from './update-plan';

/** The part of electron-updater's AppUpdater the plan sets. */
export type ConfigurableUpdater = Pick<AppUpdater, 'channel' | 'allowDowngrade' | 'allowPrerelease' | 'autoDownload' | 'autoInstallOnAppQuit' | 'setFeedURL'>;

export function configureUpdater(updater: ConfigurableUpdater, plan: Extract<UpdatePlan, { enabled: true }>): void {
  updater.channel = plan.channel;
  // Setting a channel allows downgrades in electron-updater; a beta tester going back to
  // stable waits for the next stable release instead of installing an older build.
  updater.allowDowngrade = false;
  updater.allowPrerelease = plan.allowPrerelease;
  updater.autoDownload = plan.autoDownload;
  updater.autoInstallOnAppQuit = plan.autoInstallOnAppQuit;
  if (plan.feedUrl) updater.setFeedURL({ provider: 'generic', url: plan.feedUrl, channel: plan.channel });
}
