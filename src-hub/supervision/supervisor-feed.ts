/**
 * Pushes the dashboard to the supervisors connected now, and to no one else: agents never
 * receive supervision data. Like the backlog feed, the center says "maybe changed" after each
 * committed transaction; the feed recomputes at most once per interval and sends each
 * supervisor their dashboard (the queues they supervise) only when it changed. Waits are sent
 * as moments, so desktops tick them and nothing is sent while the centre stands still.
 */
import type { Role } from '../../src-common/domain';
import type { SupervisorDashboard } from '../../src-common/supervisor';
import { iso, type Clock } from '../clock';
import type { DeadlineTimers } from '../center/deadline-timers';
import type { LiveStream, LiveSubscriber } from '../center/live-stream';
import { buildDashboard, dayStartOf, type DashboardSources, type StaffedTime } from './dashboard';
import { supervisionScope } from './supervision-scope';

export const SUPERVISOR_PUSH_INTERVAL_MS = 1_000;
/** Occupancy moves by the minute: reading every agent's day of state changes once per this is enough. */
const OCCUPANCY_REFRESH_MS = 15_000;
const TIMER = 'supervisor-dashboard';

export interface SupervisorFeedDeps {
  live: LiveStream;
  clock: Clock;
  timers: DeadlineTimers;
  /** The user's role as the store has it now (an administrator's change applies at once). */
  roleOf(userId: string): Role | null;
  sources(): Omit<DashboardSources, 'connected'>;
  intervalMs?: number;
}

export const supervises = (role: Role | null): boolean => role === 'supervisor' || role === 'admin';

export class SupervisorFeed {
  /** What each supervisor was sent last, without its timestamp, to send only changes. */
  private readonly lastSent = new Map<string, string>();
  private lastPushAt = Number.NEGATIVE_INFINITY;
  private staffed: { at: number; value: StaffedTime } | null = null;
  private readonly intervalMs: number;

  constructor(private readonly deps: SupervisorFeedDeps) {
    this.intervalMs = deps.intervalMs ?? SUPERVISOR_PUSH_INTERVAL_MS;
    deps.live.onJoin((sub) => this.sendCurrent(sub));
  }

  /**
   * The dashboard `userId` may see now; null for someone who does not supervise. `sameScope`
   * shares one computation among the supervisors of the same queues within one push.
   */
  dashboardFor(userId: string, sameScope?: Map<string, SupervisorDashboard>): SupervisorDashboard | null {
    const role = this.deps.roleOf(userId);
    if (!supervises(role)) return null;
    const base = this.deps.sources();
    const scope = supervisionScope(base.config, userId, role ?? 'agent');
    const key = `${scope.everything ? '*' : ''}${[...scope.queues].join('|')}#${[...scope.teams].join('|')}`;
    const known = sameScope?.get(key);
    if (known) return known;
    const sources = { ...base, connected: this.deps.live.connectedUsers(), staffed: this.staffedTime(base.store) };
    const dashboard = buildDashboard(sources, scope, this.deps.clock.now());
    sameScope?.set(key, dashboard);
    return dashboard;
  }

  private staffedTime(store: DashboardSources['store']): StaffedTime {
    const now = this.deps.clock.now();
    if (!this.staffed || now - this.staffed.at >= OCCUPANCY_REFRESH_MS) {
      this.staffed = { at: now, value: store.supervision.staffedTime(dayStartOf(now), iso(now)) };
    }
    return this.staffed.value;
  }

  maybeChanged(): void {
    if (this.deps.timers.isArmed(TIMER)) return;
    const connected = this.deps.live.connectedUsers();
    if (![...connected].some((id) => supervises(this.deps.roleOf(id)))) return;
    const at = Math.max(this.deps.clock.now(), this.lastPushAt + this.intervalMs);
    this.deps.timers.arm(TIMER, at, () => this.push());
  }

  private push(): void {
    this.lastPushAt = this.deps.clock.now();
    const sameScope = new Map<string, SupervisorDashboard>();
    const keys = new WeakMap<SupervisorDashboard, string>();
    const keyOf = (dashboard: SupervisorDashboard): string => {
      let key = keys.get(dashboard);
      if (key === undefined) {
        const { at: _at, ...figures } = dashboard;
        key = JSON.stringify(figures);
        keys.set(dashboard, key);
      }
      return key;
    };
    for (const userId of this.deps.live.connectedUsers()) {
      const dashboard = this.dashboardFor(userId, sameScope);
      if (!dashboard) continue;
      const key = keyOf(dashboard);
      if (this.lastSent.get(userId) === key) continue;
      this.lastSent.set(userId, key);
      this.deps.live.send(userId, { kind: 'supervisor', dashboard }, dashboard.at);
    }
  }

  private sendCurrent(sub: LiveSubscriber): void {
    const dashboard = this.dashboardFor(sub.userId);
    if (!dashboard) return;
    sub.deliver({ kind: 'supervisor', dashboard }, iso(this.deps.clock.now()));
  }
}
