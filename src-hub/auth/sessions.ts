/**
 * Sign-in sessions, following the OAuth 2.0 Security BCP for refresh tokens:
 *   - a sign-in opens a session; its access tokens (session-tokens.ts) live minutes and name it;
 *   - the session's refresh token is opaque, random and single-use: each refresh spends it and
 *     hands out a successor; only its SHA-256 is stored;
 *   - a spent refresh token presented again means two parties hold the chain (one of them is
 *     not the user), so the whole session ends and every token of it dies; except a token spent
 *     seconds ago whose successor nobody used yet (`refreshReuseGraceSeconds`): that is the
 *     desktop retrying after the answer was lost, so the unused successor is forgotten and a
 *     new pair is issued (a thief who wins that race is caught when the user's successor
 *     comes back);
 *   - logout, a disabled user or an administrator ends the session at once: every use of a
 *     token reads the session and the user's current role and state from the store.
 * Listeners hear about every ended session, so open sockets can be closed at the same moment.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Role } from '../../src-common/domain';
import type { AuthConfig } from '../../src-common/hub-config';
import type { LoginResponse, SessionEndReason } from '../../src-common/protocol';
import { err, ok, type AppError, type Result } from '../../src-common/result';
import { iso, parseIso, type Clock } from '../clock';
import type { HubLogger } from '../log';
import type { HubStore, UserRow } from '../storage/repositories';
import type { AccessTokens } from './session-tokens';

/** Who is calling, as the store says now (never as a token said when it was issued). */
export interface AuthenticatedUser {
  userId: string;
  role: Role;
  sessionId: string;
}

/** What every route that reads a token needs. */
export interface Authenticator {
  authenticate(accessToken: string): Promise<Result<AuthenticatedUser>>;
  current(caller: { userId: string; sessionId: string }): Result<AuthenticatedUser>;
}

export interface SessionsEnded {
  userId: string;
  sessionIds: readonly string[];
  reason: SessionEndReason;
}

export type RefreshOutcome = { ok: true; value: LoginResponse } | { ok: false; error: AppError; ended: SessionEndReason };

export interface SessionDeps {
  store: HubStore;
  tokens: AccessTokens;
  clock: Clock;
  config: AuthConfig;
  /** A user of the current configuration with administrators' decisions applied; null if gone. */
  user(id: string): UserRow | null;
  log: HubLogger;
}

const ENDED_MESSAGES: Readonly<Record<SessionEndReason, string>> = {
  expired: 'Your session has expired. Sign in again.',
  logout: 'You signed out. Sign in again.',
  reuse: 'Your session was ended for safety because its sign-in was used from two places. Sign in again.',
  disabled: 'Your account is disabled. Ask an administrator.',
  admin: 'An administrator ended your session. Sign in again.',
};

export const sessionEndedError = (reason: SessionEndReason): AppError => ({ code: 'unauthenticated', message: ENDED_MESSAGES[reason] });

const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');
const HOUR_MS = 3_600_000;

export class Sessions implements Authenticator {
  private readonly listeners = new Set<(ended: SessionsEnded) => void>();

  constructor(private readonly deps: SessionDeps) {}

  /** Opens a session for a user who just proved their password. */
  async start(user: UserRow): Promise<LoginResponse> {
    const now = this.deps.clock.now();
    const sessionId = `ses-${randomUUID()}`;
    const expiresAt = iso(now + this.deps.config.sessionMaxHours * HOUR_MS);
    const refreshToken = this.deps.store.transaction(() => {
      this.deps.store.sessions.insert({ id: sessionId, userId: user.id, createdAt: iso(now), expiresAt, lastRefreshedAt: iso(now), endedAt: null, endedReason: null });
      return this.newRefreshToken(sessionId, now, expiresAt);
    });
    return this.answer(user, sessionId, refreshToken, now);
  }

  /** Spends a refresh token for a new pair; a spent one ends its whole session. */
  async refresh(refreshToken: string): Promise<RefreshOutcome> {
    const now = this.deps.clock.now();
    const outcome = this.deps.store.transaction((): { ended: SessionEndReason; endedNow: { userId: string; sessionId: string } | null } | { user: UserRow; sessionId: string; token: string } => {
      const tokenHash = hashToken(refreshToken);
      const row = this.deps.store.sessions.refreshToken(tokenHash);
      // Unknown tokens include those of sessions pruned long after they ended.
      const session = row ? this.deps.store.sessions.get(row.sessionId) : null;
      if (!row || !session) return { ended: 'expired', endedNow: null };
      if (session.endedReason) return { ended: session.endedReason, endedNow: null };
      const retried = row.usedAt !== null && this.lostAnswerRetry(session.id, tokenHash, row.usedAt, now);
      if (!retried && (row.usedAt !== null || !this.deps.store.sessions.spendRefreshToken(tokenHash, iso(now)))) {
        this.deps.store.sessions.end(session.id, 'reuse', iso(now));
        this.deps.log.warn({ userId: session.userId, sessionId: session.id }, 'spent refresh token presented again; session ended');
        return { ended: 'reuse', endedNow: { userId: session.userId, sessionId: session.id } };
      }
      if (now >= parseIso(row.expiresAt) || now >= parseIso(session.expiresAt)) {
        this.deps.store.sessions.end(session.id, 'expired', iso(now));
        return { ended: 'expired', endedNow: { userId: session.userId, sessionId: session.id } };
      }
      const user = this.deps.user(session.userId);
      if (!user || user.disabled) {
        this.deps.store.sessions.end(session.id, 'disabled', iso(now));
        return { ended: 'disabled', endedNow: { userId: session.userId, sessionId: session.id } };
      }
      this.deps.store.sessions.touch(session.id, iso(now));
      return { user, sessionId: session.id, token: this.newRefreshToken(session.id, now, session.expiresAt) };
    });
    if ('ended' in outcome) {
      if (outcome.endedNow) this.notify({ userId: outcome.endedNow.userId, sessionIds: [outcome.endedNow.sessionId], reason: outcome.ended });
      return { ok: false, error: sessionEndedError(outcome.ended), ended: outcome.ended };
    }
    return { ok: true, value: await this.answer(outcome.user, outcome.sessionId, outcome.token, now) };
  }

