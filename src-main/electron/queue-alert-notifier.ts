/**
 * A supervisor with the window in the background still hears when a queue goes over its
 * limits: a native notification per queue as it turns red (not again while it stays red), if
 * notifications are on. In the window the console announces it itself.
 */
import { Notification } from 'electron';
import type { Language } from '../../src-common/settings';
import type { SupervisorDashboard } from '../../src-common/supervisor';
import { queuesTurningRed } from './queue-alerts';
import { shellLabels } from './tray-status';

export class QueueAlertNotifier {
  private alerting: ReadonlySet<string> = new Set();

  constructor(private readonly reveal: () => void) {}

  update(dashboard: SupervisorDashboard | null, input: { windowFocused: boolean; notificationsEnabled: boolean; language: Language; nowMs: number }): void {
    const { alerting, fresh } = queuesTurningRed(this.alerting, dashboard, input.nowMs, input.language);
    this.alerting = alerting;
    if (fresh.length === 0 || input.windowFocused || !input.notificationsEnabled || !Notification.isSupported()) return;
    const notification = new Notification({ title: shellLabels(input.language).queueAlert, body: fresh.join(', '), silent: false });
    notification.on('click', this.reveal);
    notification.show();
  }
}
