/** SQLite users (with administrators' decisions), presence and state transitions. */
import type { SqliteDb } from '../database';
import type { PresenceRepository, TransitionRow, UserAccessRow, UserRepository, UserRow } from '../repositories';
import type { AgentState, Role, SelectableAgentState } from '../../../src-common/domain';
import { rowOrNull } from './one-row';

interface UserRecord {
  id: string;
  username: string;
  display_name: string;
  role: Role;
  disabled: number;
}
const toUser = (r: UserRecord): UserRow => ({ id: r.id, username: r.username, displayName: r.display_name, role: r.role, disabled: r.disabled === 1 });

interface AccessRecord {
  user_id: string;
  role: Role | null;
  disabled: number;
  changed_by: string;
  changed_at: string;
}
const toAccess = (r: AccessRecord): UserAccessRow => ({ userId: r.user_id, role: r.role, disabled: r.disabled === 1, changedBy: r.changed_by, changedAt: r.changed_at });

/** The file's user with an administrator's decision (user_access) applied. */
const CURRENT_USER = `
  SELECT u.id, u.username, u.display_name, COALESCE(a.role, u.role) AS role, COALESCE(a.disabled, 0) AS disabled
  FROM users u LEFT JOIN user_access a ON a.user_id = u.id`;

export function sqliteUsers(db: SqliteDb): UserRepository {
  const upsert = db.prepare(`
    INSERT INTO users (id, username, display_name, role, updated_at) VALUES (@id, @username, @displayName, @role, @at)
    ON CONFLICT(id) DO UPDATE SET username = excluded.username, display_name = excluded.display_name,
      role = excluded.role, updated_at = excluded.updated_at`);
  const byId = db.prepare<[string], UserRecord>(`${CURRENT_USER} WHERE u.id = ?`);
  const byUsername = db.prepare<[string], UserRecord>(`${CURRENT_USER} WHERE u.username = ? COLLATE NOCASE`);
  const list = db.prepare<[], UserRecord>(`${CURRENT_USER} ORDER BY u.id`);
  const access = db.prepare<[string], AccessRecord>('SELECT * FROM user_access WHERE user_id = ?');
  const saveAccess = db.prepare(`
    INSERT INTO user_access (user_id, role, disabled, changed_by, changed_at) VALUES (@userId, @role, @disabled, @changedBy, @changedAt)
    ON CONFLICT(user_id) DO UPDATE SET role = excluded.role, disabled = excluded.disabled,
      changed_by = excluded.changed_by, changed_at = excluded.changed_at`);
  return {
    upsert: (user, at) => void upsert.run({ id: user.id, username: user.username, displayName: user.displayName, role: user.role, at }),
    byId: (id) => rowOrNull(byId.get(id), toUser),
    byUsername: (username) => rowOrNull(byUsername.get(username), toUser),
    list: () => list.all().map(toUser),
    access: (userId) => rowOrNull(access.get(userId), toAccess),
    saveAccess: (row) => void saveAccess.run({ ...row, disabled: row.disabled ? 1 : 0 }),
  };
}

interface PresenceRecord {
  agent_id: string;
  selected: SelectableAgentState;
  reason_code: string | null;
  state: AgentState;
  since: string;
  idle_since: string;
  consecutive_missed: number;
}

export function sqlitePresence(db: SqliteDb): PresenceRepository {
  const get = db.prepare<[string], PresenceRecord>('SELECT * FROM agent_presence WHERE agent_id = ?');
  const save = db.prepare(`
    INSERT INTO agent_presence (agent_id, selected, reason_code, state, since, idle_since, consecutive_missed)
    VALUES (@agentId, @selected, @reasonCode, @state, @since, @idleSince, @consecutiveMissed)
    ON CONFLICT(agent_id) DO UPDATE SET selected = excluded.selected, reason_code = excluded.reason_code,
      state = excluded.state, since = excluded.since, idle_since = excluded.idle_since,
      consecutive_missed = excluded.consecutive_missed`);
  const insertTransition = db.prepare(`
    INSERT INTO agent_state_transitions (agent_id, from_state, to_state, reason_code, cause, at)
    VALUES (@agentId, @fromState, @toState, @reasonCode, @cause, @at)`);
  const transitions = db.prepare<[string], { agent_id: string; from_state: AgentState | null; to_state: AgentState; reason_code: string | null; cause: string; at: string }>(
    'SELECT * FROM agent_state_transitions WHERE agent_id = ? ORDER BY id',
  );
  return {
    get: (agentId) => {
      const r = get.get(agentId);
      return r
        ? { agentId: r.agent_id, selected: r.selected, reasonCode: r.reason_code, state: r.state, since: r.since, idleSince: r.idle_since, consecutiveMissed: r.consecutive_missed }
        : null;
    },
    save: (row) => void save.run(row),
    recordTransition: (t: TransitionRow) => void insertTransition.run(t),
    transitions: (agentId) =>
      transitions.all(agentId).map((r) => ({ agentId: r.agent_id, fromState: r.from_state, toState: r.to_state, reasonCode: r.reason_code, cause: r.cause, at: r.at })),
  };
}
