/**
 * Storage seam for sign-in sessions and their refresh tokens. Synchronous like the other
 * repositories; a refresh (spend one token, store its successor) runs in one transaction.
 */
import type { SessionEndReason } from '../../src-common/protocol';

export interface SessionRow {
  id: string;
  userId: string;
  createdAt: string;
  /** However the session is used, it ends here. */
  expiresAt: string;
  lastRefreshedAt: string;
  endedAt: string | null;
  endedReason: SessionEndReason | null;
}

export interface RefreshTokenRow {
  /** SHA-256 of the token (hex); the token itself is never stored. */
  tokenHash: string;
  sessionId: string;
  issuedAt: string;
  expiresAt: string;
  /** Set when the token was exchanged; a spent token presented again is a reuse. */
  usedAt: string | null;
}

export interface SessionRepository {
  insert(row: SessionRow): void;
  get(id: string): SessionRow | null;
  /** Ends the session if it is still open; false when it had already ended. */
  end(id: string, reason: SessionEndReason, at: string): boolean;
  /** Ends every open session of the user; returns the ids it ended. */
  endAllFor(userId: string, reason: SessionEndReason, at: string): string[];
  /** Sessions of the user neither ended nor past `expiresAt` at `now`. */
  countOpen(userId: string, now: string): number;
  touch(id: string, at: string): void;
  insertRefreshToken(row: RefreshTokenRow): void;
  refreshToken(tokenHash: string): RefreshTokenRow | null;
  /** Marks the token spent; false when it already was (a concurrent or repeated use). */
  spendRefreshToken(tokenHash: string, at: string): boolean;
  /** The session's tokens issued at or after `at` (the successors of a token spent at `at`). */
  refreshTokensIssuedSince(sessionId: string, at: string): RefreshTokenRow[];
  /** Forgets a token: presented later it is unknown (refused), not a reuse that ends the session. */
  deleteRefreshToken(tokenHash: string): void;
  /** Forgets sessions that ended or expired before `before`, with their tokens. */
  prune(before: string): number;
}
