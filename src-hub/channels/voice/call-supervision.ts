/**
 * A supervisor joins an agent's call (monitor, whisper, barge) through a grant (voice-grants.ts):
 * `superviseCall` issues one for the agent's live call in a queue the supervisor supervises;
 * `redeemSupervisionGrant` is what the agent's desktop asks when its phone receives the
 * supervisor's call (or a mode change on it). Both, done or refused, go to the audit log: a
 * forged, expired, replayed or misdirected grant leaves a trace naming the agent's desktop.
 */
import { roleMayRun } from '../../../src-common/protocol';
import { err, ok, type Result } from '../../../src-common/result';
import {
  SUPERVISION_GRANT_TTL_SECONDS,
  type RedeemedSupervision,
  type SuperviseCallParams,
  type SupervisionGrantOffer,
} from '../../../src-common/voice-supervision';
import { iso } from '../../clock';
import { agentSipUri } from '../../center/views';
import type { Caller } from '../../server/desktop-ops';
import { coversItem, supervisionScope } from '../../supervision/supervision-scope';
import { audited } from '../../supervision/supervision-ops';
import type { VoiceGrants } from '../../supervision/voice-grants';
import type { WorkItemRow } from '../../storage/repositories';
import type { ChannelServiceDeps } from '../channel';

export class CallSupervision {
  constructor(
    private readonly deps: Pick<ChannelServiceDeps, 'config' | 'store' | 'clock'> & { center: Pick<ChannelServiceDeps['center'], 'transferCall'> },
    private readonly grants: VoiceGrants,
  ) {}

  superviseCall(caller: Caller, params: SuperviseCallParams): Result<SupervisionGrantOffer> {
    return audited(this.ports(), caller, 'superviseCall', params.agentId, () => params.mode, () => this.grantFor(caller, params));
  }

  redeem(caller: Caller, grant: string): Result<RedeemedSupervision> {
    return audited(this.ports(), caller, 'redeemSupervisionGrant', null, (value) => `${value.mode} by ${value.supervisorId} on ${value.itemId}`, () => this.check(caller, grant));
  }

  private grantFor(caller: Caller, params: SuperviseCallParams): Result<SupervisionGrantOffer> {
    const { config } = this.deps;
    const agent = config.users.find((u) => u.id === params.agentId);
    if (!agent || agent.role === 'admin') return err('not-found', 'There is no agent with this id.');
    if (agent.id === caller.userId) return err('bad-request', 'You cannot supervise your own call.');
    const item = this.liveCallOf(agent.id);
    if (!item) return err('conflict', `${agent.displayName} is not on a call now.`);
    if (!coversItem(supervisionScope(config, caller.userId, caller.role), config, item)) return err('forbidden', 'This call is in a queue or team you do not supervise.');
    const nowMs = this.deps.clock.now();
    const { grant, payload } = this.grants.issue({ supervisorId: caller.userId, agentId: agent.id, itemId: item.id, mode: params.mode }, nowMs, SUPERVISION_GRANT_TTL_SECONDS);
    return ok({ grant, agentUri: agentSipUri(config, agent), agentName: agent.displayName, itemId: item.id, mode: params.mode, expiresAt: iso(payload.exp) });
  }

  private check(caller: Caller, grant: string): Result<RedeemedSupervision> {
    const redeemed = this.grants.redeem(grant, caller.userId, this.deps.clock.now());
    if (!redeemed.ok) return redeemed;
    const { supervisorId, itemId, mode } = redeemed.value;
    const item = this.liveCallOf(caller.userId);
    if (item?.id !== itemId) return err('conflict', 'The call this grant was for has ended.');
    // The supervisor's role is read now, not when the grant was made: a demoted supervisor's grant is void.
    const supervisor = this.deps.store.users.byId(supervisorId);
    if (!supervisor || !roleMayRun(supervisor.role, 'superviseCall') || !coversItem(supervisionScope(this.deps.config, supervisorId, supervisor.role), this.deps.config, item)) {
      return err('forbidden', 'The supervisor of this grant no longer supervises this call.');
    }
    let takeOverItemId: string | null = null;
    if (mode === 'take-over') {
      // The supervisor's own segment of the call, offered to them only; the REFER names it.
      const segment = this.deps.center.transferCall(caller.userId, itemId, supervisorId, '');
      if (!segment.ok) return segment;
      takeOverItemId = segment.value.itemId;
    }
    return ok({ mode, itemId, takeOverItemId, supervisorId, supervisorName: supervisor.displayName, tellAgent: this.deps.config.tellAgentsWhenMonitored });
  }

  /** The voice item the agent is talking on now (accepted, not yet ended). */
  private liveCallOf(agentId: string): WorkItemRow | undefined {
    return this.deps.store.items.listHeldBy(agentId).find((item) => item.channel === 'voice' && item.state === 'accepted');
  }

  private ports() {
    return { store: this.deps.store, clock: this.deps.clock };
  }
}
