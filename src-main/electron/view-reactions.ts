/**
 * What the shell does when main services push a new view or settings: refresh the tray, raise
 * offer notifications, keep the machine awake during calls, follow the log level. One place so
 * the shell's side effects of state changes are easy to find.
 */
import type { Logger } from 'pino';
import { DesktopView } from '../../src-common/ipc';
import { DEFAULT_SETTINGS, EffectiveSettings, type Settings } from '../../src-common/settings';
import type { KeepAwake } from './keep-awake';
import type { OfferNotifier } from './offer-notifier';
import type { QueueAlertNotifier } from './queue-alert-notifier';
import type { StatusTray, TrayView } from './status-tray';

export interface ViewReactionDeps {
  tray: Pick<StatusTray, 'update'>;
  notifier: Pick<OfferNotifier, 'update'>;
  /** Supervisors: native notice when a queue turns red (absent in tests that do not need it). */
  queueAlerts?: Pick<QueueAlertNotifier, 'update'>;
  keepAwake: Pick<KeepAwake, 'update'>;
  windowFocused: () => boolean;
  log: Logger;
}

export class ViewReactions {
  private settings: Settings = DEFAULT_SETTINGS;
  private lastView: TrayView = { status: 'signed-out', presence: null, config: null };

  constructor(private readonly deps: ViewReactionDeps) {}

  applySettings(payload: unknown): void {
    const parsed = EffectiveSettings.safeParse(payload);
    if (!parsed.success) {
      this.deps.log.error({ issues: parsed.error.issues }, 'settings event did not match the contract');
      return;
    }
    this.settings = parsed.data.values;
    this.deps.log.level = this.settings.logLevel;
    this.deps.tray.update(this.lastView, this.settings.language);
  }

  /** The whole view, as view-follower.ts keeps it in step with main's changes. */
  applyView(payload: unknown): void {
    const parsed = DesktopView.safeParse(payload);
    if (!parsed.success) {
      this.deps.log.error({ issues: parsed.error.issues }, 'view event did not match the contract');
      return;
    }
    const view = parsed.data;
    this.lastView = view;
    this.deps.tray.update(view, this.settings.language);
    this.deps.keepAwake.update(view);
    this.deps.notifier.update(view.offers, {
      windowFocused: this.deps.windowFocused(),
      notificationsEnabled: this.settings.notifications,
      language: this.settings.language,
    });
    this.deps.queueAlerts?.update(view.supervisor ?? null, {
      windowFocused: this.deps.windowFocused(),
      notificationsEnabled: this.settings.notifications,
      language: this.settings.language,
      // The hub's clock: waits are measured from its moments.
      nowMs: Date.now() + view.serverTimeOffsetMs,
    });
  }
}
