/**
 * Applies an UpdatePlan (src-main/services/updates) to electron-updater: channel, feed URL from
 * policy, download and install-on-quit, and a periodic check while updates are on. The
 * decisions live in the plan; this file only carries them out.
 */
import { Notification } from 'electron';
import type { AppUpdater } from 'electron-updater';
import type { Logger } from 'pino';
import type { Language } from '../../src-common/settings';
import { configureUpdater, type ConfigurableUpdater } from '../services/updates/configure-updater';
import type { UpdatePlan } from '../services/updates/update-plan';

const CHECK_EVERY_MS = 4 * 60 * 60 * 1000;
const FIRST_CHECK_AFTER_MS = 30 * 1000;

const READY: Readonly<Record<Language, (version: string) => { title: string; body: string }>> = {
  es: (version) => ({ title: 'Actualización lista', body: `Centralita ${version} se instalará cuando salga de la aplicación.` }),
  ca: (version) => ({ title: 'Actualització a punt', body: `Centralita ${version} s'instal·larà quan sortiu de l'aplicació.` }),
  en: (version) => ({ title: 'Update ready', body: `Centralita ${version} will be installed when you quit the app.` }),
};

/** The part of electron-updater's AppUpdater this file drives. */
export type Updater = ConfigurableUpdater & Pick<AppUpdater, 'logger' | 'checkForUpdates' | 'on'>;

export class AutoUpdate {
  private timer: NodeJS.Timeout | null = null;
  private plan: UpdatePlan = { enabled: false, reason: 'not-packaged' };
  private language: Language = 'es';
  private listening = false;

  constructor(
    /** Created on first use: electron-updater reads the installed app's files when constructed. */
    private readonly updater: () => Updater,
    private readonly log: Logger,
  ) {}

  apply(plan: UpdatePlan, language: Language): void {
    this.language = language;
    const before = JSON.stringify(this.plan);
    this.plan = plan;
    if (JSON.stringify(plan) === before) return;
    if (!plan.enabled) {
      this.log.info({ reason: plan.reason }, 'automatic updates are off');
      this.stopChecks();
      return;
    }
    const updater = this.updater();
    updater.logger = this.log;
    configureUpdater(updater, plan);
    if (!this.listening) {
      this.listening = true;
      updater.on('update-downloaded', (info) => this.downloaded(info.version));
      updater.on('error', (error) => this.log.warn({ err: error }, 'update check failed'));
    }
    this.log.info({ channel: plan.channel, feedUrl: plan.feedUrl ?? 'built-in' }, 'automatic updates are on');
    this.stopChecks();
    const check = (): void => {
      updater.checkForUpdates().catch((error: unknown) => this.log.warn({ err: error }, 'update check failed'));
    };
    this.timer = setTimeout(() => {
      check();
      this.timer = setInterval(check, CHECK_EVERY_MS);
    }, FIRST_CHECK_AFTER_MS);
  }

  stop(): void {
    this.stopChecks();
  }

  private downloaded(version: string): void {
    this.log.info({ version }, 'update downloaded; it installs when the app quits');
    if (!this.plan.enabled || !this.plan.notifyWhenReady || !Notification.isSupported()) return;
    new Notification(READY[this.language](version)).show();
  }

  private stopChecks(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
