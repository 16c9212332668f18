import { describe, expect, it } from 'vitest';
import { shellLabels, statusLine } from '../../../src-main/electron/tray-status';
import { view } from './view-fixtures';

describe('tray status line', () => {
  it("shows the agent's state in the agent's language", () => {
    expect(statusLine(view(), 'es')).toBe('Disponible');
    expect(statusLine(view({ presence: { agentId: 'ana', state: 'busy', reasonCode: null, since: '2026-01-15T10:00:00Z' } }), 'ca')).toBe('Ocupat');
    expect(statusLine(view({ presence: { agentId: 'ana', state: 'after-call-work', reasonCode: null, since: '2026-01-15T10:00:00Z' } }), 'en')).toBe('Wrap-up');
  });

  it('names the reason code of not-ready with its configured label', () => {
    const onBreak = view({ presence: { agentId: 'ana', state: 'not-ready', reasonCode: 'break', since: '2026-01-15T10:00:00Z' } });
    expect(statusLine(onBreak, 'es')).toBe('No disponible (Descanso)');
    const unknown = view({ presence: { agentId: 'ana', state: 'not-ready', reasonCode: 'missed', since: '2026-01-15T10:00:00Z' } });
    expect(statusLine(unknown, 'en')).toBe('Not ready (missed)');
  });

  it('says when the desktop is not connected rather than showing a stale state', () => {
    expect(statusLine(view({ status: 'reconnecting' }), 'es')).toBe('Reconectando…');
    expect(statusLine(view({ status: 'signed-out', presence: null }), 'ca')).toBe('Sense sessió');
    expect(statusLine(view({ status: 'online', presence: null }), 'en')).toBe('Connecting…');
  });

  it('has every label in every language', () => {
    const keys = Object.keys(shellLabels('es')).sort();
    expect(Object.keys(shellLabels('ca')).sort()).toEqual(keys);
    expect(Object.keys(shellLabels('en')).sort()).toEqual(keys);
  });
});
