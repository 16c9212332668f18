/**
 * Skills a supervisor set for an agent while the centre runs. They override the configuration
 * file's skills for that agent (the file stays the default for everyone else) and survive a
 * restart, like the administrators' role changes in migration 009. Also an index for reading
 * the day's state changes of all agents (occupancy on the dashboard).
 */
import type { Migration } from './migration';

export const migration014AgentSkills: Migration = {
  version: 14,
  name: 'agent-skills',
  up(db) {
    db.exec(`
      CREATE TABLE agent_skills (
        user_id TEXT PRIMARY KEY,
        skills TEXT NOT NULL,
        changed_by TEXT NOT NULL,
        changed_at TEXT NOT NULL
      ) STRICT;
      -- The dashboard's occupancy reads every agent's state changes of the day at once.
      CREATE INDEX agent_state_transitions_at ON agent_state_transitions(at);
    `);
  },
};
