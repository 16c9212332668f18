/**
 * The agent's session with the hub: login over HTTP, one live socket, the DesktopView built
 * from the welcome snapshot and the event stream, and reconnect + resume when the link drops.
 *
 * Exactly-once events: each applied event's seq is persisted with the state it produced (one
 * row, one write), events with seq <= the last applied are ignored, and hello.resumeFrom
 * carries the last applied seq, so neither a reconnect nor a restart misses or repeats one.
 *
 * Tokens: the access token lives minutes; the refresh token (single-use, rotated by the hub)
 * is spent for a new pair at three quarters of the access token's life, and again when the
 * hub refuses a hello (4401) with an old one, so a long shift never notices. Both live only in
 * this object's memory, never on disk. When the hub refuses a refresh, the session is over and
 * the agent is sent to sign in with the hub's reason.
 */
import type { Logger } from 'pino';
import { z } from 'zod';
import { AgentConfigView, AgentPresence, ItemView, Offer, UserInfo } from '../../../src-common/domain';
import type { DesktopView, RefusedAction, ViewChange } from '../../../src-common/ipc';
import { CloseCode, type HubEvent, type LiveUpdate, type SessionEndReason, type HubOpName, type HubOpParams, type HubOpResult } from '../../../src-common/protocol';
import { err, ok, type AppError, type Result } from '../../../src-common/result';
import type { CacheClient } from '../cache/cache-client';
import { DEFAULT_BACKOFF, reconnectDelayMs, type BackoffPolicy } from './backoff';
import { normaliseHubUrl, postLogin, postLogout, postRefresh } from './session-http';
import { HubConnection } from './hub-connection';
import { NumberedView } from './numbered-view';
import { applyHubEvent, applyLiveUpdate, applySnapshot, hubStateOf, initialView, withStatus, type HubState } from './view-reducer';

const PersistedHubState = z.object({
  user: UserInfo.nullable(),
  presence: AgentPresence.nullable(),
  offers: z.array(Offer),
  items: z.array(ItemView),
  config: AgentConfigView.nullable(),
});

export interface HubSessionOptions {
  cache: CacheClient | null;
  log: Logger;
  backoff?: BackoffPolicy;
  requestTimeoutMs?: number;
  pingIntervalMs?: number;
  /** Called for every event applied (after the view changed), in seq order. */
  onEventApplied?(seq: number, event: HubEvent): void;
  /** Called for every live update (after the view took it); not numbered, never replayed. */
  onLiveUpdate?(update: LiveUpdate): void;
  /** Called each time the session is (again) online: the outbox flushes here. */
  onOnline?(): void;
  /** The view changed: only what changed, numbered (view-change.ts). */
  onView(change: ViewChange): void;
}

interface Credentials {
  hubUrl: string;
  token: string;
  refreshToken: string;
  /** Local time at which to spend the refresh token (before the access token runs out). */
  refreshAt: number;
  user: UserInfo;
  scope: string;
}

/** When to refresh: at three quarters of the access token's life, measured on this clock. */
const refreshAtFor = (expiresInSeconds: number): number => Date.now() + Math.max(500, expiresInSeconds * 750);
/** Hello refusals in a row, each right after a successful refresh, before giving up. */
const MAX_FRESH_TOKEN_REFUSALS = 2;

/**
 * An event that changes nothing the desktop keeps (a colleague's note on some customer, a
 * typing flag) does not write the session at once: its position is saved with the next change,
 * or after this long. A restart then replays at most these few harmless events.
 */
const UNCHANGED_SAVE_DELAY_MS = 5_000;

const SESSION_EXPIRED: AppError = { code: 'unauthenticated', message: 'Your session has expired. Sign in again.' };

export class HubSession {
  private readonly numbered: NumberedView;
  private credentials: Credentials | null = null;
  private connection: HubConnection | null = null;
  private lastSeq: number | null = null;
  private attempt = 0;
  private reconnectTimer: NodeJS.Timeout | null = null;
  private refreshTimer: NodeJS.Timeout | null = null;
  private saveTimer: NodeJS.Timeout | null = null;
  private refreshing: Promise<'refreshed' | 'signed-out' | 'unavailable'> | null = null;
  private refreshAttempt = 0;
  private freshTokenRefusals = 0;
  private firstWelcome: ((result: Result<null>) => void) | null = null;
  private readonly backoff: BackoffPolicy;
  private readonly requestTimeoutMs: number;

