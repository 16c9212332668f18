/** SQLite users, presence and state transitions. */
import type { SqliteDb } from '../database';
import type { PresenceRepository, TransitionRow, UserRepository, UserRow } from '../repositories';
import type { AgentState, Role, SelectableAgentState } from '../../../src-common/domain';
import { rowOrNull } from './one-row';

interface UserRecord {
  id: string;
  username: string;
  display_name: string;
  role: Role;
}
const toUser = (r: UserRecord): UserRow => ({ id: r.id, username: r.username, displayName: r.display_name, role: r.role });

export function sqliteUsers(db: SqliteDb): UserRepository {
  const upsert = db.prepare(`
    INSERT INTO users (id, username, display_name, role, updated_at) VALUES (@id, @username, @displayName, @role, @at)
    ON CONFLICT(id) DO UPDATE SET username = excluded.username, display_name = excluded.display_name,
      role = excluded.role, updated_at = excluded.updated_at`);
  const byId = db.prepare<[string], UserRecord>('SELECT * FROM users WHERE id = ?');
  const byUsername = db.prepare<[string], UserRecord>('SELECT * FROM users WHERE username = ? COLLATE NOCASE');
  const list = db.prepare<[], UserRecord>('SELECT * FROM users ORDER BY id');
  return {
    upsert: (user, at) => void upsert.run({ ...user, at }),
    byId: (id) => rowOrNull(byId.get(id), toUser),
    byUsername: (username) => rowOrNull(byUsername.get(username), toUser),
    list: () => list.all().map(toUser),
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
