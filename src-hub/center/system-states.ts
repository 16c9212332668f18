/**
 * The states the hub sets by itself, not the agent: Offline when no desktop of theirs is
 * connected any more, Not Ready with a system reason when their desktop cannot take work.
 */
import type { Selection } from '../agents/agent-state';
import type { CenterCore } from './center-core';
import { READINESS_REASONS } from '../../src-common/domain';

export function markUnreachable(core: CenterCore, userId: string): 'offline' | 'holding-work' | 'unchanged' {
  const presence = core.store.presence.get(userId);
  if (!presence || presence.state === 'offline') return 'unchanged';
  if (core.store.items.listHeldBy(userId).length > 0) return 'holding-work';
  const now = core.clock.now();
  const offline: Selection = { selected: 'offline', reasonCode: null };
  core.run(() => {
    core.apply(core.engine().setSelected(userId, 'offline', null, now), now);
    core.refreshPresence(userId, now, 'disconnected', offline);
    core.dispatch(now);
  });
  return 'offline';
}

/**
 * Agents cannot choose a readiness reason (only configured ones), so Not Ready with one means the
 * hub set a Ready agent aside for a desktop fault and nobody has changed it since.
 */
export function restoreReady(core: CenterCore, userId: string): boolean {
  const presence = core.store.presence.get(userId);
  if (!presence || presence.selected !== 'not-ready' || !READINESS_REASONS.includes(presence.reasonCode ?? '')) return false;
  const now = core.clock.now();
  const ready: Selection = { selected: 'ready', reasonCode: null };
  core.run(() => {
    core.apply(core.engine().setSelected(userId, 'ready', null, now), now);
    core.refreshPresence(userId, now, 'desktop-ready', ready);
    core.dispatch(now);
  });
  return true;
}

export function setSystemNotReady(core: CenterCore, userId: string, reasonCode: string): boolean {
  const presence = core.store.presence.get(userId);
  if (!presence || presence.selected !== 'ready' || presence.state === 'offline') return false;
  const now = core.clock.now();
  const notReady: Selection = { selected: 'not-ready', reasonCode };
  core.run(() => {
    core.apply(core.engine().setSelected(userId, 'not-ready', reasonCode, now), now);
    core.refreshPresence(userId, now, 'desktop-not-ready', notReady);
    core.dispatch(now);
  });
  return true;
}
