/**
 * Keeps the machine from suspending while the agent is on a call (a sleeping laptop drops the
 * media and the customer). Driven by the view main already has; the blocker is injected so the
 * rule is testable without Electron.
 */
import type { DesktopView } from '../../src-common/ipc';

export interface PowerBlocker {
  start(type: 'prevent-app-suspension' | 'prevent-display-sleep'): number;
  stop(id: number): boolean | void;
}

/** True while a voice item is accepted (the agent is talking). */
export function callInProgress(view: Pick<DesktopView, 'items'>): boolean {
  return view.items.some((item) => item.channel === 'voice' && item.state === 'accepted');
}

export class KeepAwake {
  private blockerId: number | null = null;

  constructor(private readonly blocker: PowerBlocker) {}

  get active(): boolean {
    return this.blockerId !== null;
  }

  /** Starts or stops the blocker to match `view`; repeated calls do nothing extra. */
  update(view: Pick<DesktopView, 'items'>): void {
    const wanted = callInProgress(view);
    if (wanted && this.blockerId === null) this.blockerId = this.blocker.start('prevent-app-suspension');
    else if (!wanted) this.release();
  }

  release(): void {
    if (this.blockerId === null) return;
    this.blocker.stop(this.blockerId);
    this.blockerId = null;
  }
}
