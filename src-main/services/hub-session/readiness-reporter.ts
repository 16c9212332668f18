/**
 * Tells the hub what this desktop can do: whether a window shows the work (the host says so:
 * the web host when a tab attaches or the last one leaves, the Electron shell for its agent
 * window), whether the agent's phone is registered, whether it has a microphone it may use and
 * whether it has an output to play calls on (the window that holds the phone says those).
 * The hub turns a lasting problem into Not Ready, so an agent is never offered work that nobody
 * sees or hears. Reports go on every change and after every (re)connect; until a host has said
 * anything about windows nothing is reported, so tools that drive the services without a window
 * are treated as able.
 */
import type { Logger } from 'pino';
import type { DesktopReadiness, ReadinessProblem } from '../../../src-common/domain';
import type { IpcParams } from '../../../src-common/ipc';
import type { HubSession } from './hub-session';

export class ReadinessReporter {
  private windowAttached: boolean | null = null;
  /** null: this agent has no phone (or the window has not said). */
  private phoneRegistered: boolean | null = null;
  /** null: no phone, or it has not looked yet. */
  private microphoneAvailable: boolean | null = null;
  /** null: no phone, or it cannot tell (not looked yet, or a browser that never lists outputs). */
  private speakerAvailable: boolean | null = null;
  private lastSent: string | null = null;

  constructor(
    private readonly session: Pick<HubSession, 'isOnline' | 'request'>,
    private readonly log: Logger,
  ) {}

  setWindowAttached(attached: boolean): void {
    this.windowAttached = attached;
    void this.send(false);
  }

  setPhone(phone: IpcParams<'desktop.phoneReadiness'>): void {
    this.phoneRegistered = phone.registered;
    this.microphoneAvailable = phone.registered === null ? null : phone.microphone;
    this.speakerAvailable = phone.registered === null ? null : phone.speaker;
    void this.send(false);
  }

  /** The link is (back) up: the hub may have restarted or forgotten us, so say it again. */
  resend(): void {
    void this.send(true);
  }

  /** Whether a window shows the work (the services refuse to accept offers otherwise). */
  get hasWindow(): boolean {
    return this.windowAttached !== false;
  }

  current(): DesktopReadiness {
    const problems: ReadinessProblem[] = [];
    if (this.windowAttached === false) problems.push('no-window');
    if (this.phoneRegistered === false) problems.push('phone-unregistered');
    if (this.microphoneAvailable === false) problems.push('microphone-unavailable');
    if (this.speakerAvailable === false) problems.push('speaker-unavailable');
    return { problems };
  }

  private async send(force: boolean): Promise<void> {
    if (this.windowAttached === null || !this.session.isOnline) return;
    const report = this.current();
    const key = report.problems.join(',');
    if (!force && key === this.lastSent) return;
    this.lastSent = key;
    const sent = await this.session.request('reportReadiness', report);
    if (!sent.ok) {
      // Sent again on the next change or reconnect; the hub keeps the previous report meanwhile.
      this.lastSent = null;
      this.log.warn({ error: sent.error, report }, 'could not report desktop readiness');
    }
  }
}