  constructor(defaultHubUrl: string, private readonly options: HubSessionOptions) {
    this.numbered = new NumberedView(initialView(defaultHubUrl));
    this.backoff = options.backoff ?? DEFAULT_BACKOFF;
    this.requestTimeoutMs = options.requestTimeoutMs ?? 10_000;
  }

  /** The whole view, with the revision its next change will start from. */
  get current(): DesktopView {
    return this.numbered.whole;
  }

  /** The view the session builds on. */
  private get view(): DesktopView {
    return this.numbered.value;
  }

  /** Hub URL + user id; keys the persisted stream position and the outbox. */
  get scope(): string | null {
    return this.credentials?.scope ?? null;
  }

  /** The hub and token for a plain HTTP call made for the signed-in agent (chat attachments); null when signed out. */
  get authorization(): { hubUrl: string; token: string } | null {
    return this.credentials ? { hubUrl: this.credentials.hubUrl, token: this.credentials.token } : null;
  }

  get isOnline(): boolean {
    return this.view.status === 'online' && (this.connection?.isOpen ?? false);
  }

  async login(hubUrl: string, username: string, password: string): Promise<Result<UserInfo>> {
    const base = normaliseHubUrl(hubUrl);
    if (!base) return err('bad-request', `"${hubUrl}" is not a valid hub address (expected http://host:port).`);
    this.signOut(null);
    this.update({ ...initialView(base), status: 'connecting', outboxPending: this.view.outboxPending });
    const response = await postLogin(base, username, password, this.requestTimeoutMs);
    if (!response.ok) {
      this.update(withStatus(this.view, 'signed-out', response.error));
      return response;
    }
    const { token, user, refreshToken, expiresInSeconds } = response.value;
    const scope = `${base}|${user.id}`;
    this.credentials = { hubUrl: base, token, refreshToken, refreshAt: refreshAtFor(expiresInSeconds), user, scope };
    await this.restorePersistedState(scope, user);
    this.armRefresh();
    const online = new Promise<Result<null>>((resolve) => (this.firstWelcome = resolve));
    this.connect();
    const first = await online;
    if (!first.ok) return first;
    return ok(user);
  }

  /** Signs out here and ends the session on the hub, so its tokens are worth nothing after. */
  async logout(): Promise<void> {
    const credentials = this.credentials;
    this.signOut(null);
    if (!credentials) return;
    const told = await postLogout(credentials.hubUrl, credentials.token, credentials.refreshToken, this.requestTimeoutMs);
    if (!told) this.options.log.warn('could not tell the hub about the logout; the session will expire there on its own');
  }

  /** Ends the session on purpose (logout, close) or because the hub refused it (`reason`, and why: `ended`). */
  signOut(reason: AppError | null, ended: SessionEndReason | null = null): void {
    this.clearTimers();
    this.credentials = null;
    this.lastSeq = null;
    const connection = this.connection;
    this.connection = null;
    connection?.close(1000, 'signed out');
    this.settleFirstWelcome(reason ? { ok: false, error: reason } : err('unavailable', 'Signed out.'));
    this.update({ ...initialView(this.view.hubUrl), lastError: reason, outboxPending: this.view.outboxPending, sessionEnded: ended ?? (reason === SESSION_EXPIRED ? 'expired' : null) });
  }

  setOutboxPending(count: number): void {
    if (count !== this.view.outboxPending) this.update({ ...this.view, outboxPending: count });
  }

  setOutboxRefused(refused: RefusedAction[]): void {
    if (JSON.stringify(refused) !== JSON.stringify(this.view.outboxRefused)) this.update({ ...this.view, outboxRefused: refused });
  }

  setLastError(error: AppError | null): void {
    this.update({ ...this.view, lastError: error });
  }

  request<K extends HubOpName>(op: K, params: HubOpParams<K>, key?: string): Promise<Result<HubOpResult<K>>> {
    if (!this.connection || !this.isOnline) {
      return Promise.resolve(err('unavailable', 'Not connected to the hub right now; try again when the connection is back.'));
    }
    return this.connection.request(op, params, key);
  }

  /**
   * The route to the hub moved (network/route-watch.ts): a socket started before `since` leaves
   * from an address that is no longer the way out, and its pings would take half a minute to say
   * so. It is dropped and a new one opened at once; a retry waiting out its back-off goes now.
   */
  networkMoved(since: number): void {
    if (!this.credentials) return;
    const connection = this.connection;
    // A socket started since already took the new way; with none and no retry waiting, the
    // session is renewing its tokens and reconnects by itself after.
    if (connection ? connection.startedAt >= since : !this.reconnectTimer) return;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.reconnectTimer = null;
    this.connection = null;
    connection?.drop();
    this.attempt = 0;
    this.options.log.info({ since }, 'the route to the hub moved; reconnecting at once');
    this.update(withStatus(this.view, 'reconnecting', { code: 'unavailable', message: 'The network changed; reconnecting to the hub…' }));
    this.connect();
  }

