/**
 * What a supervisor does to agents, with the checks the hub makes whatever the console shows:
 * the target is an agent of a queue or team the supervisor supervises (supervision-scope.ts; an
 * administrator reaches every agent), and every attempt, done or refused, goes to the audit log with who, what, whom, when
 * and the outcome.
 */
import type { AgentPresence, Role } from '../../src-common/domain';
import type { HubConfig } from '../../src-common/hub-config';
import type { ForceAgentStateParams, IntervalRow, MoveWaitingParams, SetAgentSkillsParams } from '../../src-common/supervisor';
import type { ItemView } from '../../src-common/domain';
import { err, ok, type Result } from '../../src-common/result';
import { iso, type Clock } from '../clock';
import type { HubStore } from '../storage/repositories';
import { coversAgent, supervisionScope } from './supervision-scope';
import { intervalReport } from './interval-report';

export interface Actor {
  userId: string;
  role: Role;
}

export interface SupervisionPorts {
  config: HubConfig;
  store: HubStore;
  clock: Clock;
  queuesServedBy(agentId: string): string[];
  setState(agentId: string, state: 'not-ready' | 'offline', reasonCode: string | null): Result<AgentPresence>;
  moveWaiting(itemId: string, target: MoveWaitingParams['target']): Result<ItemView>;
  skillsOf(agentId: string): Readonly<Record<string, number>>;
  /** Stores and applies the agent's skills in one transaction; answers the queues they now serve. */
  applySkills(agentId: string, skills: Record<string, number>, changedBy: string): string[];
  /** Ends every session of the user on the hub (their desktops are signed out at once). */
  endSessionsOf?(userId: string): void;
}

/** Writes one audit entry; the detail is kept short and never holds secrets (params are ids and reason codes). */
export function audit(
  ports: Pick<SupervisionPorts, 'store' | 'clock'>,
  actor: Actor,
  action: string,
  targetId: string | null,
  outcome: 'done' | 'refused',
  detail: string,
): void {
  ports.store.supervision.appendAudit({ at: iso(ports.clock.now()), actorId: actor.userId, actorRole: actor.role, action, targetId, outcome, detail: detail.slice(0, 2000) });
}

/**
 * Runs one supervision action and audits it: done with `words` (what was asked), or refused
 * with the hub's reason. Every supervision action goes through here, so none is left out.
 */
export function audited<T>(
  ports: Pick<SupervisionPorts, 'store' | 'clock'>,
  actor: Actor,
  action: string,
  targetId: string | null,
  words: (value: T) => string,
  run: () => Result<T>,
): Result<T> {
  const result = run();
  audit(ports, actor, action, targetId, result.ok ? 'done' : 'refused', result.ok ? words(result.value) : `${result.error.code}: ${result.error.message}`);
  return result;
}

export function forceAgentState(ports: SupervisionPorts, actor: Actor, params: ForceAgentStateParams): Result<AgentPresence> {
  const words = `${params.state}${params.reasonCode ? ` (${params.reasonCode})` : ''}`;
  return audited(ports, actor, 'forceAgentState', params.agentId, () => words, () => tryForce(ports, actor, params));
}

function tryForce(ports: SupervisionPorts, actor: Actor, params: ForceAgentStateParams): Result<AgentPresence> {
  const target = ports.config.users.find((u) => u.id === params.agentId);
  if (!target || target.role === 'admin') return err('not-found', 'There is no agent with this id.');
  if (target.id === actor.userId) return err('bad-request', 'Change your own state from your own desktop.');
  if (!coversAgent(supervisionScope(ports.config, actor.userId, actor.role), ports.config, target.id, ports.queuesServedBy(target.id))) {
    return err('forbidden', `${target.displayName} does not work in a queue or team you supervise.`);
  }
  if (params.state === 'not-ready') {
    if (!params.reasonCode) return err('bad-request', 'Choose a reason for Not Ready.');
    return ports.setState(target.id, 'not-ready', params.reasonCode);
  }
  // Signed out: their desktops close at once. An agent still holding work stays on it (the hub
  // does not drop a customer mid-conversation) and goes offline once it is wrapped up.
  ports.endSessionsOf?.(target.id);
  const offline = ports.setState(target.id, 'offline', null);
  return offline.ok ? offline : ports.setState(target.id, 'not-ready', ports.config.reasonCodes.find((r) => r.id !== 'missed')?.id ?? null);
}

