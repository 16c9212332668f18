/** SQLite sign-in sessions and refresh tokens (migration 009). */
import type { SqliteDb } from '../database';
import type { RefreshTokenRow, SessionRepository, SessionRow } from '../session-repository';
import type { SessionEndReason } from '../../../src-common/protocol';
import { rowOrNull } from './one-row';

interface SessionRecord {
  id: string;
  user_id: string;
  created_at: string;
  expires_at: string;
  last_refreshed_at: string;
  ended_at: string | null;
  ended_reason: SessionEndReason | null;
}
const toSession = (r: SessionRecord): SessionRow => ({
  id: r.id,
  userId: r.user_id,
  createdAt: r.created_at,
  expiresAt: r.expires_at,
  lastRefreshedAt: r.last_refreshed_at,
  endedAt: r.ended_at,
  endedReason: r.ended_reason,
});

interface RefreshTokenRecord {
  token_hash: string;
  session_id: string;
  issued_at: string;
  expires_at: string;
  used_at: string | null;
}
const toRefreshToken = (r: RefreshTokenRecord): RefreshTokenRow => ({
  tokenHash: r.token_hash,
  sessionId: r.session_id,
  issuedAt: r.issued_at,
  expiresAt: r.expires_at,
  usedAt: r.used_at,
});

export function sqliteSessions(db: SqliteDb): SessionRepository {
  const insert = db.prepare(`
    INSERT INTO sessions (id, user_id, created_at, expires_at, last_refreshed_at, ended_at, ended_reason)
    VALUES (@id, @userId, @createdAt, @expiresAt, @lastRefreshedAt, @endedAt, @endedReason)`);
  const get = db.prepare<[string], SessionRecord>('SELECT * FROM sessions WHERE id = ?');
  const end = db.prepare<[at: string, reason: SessionEndReason, id: string]>('UPDATE sessions SET ended_at = ?, ended_reason = ? WHERE id = ? AND ended_at IS NULL');
  const openOf = db.prepare<[string], { id: string }>('SELECT id FROM sessions WHERE user_id = ? AND ended_at IS NULL');
  const countOpen = db.prepare<[string, string], { n: number }>('SELECT count(*) AS n FROM sessions WHERE user_id = ? AND ended_at IS NULL AND expires_at > ?');
  const touch = db.prepare<[at: string, id: string]>('UPDATE sessions SET last_refreshed_at = ? WHERE id = ?');
  const insertToken = db.prepare(`
    INSERT INTO refresh_tokens (token_hash, session_id, issued_at, expires_at, used_at)
    VALUES (@tokenHash, @sessionId, @issuedAt, @expiresAt, @usedAt)`);
  const token = db.prepare<[string], RefreshTokenRecord>('SELECT * FROM refresh_tokens WHERE token_hash = ?');
  const spend = db.prepare<[at: string, tokenHash: string]>('UPDATE refresh_tokens SET used_at = ? WHERE token_hash = ? AND used_at IS NULL');
  const issuedSince = db.prepare<[sessionId: string, at: string], RefreshTokenRecord>('SELECT * FROM refresh_tokens WHERE session_id = ? AND issued_at >= ? ORDER BY issued_at');
  const deleteToken = db.prepare<[string]>('DELETE FROM refresh_tokens WHERE token_hash = ?');
  const prune = db.prepare<{ before: string }>('DELETE FROM sessions WHERE (ended_at IS NOT NULL AND ended_at < @before) OR expires_at < @before');
  return {
    insert: (row) => void insert.run(row),
    get: (id) => rowOrNull(get.get(id), toSession),
    end: (id, reason, at) => end.run(at, reason, id).changes === 1,
    endAllFor: (userId, reason, at) => {
      const ids = openOf.all(userId).map((r) => r.id);
      for (const id of ids) end.run(at, reason, id);
      return ids;
    },
    countOpen: (userId, now) => countOpen.get(userId, now)?.n ?? 0,
    touch: (id, at) => void touch.run(at, id),
    insertRefreshToken: (row) => void insertToken.run(row),
    refreshToken: (tokenHash) => rowOrNull(token.get(tokenHash), toRefreshToken),
    spendRefreshToken: (tokenHash, at) => spend.run(at, tokenHash).changes === 1,
    refreshTokensIssuedSince: (sessionId, at) => issuedSince.all(sessionId, at).map(toRefreshToken),
    deleteRefreshToken: (tokenHash) => void deleteToken.run(tokenHash),
    prune: (before) => prune.run({ before }).changes,
  };
}
