/**
 * Sign-in sessions and what administrators decide about users.
 *
 * `user_access` holds an administrator's decision about a user (a role other than the
 * configuration file's, or disabled). It is a table of its own so the start-up sync from the
 * file, which rewrites `users`, never undoes a decision; a user without a row has the file's
 * role and is enabled.
 *
 * `sessions` is one sign-in: access tokens name it (`sid`), so ending it refuses them at once.
 * `refresh_tokens` are the session's single-use refresh tokens (the session is their family),
 * stored as SHA-256 hashes only: a copy of the database signs nobody in. `used_at` marks a
 * spent token; one presented again ends the whole session.
 */
import type { Migration } from './migration';

export const migration009SessionsAndUserAccess: Migration = {
  version: 9,
  name: 'sessions-and-user-access',
  up(db) {
    db.exec(`
      CREATE TABLE user_access (
        user_id TEXT PRIMARY KEY REFERENCES users(id),
        role TEXT CHECK (role IN ('agent','supervisor','admin')),
        disabled INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0,1)),
        changed_by TEXT NOT NULL,
        changed_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE sessions (
        id TEXT PRIMARY KEY,
        user_id TEXT NOT NULL REFERENCES users(id),
        created_at TEXT NOT NULL,
        expires_at TEXT NOT NULL,
        last_refreshed_at TEXT NOT NULL,
        ended_at TEXT,
        ended_reason TEXT CHECK (ended_reason IN ('expired','logout','reuse','disabled','admin'))
      ) STRICT;
      CREATE INDEX sessions_user_open ON sessions(user_id) WHERE ended_at IS NULL;
      CREATE INDEX sessions_expiry ON sessions(expires_at);

      CREATE TABLE refresh_tokens (
        token_hash TEXT PRIMARY KEY,
        session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
        issued_at TEXT NOT NULL,
        expires_at TEXT NOT NULL,
        used_at TEXT
      ) STRICT;
      CREATE INDEX refresh_tokens_session ON refresh_tokens(session_id);
    `);
  },
};
