import { describe, expect, it } from 'vitest';
import type { AgentStatus } from '../../../src-common/supervisor';
import { agentRows, filterAgentRows, nextSort, sortAgentRows, type AgentRow } from '../../../src-renderer/supervisor/agent-rows';

const STATES: Record<AgentStatus['state'], string> = { offline: 'Fuera de servicio', ready: 'Disponible', 'not-ready': 'No disponible', busy: 'Ocupado', 'after-call-work': 'Cierre' };

function agent(agentId: string, displayName: string, extra: Partial<AgentStatus> = {}): AgentStatus {
  return { agentId, displayName, role: 'agent', state: 'ready', since: '2026-03-02T10:00:00Z', reasonCode: null, connected: true, queueIds: [], work: [], handledToday: 0, ...extra };
}

const texts = {
  state: (a: AgentStatus) => STATES[a.state],
  reason: (a: AgentStatus) => (a.state === 'not-ready' && a.reasonCode === 'break' ? 'Descanso' : ''),
  work: (a: AgentStatus) => a.work.map((w) => `Chat: ${w.label}`).join(', '),
};

const rows = agentRows(
  [
    agent('a1', 'Óscar Ruiz', { state: 'busy', since: '2026-03-02T09:50:00Z', handledToday: 4, work: [{ itemId: 'w', channel: 'chat', label: 'Marta López', state: 'accepted', since: '2026-03-02T09:50:00Z' }] }),
    agent('a2', 'ana García', { state: 'not-ready', reasonCode: 'break', since: '2026-03-02T09:55:00Z', handledToday: 10, connected: false }),
    agent('a3', 'Bruno Sala', { handledToday: 2, team: 'Equipo Norte' }),
    agent('a4', 'Agente 10'),
    agent('a5', 'Agente 9'),
  ],
  texts,
);
const names = (list: readonly AgentRow[]) => list.map((r) => r.agent.displayName);

describe('supervisor agent table', () => {
  it('filters by what the supervisor reads: name, state, reason, work or team, ignoring case and accents', () => {
    expect(names(filterAgentRows(rows, 'equipo norte'))).toEqual(['Bruno Sala']);
    expect(names(filterAgentRows(rows, 'oscar'))).toEqual(['Óscar Ruiz']);
    expect(names(filterAgentRows(rows, 'descanso'))).toEqual(['ana García']);
    expect(names(filterAgentRows(rows, 'no disp'))).toEqual(['ana García']);
    expect(names(filterAgentRows(rows, 'marta'))).toEqual(['Óscar Ruiz']);
    expect(filterAgentRows(rows, '   ')).toBe(rows);
  });

  it('sorts names as people read them (accents, case, numbers)', () => {
    expect(names(sortAgentRows(rows, { key: 'name', direction: 'ascending' }, 'es'))).toEqual(['Agente 9', 'Agente 10', 'ana García', 'Bruno Sala', 'Óscar Ruiz']);
    expect(names(sortAgentRows(rows, { key: 'name', direction: 'descending' }, 'es'))[0]).toBe('Óscar Ruiz');
  });

  it('sorts by handled today and by time in state, ties by name', () => {
    expect(names(sortAgentRows(rows, { key: 'handled', direction: 'descending' }, 'es')).slice(0, 3)).toEqual(['ana García', 'Óscar Ruiz', 'Bruno Sala']);
    // Longest in state first when descending: Óscar since 09:50, then ana since 09:55.
    expect(names(sortAgentRows(rows, { key: 'timeInState', direction: 'descending' }, 'es')).slice(0, 2)).toEqual(['Óscar Ruiz', 'ana García']);
    expect(names(sortAgentRows(rows, { key: 'connected', direction: 'ascending' }, 'es'))[0]).toBe('ana García');
  });

  it('flips the direction on the same column and starts ascending on another', () => {
    expect(nextSort({ key: 'name', direction: 'ascending' }, 'name')).toEqual({ key: 'name', direction: 'descending' });
    expect(nextSort({ key: 'name', direction: 'descending' }, 'state')).toEqual({ key: 'state', direction: 'ascending' });
  });

  it('filters and sorts 2,000 agents fast enough to follow typing', () => {
    const many = agentRows(
      Array.from({ length: 2000 }, (_, i) => agent(`a${i}`, `Agente ${i}`, { state: i % 3 === 0 ? 'busy' : 'ready', handledToday: i % 17 })),
      texts,
    );
    const started = performance.now();
    const shown = sortAgentRows(filterAgentRows(many, 'ocupado'), { key: 'handled', direction: 'descending' }, 'es');
    expect(shown).toHaveLength(667);
    expect(performance.now() - started).toBeLessThan(250);
  });
});
