import { describe, expect, it } from 'vitest';
import type { DesktopApi } from '../../../src-common/ipc';
import { err, ok } from '../../../src-common/result';
import { createIntents } from '../../../src-renderer/intents';
import { createAppStore } from '../../../src-renderer/store/app-store';

function scriptedApi(answer: (op: string) => unknown) {
  const calls: { op: string; params: unknown }[] = [];
  const api: DesktopApi = {
    invoke: (async (op: string, params: unknown) => {
      calls.push({ op, params });
      return answer(op);
    }) as DesktopApi['invoke'],
    on: (() => () => undefined) as DesktopApi['on'],
  };
  return { api, calls };
}

describe('supervisor intents', () => {
  it('forces an agent Not Ready with the chosen reason, and signs one out without a reason', async () => {
    const { api, calls } = scriptedApi(() => ok(null));
    const intents = createIntents(api, createAppStore());
    expect(await intents.forceAgentState('ana', 'not-ready', 'break')).toEqual({ ok: true, value: null });
    await intents.forceAgentState('ana', 'offline', 'break');
    expect(calls).toEqual([
      { op: 'supervisor.forceState', params: { agentId: 'ana', state: 'not-ready', reasonCode: 'break' } },
      { op: 'supervisor.forceState', params: { agentId: 'ana', state: 'offline', reasonCode: null } },
    ]);
  });

  it('shows a refused force as a notice, like any failed action', async () => {
    const store = createAppStore();
    const { api } = scriptedApi(() => err('forbidden', 'not your queue'));
    const result = await createIntents(api, store).forceAgentState('ana', 'not-ready', 'break');
    expect(result.ok).toBe(false);
    expect(store.getState().notice).toMatchObject({ action: 'forceState', error: { code: 'forbidden' } });
  });

  it('reads the audit log with the asked limit and hands a failure back as a value', async () => {
    const entry = { id: 1, at: '2026-03-02T10:00:00Z', actorId: 'sara', actorRole: 'supervisor', action: 'forceAgentState', targetId: 'ana', outcome: 'done', detail: '' };
    const good = scriptedApi(() => ok([entry]));
    expect(await createIntents(good.api, createAppStore()).auditLog(200)).toEqual({ ok: true, value: [entry] });
    expect(good.calls).toEqual([{ op: 'supervisor.audit', params: { limit: 200 } }]);
    const store = createAppStore();
    const bad = await createIntents(scriptedApi(() => err('unavailable', 'offline')).api, store).auditLog(200);
    expect(bad).toMatchObject({ ok: false, error: { code: 'unavailable' } });
    expect(store.getState().notice).toBeNull();
  });
});