  private async restorePersistedState(scope: string, user: UserInfo): Promise<void> {
    this.lastSeq = null;
    const saved = await this.options.cache?.call('loadSession', { scope });
    if (!saved?.ok || !saved.value) {
      this.update({ ...this.view, user });
      return;
    }
    const state = PersistedHubState.safeParse(saved.value.state);
    if (!state.success) {
      this.options.log.warn({ scope }, 'persisted session state unreadable; starting from a fresh snapshot');
      this.update({ ...this.view, user });
      return;
    }
    this.lastSeq = saved.value.lastSeq;
    this.update({ ...this.view, ...state.data, user });
  }

  private connect(): void {
    const credentials = this.credentials;
    if (!credentials) return;
    const connection = new HubConnection(
      {
        hubUrl: credentials.hubUrl,
        token: credentials.token,
        resumeFrom: this.lastSeq,
        requestTimeoutMs: this.requestTimeoutMs,
        pingIntervalMs: this.options.pingIntervalMs ?? 15_000,
        clientName: 'centralita-desktop',
      },
      {
        onWelcome: (frame) => {
          if (this.connection !== connection) return;
          this.attempt = 0;
          this.freshTokenRefusals = 0;
          let view: DesktopView = { ...this.view, serverTimeOffsetMs: Date.parse(frame.serverTime) - Date.now() };
          if (!frame.resumed) {
            if (!frame.snapshot) {
              this.options.log.error('hub welcome without resume and without snapshot');
              connection.close(1002, 'missing snapshot');
              return;
            }
            view = applySnapshot(view, frame.snapshot);
            this.lastSeq = frame.headSeq;
            this.persist(hubStateOf(view));
          }
          this.options.log.info({ resumed: frame.resumed, headSeq: frame.headSeq, lastSeq: this.lastSeq }, 'online with the hub');
          this.update(withStatus(view, 'online', null));
          this.settleFirstWelcome(ok(null));
          this.options.onOnline?.();
        },
        onEvent: (frame) => {
          if (this.connection !== connection) return;
          if (this.lastSeq !== null && frame.seq <= this.lastSeq) {
            this.options.log.debug({ seq: frame.seq, lastSeq: this.lastSeq }, 'ignored an event already applied');
            return;
          }
          const view = applyHubEvent(this.view, frame.event);
          this.lastSeq = frame.seq;
          // The state a hub event produced is saved with its seq (exactly-once apply); an event
          // that changed nothing only moves the position, which can wait.
          if (view !== this.view) {
            this.persist(hubStateOf(view));
            this.update(view);
          } else this.persistSoon();
          this.options.onEventApplied?.(frame.seq, frame.event);
        },
        onLive: (frame) => {
          if (this.connection !== connection) return;
          const view = applyLiveUpdate(this.view, frame.update);
          if (view !== this.view) this.update(view);
          this.options.onLiveUpdate?.(frame.update);
        },
        onErrorFrame: (frame) => {
          this.options.log.warn({ error: frame.error }, 'hub reported an error');
          // A refused hello is followed by close 4401, where a refresh is tried first.
          if (frame.error.code !== 'unauthenticated') this.setLastError(frame.error);
        },
        onClosed: (code, reason) => {
          if (this.connection !== connection) return;
          this.connection = null;
          this.onConnectionClosed(code, reason);
        },
      },
      this.options.log,
    );
    this.connection = connection;
  }

  private onConnectionClosed(code: number, reason: string): void {
    this.options.log.info({ code, reason }, 'hub connection closed');
    if (code === CloseCode.unauthenticated) return this.onTokenRefused();
    if (code === CloseCode.protocolMismatch) {
      return this.signOut({ code: 'conflict', message: 'This desktop version cannot talk to this hub. Update Centralita.' });
    }
    if (code === CloseCode.replaced) {
      return this.signOut({ code: 'conflict', message: 'You signed in on another desktop, so this one was signed out.' });
    }
    this.scheduleReconnect();
  }

