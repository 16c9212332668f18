/**
 * Voice supervision in this window (contract: src-common/voice-supervision.ts).
 *
 * Agent's side: the phone reports a supervisor's grant; the hub decides (redeem), and the phone
 * is told to mix or to refuse. Nothing is asked of the agent: the centre's policy decides
 * whether they are shown who listens.
 *
 * Supervisor's side: asking for a mode gets a grant from the hub; the first one is dialled to
 * the agent's phone, later ones switch the mode on the same call.
 */
import type { PhoneCommandInput, PhoneEvent } from '../../src-common/phone-contract';
import type { PhoneHost } from '../../src-common/phone-host';
import { err, type Result } from '../../src-common/result';
import type { SupervisionStep } from '../../src-common/voice-supervision';
import type { Intents } from '../intents';
import { log } from '../log';
import type { AppStore } from '../store/app-store';

type Command = (input: PhoneCommandInput) => Promise<Result<{ callId: string | null }>>;

/** Answers every supervision request the phone reports, as the hub decides. Returns the unsubscribe. */
export function answerSupervisionRequests(host: PhoneHost, app: AppStore, intents: Pick<Intents, 'redeemSupervision'>): () => void {
  return host.subscribe((event: PhoneEvent) => {
    if (event.type !== 'supervision-request') return;
    void (async () => {
      const redeemed = await intents.redeemSupervision(event.grant);
      if (!redeemed.ok) {
        log.warn('supervision grant refused by the hub', redeemed.error);
        await host.execute({ type: 'supervisionRefuse', callId: event.callId });
        return;
      }
      const { mode, itemId, takeOverItemId, supervisorName, tellAgent } = redeemed.value;
      const accepted = await host.execute({ type: 'supervisionAccept', callId: event.callId, mode, itemId, takeOverItemId });
      if (!accepted.ok) log.warn('supervision could not start', accepted.error);
      else if (tellAgent) app.getState().setSupervisorName(event.callId, supervisorName);
    })();
  });
}

/** The supervisor's side: which supervision call goes to which agent. */
export function createCallSupervisor(app: AppStore, intents: Pick<Intents, 'superviseCall'>, command: Command) {
  const callOfAgent = new Map<string, string>();
  return {
    /** The live supervision call to this agent, if any. */
    callTo(agentId: string): string | null {
      const callId = callOfAgent.get(agentId);
      return callId && app.getState().phone.supervisionCalls[callId] ? callId : null;
    },
    /** Joins the agent's call in `mode`, or changes the mode of the call already joined. */
    async supervise(agentId: string, mode: SupervisionStep): Promise<Result<{ callId: string | null }>> {
      if (!app.getState().phone.provisioned) return err('unavailable', 'Your phone is not set up: a call cannot be supervised from here.');
      const current = this.callTo(agentId);
      if (mode === 'take-over' && !current) return err('conflict', 'Listen to the call first: it is taken over from there.');
      const offer = await intents.superviseCall(agentId, mode);
      if (!offer.ok) return offer;
      if (current) {
        const switched = await command({ type: 'superviseSwitch', callId: current, grant: offer.value.grant, mode });
        return switched.ok ? { ok: true, value: { callId: current } } : switched;
      }
      if (mode === 'take-over') return err('conflict', 'The call to take over has ended.');
      const dialled = await command({ type: 'superviseDial', target: offer.value.agentUri, grant: offer.value.grant, mode });
      if (dialled.ok && dialled.value.callId) callOfAgent.set(agentId, dialled.value.callId);
      return dialled;
    },
    async leave(agentId: string): Promise<void> {
      const callId = this.callTo(agentId);
      callOfAgent.delete(agentId);
      if (callId) await command({ type: 'hangup', callId });
    },
  };
}
export type CallSupervisor = ReturnType<typeof createCallSupervisor>;