/** The day's interval report, limited to the caller's queues and the agents of their queues and teams. */
export function supervisedIntervalReport(ports: SupervisionPorts, actor: Actor, day: string): IntervalRow[] {
  const scope = supervisionScope(ports.config, actor.userId, actor.role);
  const agents = new Set(ports.config.users.filter((u) => coversAgent(scope, ports.config, u.id, ports.queuesServedBy(u.id))).map((u) => u.id));
  return intervalReport(ports.store.supervision, ports.config, day).filter((row) => (row.kind === 'queue' ? scope.queues.has(row.id) : agents.has(row.id)));
}

/** Moves waiting work; both the item's queue and a target queue must be the supervisor's. */
export function moveWaitingItem(ports: SupervisionPorts, actor: Actor, params: MoveWaitingParams): Result<ItemView> {
  const to = params.target.kind === 'queue' ? `queue ${params.target.queueId}` : `agent ${params.target.agentId}`;
  return audited(ports, actor, 'moveWaitingItem', params.itemId, () => `to ${to}`, () => tryMove(ports, actor, params));
}

function tryMove(ports: SupervisionPorts, actor: Actor, params: MoveWaitingParams): Result<ItemView> {
  const item = ports.store.items.get(params.itemId);
  if (!item) return err('not-found', 'This work item does not exist.');
  const mine = supervisionScope(ports.config, actor.userId, actor.role).queues;
  if (!mine.has(item.queueId)) return err('forbidden', 'This work waits in a queue you do not supervise.');
  if (params.target.kind === 'queue' && !mine.has(params.target.queueId)) return err('forbidden', 'You do not supervise that queue.');
  return ports.moveWaiting(item.id, params.target);
}

/** The skill ids this centre uses: those its queues require and those its agents have. */
function knownSkills(config: HubConfig): Set<string> {
  const ids = new Set<string>();
  for (const q of config.queues) for (const id of Object.keys(q.requiredSkills)) ids.add(id);
  for (const u of config.users) for (const id of Object.keys(u.skills)) ids.add(id);
  return ids;
}

/**
 * Changes an agent's skills live: the given ones are set (0 takes a skill away), the others
 * stay. The agent must be in a team the supervisor supervises, or work in one of their queues
 * before or after the change.
 */
export function setAgentSkills(ports: SupervisionPorts, actor: Actor, params: SetAgentSkillsParams): Result<{ agentId: string; skills: Record<string, number>; queueIds: string[] }> {
  return audited(ports, actor, 'setAgentSkills', params.agentId, (value) => JSON.stringify(value.skills), () => trySetSkills(ports, actor, params));
}

function trySetSkills(ports: SupervisionPorts, actor: Actor, params: SetAgentSkillsParams): Result<{ agentId: string; skills: Record<string, number>; queueIds: string[] }> {
  const target = ports.config.users.find((u) => u.id === params.agentId);
  if (!target || target.role === 'admin') return err('not-found', 'There is no agent with this id.');
  const known = knownSkills(ports.config);
  const unknown = Object.keys(params.skills).filter((id) => !known.has(id));
  if (unknown.length > 0) return err('bad-request', `Unknown skill: ${unknown.join(', ')}.`);
  const next: Record<string, number> = { ...ports.skillsOf(target.id) };
  for (const [id, level] of Object.entries(params.skills)) {
    if (level === 0) delete next[id];
    else next[id] = level;
  }
  const scope = supervisionScope(ports.config, actor.userId, actor.role);
  const wouldServe = ports.config.queues.filter((q) => Object.entries(q.requiredSkills).every(([id, min]) => (next[id] ?? 0) >= min)).map((q) => q.id);
  const covered = (queueIds: readonly string[]): boolean => coversAgent(scope, ports.config, target.id, queueIds);
  if (!covered(ports.queuesServedBy(target.id)) && !covered(wouldServe)) return err('forbidden', `${target.displayName} does not work in a queue or team you supervise.`);
  const queueIds = ports.applySkills(target.id, next, actor.userId);
  return ok({ agentId: target.id, skills: next, queueIds });
}
