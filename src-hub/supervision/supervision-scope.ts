/**
 * What a supervisor supervises: queues (their dashboard tiles, the work waiting in them, the
 * agents who serve them) and teams (the agents in them, whatever queues they serve, and the work
 * those agents hold). An administrator supervises everything; a supervisor with neither list
 * configured supervises every queue; one with only teams supervises no queue as such.
 */
import type { HubConfig } from '../../src-common/hub-config';

export interface SupervisionScope {
  queues: ReadonlySet<string>;
  teams: ReadonlySet<string>;
  /** Administrators: every agent and every item, whatever the lists say. */
  everything: boolean;
}

export function supervisionScope(config: HubConfig, userId: string, role: string): SupervisionScope {
  const all = new Set(config.queues.map((q) => q.id));
  if (role === 'admin') return { queues: all, teams: new Set(config.teams.map((t) => t.id)), everything: true };
  const user = config.users.find((u) => u.id === userId);
  const listedQueues = user?.supervises;
  const listedTeams = user?.supervisesTeams;
  if (listedQueues === undefined && listedTeams === undefined) return { queues: all, teams: new Set(), everything: false };
  return { queues: new Set((listedQueues ?? []).filter((id) => all.has(id))), teams: new Set(listedTeams ?? []), everything: false };
}

/** The queues a user supervises, in configuration order (the dashboard's tiles). */
export function supervisedQueues(config: HubConfig, userId: string, role: string): string[] {
  const { queues } = supervisionScope(config, userId, role);
  return config.queues.map((q) => q.id).filter((id) => queues.has(id));
}

/** Whether the scope covers an agent: they serve one of its queues, or belong to one of its teams. */
export function coversAgent(scope: SupervisionScope, config: HubConfig, agentId: string, queuesServed: readonly string[]): boolean {
  if (scope.everything || queuesServed.some((id) => scope.queues.has(id))) return true;
  const team = config.users.find((u) => u.id === agentId)?.team;
  return team !== undefined && scope.teams.has(team);
}

/** Whether the scope covers a work item: its queue is supervised, or the agent holding it is in a supervised team. */
export function coversItem(scope: SupervisionScope, config: HubConfig, item: { queueId: string; agentId: string | null }): boolean {
  if (scope.everything || scope.queues.has(item.queueId)) return true;
  if (!item.agentId) return false;
  const team = config.users.find((u) => u.id === item.agentId)?.team;
  return team !== undefined && scope.teams.has(team);
}
