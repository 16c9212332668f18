/** SQLite side of the supervisor dashboard (day counts per queue) and the audit log (migration 012). */
import type { SqliteDb } from '../database';
import type { CallQualityRow, ItemTimes, NewAuditEntry, QueueDayCounts, SupervisionRepository } from '../supervision-repository';
import { z } from 'zod';
import type { AuditEntry } from '../../../src-common/supervisor';

const SkillMap = z.record(z.string(), z.number().int().min(1).max(10));
const safeJson = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
};

interface AuditRecord {
  id: number;
  at: string;
  actor_id: string;
  actor_role: AuditEntry['actorRole'];
  action: string;
  target_id: string | null;
  outcome: AuditEntry['outcome'];
  detail: string;
}

const toAudit = (r: AuditRecord): AuditEntry => ({
  id: r.id,
  at: r.at,
  actorId: r.actor_id,
  actorRole: r.actor_role,
  action: r.action,
  targetId: r.target_id,
  outcome: r.outcome,
  detail: r.detail,
});

// Seconds between two ISO-8601 instants; julianday() reads them as SQLite stores them.
const SECONDS = (later: string, earlier: string): string => `((julianday(${later}) - julianday(${earlier})) * 86400.0)`;

export function sqliteSupervision(db: SqliteDb): SupervisionRepository {
  const day = db.prepare<{ queueId: string; dayStart: string; threshold: number; shortAbandon: number }, QueueDayCounts>(`
    SELECT
      count(*) AS offered,
      coalesce(sum(accepted_at IS NOT NULL), 0) AS answered,
      coalesce(sum(accepted_at IS NOT NULL AND ${SECONDS('accepted_at', 'created_at')} <= @threshold), 0) AS answeredWithinThreshold,
      coalesce(sum(state = 'abandoned'), 0) AS abandoned,
      coalesce(sum(state = 'abandoned' AND ${SECONDS('coalesce(completed_at, ended_at, created_at)', 'created_at')} <= @shortAbandon), 0) AS shortAbandoned,
      coalesce(sum(CASE WHEN accepted_at IS NOT NULL THEN ${SECONDS('accepted_at', 'created_at')} ELSE 0 END), 0) AS answerWaitSeconds,
      coalesce(sum(state = 'done' AND accepted_at IS NOT NULL AND completed_at IS NOT NULL), 0) AS handled,
      coalesce(sum(CASE WHEN state = 'done' AND accepted_at IS NOT NULL AND completed_at IS NOT NULL THEN ${SECONDS('completed_at', 'accepted_at')} ELSE 0 END), 0) AS handleSeconds
    FROM work_items
    WHERE queue_id = @queueId AND created_at >= @dayStart`);
  const handled = db.prepare<[string], { agentId: string; n: number }>(`
    SELECT agent_id AS agentId, count(*) AS n FROM work_items
    WHERE created_at >= ? AND state = 'done' AND accepted_at IS NOT NULL AND agent_id IS NOT NULL
    GROUP BY agent_id`);
  const between = db.prepare<{ from: string; to: string }, ItemTimes>(`
    SELECT queue_id AS queueId, agent_id AS agentId, state, created_at AS createdAt, accepted_at AS acceptedAt,
           completed_at AS completedAt, ended_at AS endedAt
    FROM work_items
    WHERE (created_at >= @from AND created_at < @to) OR (completed_at >= @from AND completed_at < @to)`);
  // Each state change lasts until the agent's next one (or now); the state held at midnight,
  // before the day's first change, is not counted.
  const staffed = db.prepare<{ dayStart: string; now: string }, { agentId: string; working: number; staffed: number }>(`
    SELECT agent_id AS agentId,
      coalesce(sum(CASE WHEN to_state IN ('busy', 'after-call-work') THEN seconds END), 0) AS working,
      coalesce(sum(CASE WHEN to_state IN ('ready', 'busy', 'after-call-work') THEN seconds END), 0) AS staffed
    FROM (
      SELECT agent_id, to_state,
        (julianday(coalesce(LEAD(at) OVER (PARTITION BY agent_id ORDER BY at, id), @now)) - julianday(at)) * 86400.0 AS seconds
      FROM agent_state_transitions WHERE at >= @dayStart
    )
    GROUP BY agent_id`);
  const insertAudit = db.prepare<NewAuditEntry>(`
    INSERT INTO audit_log (at, actor_id, actor_role, action, target_id, outcome, detail)
    VALUES (@at, @actorId, @actorRole, @action, @targetId, @outcome, @detail)`);
  const latest = db.prepare<[number], AuditRecord>('SELECT * FROM audit_log ORDER BY id DESC LIMIT ?');
  const skills = db.prepare<[], { user_id: string; skills: string }>('SELECT user_id, skills FROM agent_skills');
  const putSkills = db.prepare(`
    INSERT INTO agent_skills (user_id, skills, changed_by, changed_at) VALUES (?, ?, ?, ?)
    ON CONFLICT(user_id) DO UPDATE SET skills = excluded.skills, changed_by = excluded.changed_by, changed_at = excluded.changed_at`);
  const putQuality = db.prepare(`
    INSERT OR REPLACE INTO call_quality (item_id, agent_id, at, seconds, mos_average, mos_min, main_problem, loss_percent_max, jitter_ms_max, rtt_ms_max)
    VALUES (@itemId, @agentId, @at, @seconds, @mosAverage, @mosMin, @mainProblem, @lossPercentMax, @jitterMsMax, @rttMsMax)`);
  const qualityColumns = 'item_id AS itemId, at, mos_average AS mosAverage, mos_min AS mosMin, main_problem AS mainProblem';
  // SQLite's bare-column rule: with max(at), the other columns come from that same row.
  const lastQuality = db.prepare<[], CallQualityRow & { agentId: string; latest: string }>(
    `SELECT agent_id AS agentId, ${qualityColumns}, max(at) AS latest FROM call_quality GROUP BY agent_id`,
  );
  const qualityOf = db.prepare<[string], CallQualityRow>(`SELECT ${qualityColumns} FROM call_quality WHERE item_id IN (SELECT value FROM json_each(?))`);
  return {
    saveCallQuality: (summary, agentId, at) => void putQuality.run({ ...summary, agentId, at }),
    lastCallQualityByAgent: () => new Map(lastQuality.all().map(({ agentId, latest: _latest, ...row }) => [agentId, row])),
    callQualityOf: (itemIds) => (itemIds.length === 0 ? new Map() : new Map(qualityOf.all(JSON.stringify(itemIds)).map((row) => [row.itemId, row]))),
    queueDay: ({ queueId, dayStart, thresholdSeconds, shortAbandonSeconds }) =>
      day.get({ queueId, dayStart, threshold: thresholdSeconds, shortAbandon: shortAbandonSeconds }) ?? {
        offered: 0,
        answered: 0,
        answeredWithinThreshold: 0,
        abandoned: 0,
        shortAbandoned: 0,
        answerWaitSeconds: 0,
        handled: 0,
        handleSeconds: 0,
      },
    handledByAgent: (dayStart) => new Map(handled.all(dayStart).map((r) => [r.agentId, r.n])),
    staffedTime: (dayStart, now) => new Map(staffed.all({ dayStart, now }).map((r) => [r.agentId, { workingSeconds: r.working, staffedSeconds: r.staffed }])),
    itemsBetween: (from, to) => between.all({ from, to }),
    appendAudit: (entry) => ({ ...entry, id: Number(insertAudit.run(entry).lastInsertRowid) }),
    latestAudit: (limit) => latest.all(limit).map(toAudit),
    skillOverrides: () => new Map(skills.all().flatMap((r) => {
      const parsed = SkillMap.safeParse(safeJson(r.skills));
      // A row this version cannot read leaves the agent on the configuration's skills.
      return parsed.success ? [[r.user_id, parsed.data] as const] : [];
    })),
    saveSkills: (userId, map, changedBy, at) => void putSkills.run(userId, JSON.stringify(map), changedBy, at),
  };
}
