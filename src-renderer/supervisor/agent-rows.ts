/**
 * The agent table's rows: each agent with the texts the supervisor reads (state, reason, work)
 * already in the UI language, so filtering matches what is on screen and sorting orders it the
 * way it reads. Computed once per dashboard, not per row render: the table holds thousands.
 */
import type { AgentStatus } from '../../src-common/supervisor';

export type AgentSortKey = 'name' | 'state' | 'timeInState' | 'reason' | 'work' | 'handled' | 'connected';
export type SortDirection = 'ascending' | 'descending';
export interface AgentSort {
  key: AgentSortKey;
  direction: SortDirection;
}

export interface AgentRow {
  agent: AgentStatus;
  stateText: string;
  reasonText: string;
  workText: string;
  /** Epoch ms the agent entered the state. */
  sinceMs: number;
  /** The searchable texts folded once (the filter runs on every key over thousands of rows). */
  folded: string;
}

export interface AgentTexts {
  state: (agent: AgentStatus) => string;
  reason: (agent: AgentStatus) => string;
  work: (agent: AgentStatus) => string;
}

export function agentRows(agents: readonly AgentStatus[], texts: AgentTexts): AgentRow[] {
  return agents.map((agent) => {
    const stateText = texts.state(agent);
    const reasonText = texts.reason(agent);
    const workText = texts.work(agent);
    // Fields apart by a character no query holds, so a phrase never spans two of them.
    const folded = [agent.displayName, stateText, reasonText, workText, agent.team ?? ''].map(fold).join('\u0000');
    return { agent, stateText, reasonText, workText, sinceMs: Date.parse(agent.since) || 0, folded };
  });
}

/** Case- and accent-blind: "jose" finds "José", "no disp" finds "No disponible". */
function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLocaleLowerCase();
}

/**
 * Rows where the name, state, reason, work or team holds the query as typed (a phrase: "no disp" finds
 * Not Ready agents, not every agent with "no" in the name and "disp" in Ready).
 */
export function filterAgentRows(rows: readonly AgentRow[], query: string): readonly AgentRow[] {
  const phrase = fold(query).trim().replace(/\s+/g, ' ');
  if (phrase === '') return rows;
  return rows.filter((row) => row.folded.includes(phrase));
}

export function sortAgentRows(rows: readonly AgentRow[], sort: AgentSort, locale: string): AgentRow[] {
  const collator = new Intl.Collator(locale, { sensitivity: 'base', numeric: true });
  const byName = (a: AgentRow, b: AgentRow) => collator.compare(a.agent.displayName, b.agent.displayName) || a.agent.agentId.localeCompare(b.agent.agentId);
  const compare = (a: AgentRow, b: AgentRow): number => {
    switch (sort.key) {
      case 'name':
        return 0;
      case 'state':
        return collator.compare(a.stateText, b.stateText);
      // Ascending reads "shortest time in state first": the latest `since` first.
      case 'timeInState':
        return b.sinceMs - a.sinceMs;
      case 'reason':
        return collator.compare(a.reasonText, b.reasonText);
      case 'work':
        return collator.compare(a.workText, b.workText);
      case 'handled':
        return a.agent.handledToday - b.agent.handledToday;
      case 'connected':
        return Number(a.agent.connected) - Number(b.agent.connected);
    }
  };
  const sign = sort.direction === 'ascending' ? 1 : -1;
  // Ties fall back to the name (always A→Z), so equal rows keep a stable, readable order.
  return [...rows].sort((a, b) => sign * compare(a, b) || (sort.key === 'name' ? sign * byName(a, b) : byName(a, b)));
}

/** A header click: the same column flips its direction, another column starts ascending. */
export function nextSort(current: AgentSort, key: AgentSortKey): AgentSort {
  if (current.key === key) return { key, direction: current.direction === 'ascending' ? 'descending' : 'ascending' };
  return { key, direction: 'ascending' };
}
