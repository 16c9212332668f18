/**
 * What supervision (src-hub/supervision) acts through: the center's storage, clock and engine,
 * inside its transactions, and the same agent state changes an agent's desktop makes.
 */
import { iso } from '../clock';
import type { SupervisionPorts } from '../supervision/supervision-ops';
import type { CenterCore } from './center-core';

export function supervisionPortsOf(
  core: CenterCore,
  center: Pick<SupervisionPorts, 'setState' | 'moveWaiting'>,
  endSessionsOf?: (userId: string) => void,
): SupervisionPorts {
  return {
    config: core.config,
    store: core.store,
    clock: core.clock,
    queuesServedBy: (agentId) => core.engine().queuesServedBy(agentId),
    setState: (agentId, state, reasonCode) => center.setState(agentId, state, reasonCode),
    moveWaiting: (itemId, target) => center.moveWaiting(itemId, target),
    skillsOf: (agentId) => core.engine().skillsOf(agentId),
    applySkills: (agentId, skills, changedBy) =>
      core.run(() => {
        const now = core.clock.now();
        core.store.supervision.saveSkills(agentId, skills, changedBy, iso(now));
        core.engine().setSkills(agentId, skills);
        core.dispatch(now);
        return core.engine().queuesServedBy(agentId);
      }),
    ...(endSessionsOf ? { endSessionsOf } : {}),
  };
}