  /**
   * The hub refused this desktop's token (expired, or the session ended): spend the refresh
   * token and reconnect with the new access token, resuming the event stream where it was.
   * A refused refresh signs out with the hub's reason.
   */
  private onTokenRefused(): void {
    if (this.freshTokenRefusals >= MAX_FRESH_TOKEN_REFUSALS) return this.signOut(SESSION_EXPIRED);
    this.update(withStatus(this.view, 'reconnecting', { code: 'unavailable', message: 'Renewing the session with the hub…' }));
    void this.refreshNow().then((outcome) => {
      if (!this.credentials || this.connection || this.reconnectTimer) return;
      if (outcome === 'refreshed') {
        this.freshTokenRefusals += 1;
        this.connect();
      } else if (outcome === 'unavailable') {
        this.scheduleReconnect();
      }
    });
  }

  private scheduleReconnect(): void {
    const lost: AppError = { code: 'unavailable', message: 'Connection to the hub lost; reconnecting…' };
    // The first attempt after login reports back so login() does not hang while we retry.
    this.settleFirstWelcome(ok(null));
    this.update(withStatus(this.view, 'reconnecting', lost));
    const delay = reconnectDelayMs(this.attempt, this.backoff);
    this.attempt += 1;
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      this.connect();
    }, delay);
  }

  private armRefresh(): void {
    const credentials = this.credentials;
    if (!credentials) return;
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
    // setTimeout overflows past ~24.8 days; tokens are far shorter, but clamp anyway.
    const delay = Math.min(Math.max(credentials.refreshAt - Date.now(), 0), 2 ** 31 - 1);
    this.refreshTimer = setTimeout(() => {
      this.refreshTimer = null;
      void this.refreshNow();
    }, delay);
  }

  /** One refresh at a time: the hub would take a second use of the same token for theft. */
  private refreshNow(): Promise<'refreshed' | 'signed-out' | 'unavailable'> {
    this.refreshing ??= this.spendRefreshToken().finally(() => (this.refreshing = null));
    return this.refreshing;
  }

  private async spendRefreshToken(): Promise<'refreshed' | 'signed-out' | 'unavailable'> {
    const credentials = this.credentials;
    if (!credentials) return 'signed-out';
    const answer = await postRefresh(credentials.hubUrl, credentials.refreshToken, this.requestTimeoutMs);
    if (this.credentials !== credentials) return 'signed-out';
    if (answer.kind === 'refused') {
      this.options.log.info({ ended: answer.ended }, 'the hub ended the session');
      this.signOut(answer.error, answer.ended);
      return 'signed-out';
    }
    if (answer.kind === 'unavailable') {
      // Same token again later: it was not spent, or the hub would have answered.
      const delay = reconnectDelayMs(this.refreshAttempt, this.backoff);
      this.refreshAttempt += 1;
      if (this.refreshTimer) clearTimeout(this.refreshTimer);
      this.refreshTimer = setTimeout(() => {
        this.refreshTimer = null;
        void this.refreshNow();
      }, delay);
      return 'unavailable';
    }
    const { token, refreshToken, expiresInSeconds, user } = answer.value;
    this.refreshAttempt = 0;
    this.credentials = { ...credentials, token, refreshToken, refreshAt: refreshAtFor(expiresInSeconds), user };
    this.options.log.debug('session tokens renewed');
    this.armRefresh();
    return 'refreshed';
  }

  private persistSoon(): void {
    if (this.saveTimer) return;
    this.saveTimer = setTimeout(() => {
      this.saveTimer = null;
      this.persist(hubStateOf(this.view));
    }, UNCHANGED_SAVE_DELAY_MS);
    this.saveTimer.unref();
  }

  private persist(state: HubState): void {
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.saveTimer = null;
    const scope = this.credentials?.scope;
    const cache = this.options.cache;
    if (!scope || !cache || this.lastSeq === null) return;
    void cache.call('saveSession', { scope, lastSeq: this.lastSeq, state }).then((result) => {
      if (!result.ok) this.options.log.warn({ error: result.error }, 'could not persist the session position');
    });
  }

  private settleFirstWelcome(result: Result<null>): void {
    const settle = this.firstWelcome;
    this.firstWelcome = null;
    settle?.(result);
  }

  private clearTimers(): void {
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.reconnectTimer = null;
    this.refreshTimer = null;
    this.saveTimer = null;
    this.refreshAttempt = 0;
    this.freshTokenRefusals = 0;
  }

  private update(view: DesktopView): void {
    const change = this.numbered.set(view);
    // Nothing a window draws changed (an event about another agent, a chat message): no event.
    if (change) this.options.onView(change);
  }
}