  /** Ends the session an access token or a refresh token names (either may be missing or stale). */
  async logout(accessToken: string | null, refreshToken: string | null): Promise<boolean> {
    const claims = accessToken ? await this.deps.tokens.verify(accessToken, this.deps.clock.now()) : null;
    const byRefresh = refreshToken ? this.deps.store.sessions.refreshToken(hashToken(refreshToken)) : null;
    const sessionId = claims?.sessionId ?? byRefresh?.sessionId ?? null;
    const session = sessionId ? this.deps.store.sessions.get(sessionId) : null;
    if (!session) return false;
    this.endSessions(session.userId, [session.id], 'logout');
    return true;
  }

  async authenticate(accessToken: string): Promise<Result<AuthenticatedUser>> {
    const claims = await this.deps.tokens.verify(accessToken, this.deps.clock.now());
    if (!claims) return { ok: false, error: sessionEndedError('expired') };
    return this.current(claims);
  }

  /** The caller as the store has them now: an open session and an enabled user, with their current role. */
  current(caller: { userId: string; sessionId: string }): Result<AuthenticatedUser> {
    const session = this.deps.store.sessions.get(caller.sessionId);
    if (!session || session.userId !== caller.userId) return { ok: false, error: sessionEndedError('expired') };
    if (session.endedReason) return { ok: false, error: sessionEndedError(session.endedReason) };
    if (this.deps.clock.now() >= parseIso(session.expiresAt)) return { ok: false, error: sessionEndedError('expired') };
    const user = this.deps.user(caller.userId);
    if (!user) return err('unauthenticated', 'This user no longer exists on this hub.');
    if (user.disabled) return { ok: false, error: sessionEndedError('disabled') };
    return ok({ userId: user.id, role: user.role, sessionId: session.id });
  }

  /** Ends every open session of the user (disabled by an administrator, or all sessions ended). */
  endAllFor(userId: string, reason: SessionEndReason): void {
    const ids = this.deps.store.sessions.endAllFor(userId, reason, iso(this.deps.clock.now()));
    this.notify({ userId, sessionIds: ids, reason });
  }

  openSessionCount(userId: string): number {
    return this.deps.store.sessions.countOpen(userId, iso(this.deps.clock.now()));
  }

  /** Forgets sessions that ended or expired over a day ago. */
  prune(): number {
    return this.deps.store.sessions.prune(iso(this.deps.clock.now() - 24 * HOUR_MS));
  }

  onEnded(listener: (ended: SessionsEnded) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private endSessions(userId: string, ids: readonly string[], reason: SessionEndReason): void {
    const now = iso(this.deps.clock.now());
    const ended = ids.filter((id) => this.deps.store.sessions.end(id, reason, now));
    this.notify({ userId, sessionIds: ended, reason });
  }

  private notify(ended: SessionsEnded): void {
    for (const listener of this.listeners) listener(ended);
  }

  /**
   * Whether a token spent at `usedAt` is being presented again because its answer was lost:
   * recently spent and no successor used since. If so, the unused successors are forgotten,
   * so only the pair about to be issued stays valid.
   */
  private lostAnswerRetry(sessionId: string, tokenHash: string, usedAt: string, now: number): boolean {
    if (now - parseIso(usedAt) > this.deps.config.refreshReuseGraceSeconds * 1000) return false;
    const successors = this.deps.store.sessions.refreshTokensIssuedSince(sessionId, usedAt).filter((t) => t.tokenHash !== tokenHash);
    if (successors.some((t) => t.usedAt !== null)) return false;
    for (const successor of successors) this.deps.store.sessions.deleteRefreshToken(successor.tokenHash);
    return true;
  }

  private newRefreshToken(sessionId: string, now: number, sessionExpiresAt: string): string {
    const token = randomBytes(32).toString('base64url');
    const idleEnd = now + this.deps.config.refreshTokenIdleHours * HOUR_MS;
    const expiresAt = iso(Math.min(idleEnd, parseIso(sessionExpiresAt)));
    this.deps.store.sessions.insertRefreshToken({ tokenHash: hashToken(token), sessionId, issuedAt: iso(now), expiresAt, usedAt: null });
    return token;
  }

  private async answer(user: UserRow, sessionId: string, refreshToken: string, now: number): Promise<LoginResponse> {
    const issued = await this.deps.tokens.issue({ userId: user.id, sessionId }, now);
    return {
      token: issued.token,
      expiresAt: issued.expiresAt,
      expiresInSeconds: issued.expiresInSeconds,
      refreshToken,
      user: { id: user.id, username: user.username, displayName: user.displayName, role: user.role },
    };
  }
}
