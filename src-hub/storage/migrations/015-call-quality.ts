/**
 * Each call's quality as the agent's phone measured it (E-model MOS, the problem seen longest,
 * the worst figures), one row per work item: the supervisor's agent list shows an agent's last
 * call, the customer's timeline shows each call's. And calls the customer gave up on before an
 * agent answered join the timeline as missed ones, with the number to call back.
 */
import type { Migration } from './migration';

export const migration015CallQuality: Migration = {
  version: 15,
  name: 'call-quality-and-missed-calls',
  up(db) {
    db.exec(`
      CREATE TABLE call_quality (
        item_id TEXT PRIMARY KEY,
        agent_id TEXT NOT NULL,
        at TEXT NOT NULL,
        seconds INTEGER NOT NULL,
        mos_average REAL NOT NULL,
        mos_min REAL NOT NULL,
        main_problem TEXT NOT NULL,
        loss_percent_max REAL NOT NULL,
        jitter_ms_max REAL NOT NULL,
        rtt_ms_max REAL NOT NULL
      ) STRICT;
      CREATE INDEX call_quality_agent_at ON call_quality(agent_id, at);
      ALTER TABLE timeline_entries ADD COLUMN outcome TEXT CHECK (outcome IN ('missed'));
      ALTER TABLE timeline_entries ADD COLUMN call_back TEXT;
    `);
  },
};
