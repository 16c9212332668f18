/** The agent state machine: what the agent may choose and what everyone then sees. */
import { describe, expect, it } from 'vitest';
import { checkAgentSelection, derivePresenceState, missedOffersSelection } from '../../../src-hub/agents/agent-state';

const REASONS = ['break', 'lunch', 'training', 'missed'];

describe('agent state machine', () => {
  it('derives busy while work is accepted and after-call work while only wrap-up is left', () => {
    expect(derivePresenceState('ready', [])).toBe('ready');
    expect(derivePresenceState('ready', ['accepted', 'wrap-up'])).toBe('busy');
    expect(derivePresenceState('ready', ['wrap-up'])).toBe('after-call-work');
    expect(derivePresenceState('not-ready', ['accepted'])).toBe('busy');
    expect(derivePresenceState('not-ready', [])).toBe('not-ready');
    expect(derivePresenceState('offline', [])).toBe('offline');
  });

  it('requires a configured reason for not-ready', () => {
    expect(checkAgentSelection('not-ready', null, [], REASONS)).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(checkAgentSelection('not-ready', 'siesta', [], REASONS)).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(checkAgentSelection('not-ready', 'lunch', [], REASONS)).toEqual({ ok: true, value: { selected: 'not-ready', reasonCode: 'lunch' } });
  });

  it('keeps the "missed" reason for the hub', () => {
    expect(checkAgentSelection('not-ready', 'missed', [], REASONS)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(missedOffersSelection({ selected: 'ready', reasonCode: null })).toEqual({ selected: 'not-ready', reasonCode: 'missed' });
    expect(missedOffersSelection({ selected: 'not-ready', reasonCode: 'break' })).toBeNull();
  });

  it('does not let an agent sign off with open work, but allows not-ready while busy', () => {
    expect(checkAgentSelection('offline', null, ['wrap-up'], REASONS)).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(checkAgentSelection('not-ready', 'break', ['accepted'], REASONS).ok).toBe(true);
    expect(checkAgentSelection('offline', null, [], REASONS).ok).toBe(true);
  });

  it('drops a reason given with ready', () => {
    expect(checkAgentSelection('ready', 'break', [], REASONS)).toEqual({ ok: true, value: { selected: 'ready', reasonCode: null } });
  });
});
