/**
 * Callers waiting in queue, parked in the SIP server. Kamailio suspends the call's transaction
 * (t_suspend) and tells the hub where to resume it; the moment the contact center makes an offer
 * for the call's item, the hub pushes the ring answer to that URL, and Kamailio's t_continue
 * relays the INVITE to the agent's phone. So the offer and the ring start together, without
 * polling and without holding a SIP worker while the caller waits.
 */
import type { HubEvent } from '../../../src-common/protocol';
import type { HubLogger } from '../../log';
import type { RingBody } from './voice-api';

export interface ParkedCall {
  callId: string;
  itemId: string;
  /** Kamailio's transaction id ($T(id_index), $T(id_label)). */
  tindex: number;
  tlabel: number;
  resumeUrl: string;
}

/** What the hub pushes to the resume URL: the transaction to continue and the ring answer. */
export type ResumeBody = RingBody & { tindex: number; tlabel: number };

export type RingAnswerFor = (itemId: string) => RingBody | null;
export type PushResume = (url: string, body: ResumeBody) => Promise<number>;

export class ParkedCalls {
  private readonly byItem = new Map<string, ParkedCall>();

  constructor(
    private readonly ringAnswerFor: RingAnswerFor,
    private readonly push: PushResume,
    private readonly log: HubLogger,
  ) {}

  /** Parks a call; if its item already has an offer to ring, resumes it at once. */
  park(call: ParkedCall): void {
    this.byItem.set(call.itemId, call);
    this.resumeIfOffered(call.itemId);
  }

  forget(itemId: string): void {
    this.byItem.delete(itemId);
  }

  get size(): number {
    return this.byItem.size;
  }

  /** Fed with the contact center's events (every agent's stream). */
  onEvent(event: HubEvent): void {
    if (event.kind === 'offer' && event.offer.item.channel === 'voice') this.resumeIfOffered(event.offer.item.id);
  }

  private resumeIfOffered(itemId: string): void {
    const call = this.byItem.get(itemId);
    if (!call) return;
    const answer = this.ringAnswerFor(itemId);
    if (!answer) return;
    // One push per park: after the ring, Kamailio's failure route asks (and parks) again.
    this.byItem.delete(itemId);
    const body: ResumeBody = { tindex: call.tindex, tlabel: call.tlabel, ...answer };
    this.push(call.resumeUrl, body).then(
      (status) => {
        if (status === 200) this.log.info({ itemId, agentId: answer.agentId, callId: call.callId }, 'parked call resumed to ring the offered agent');
        else this.log.warn({ itemId, callId: call.callId, status }, 'SIP server did not resume the parked call (the caller may be gone)');
      },
      (cause: unknown) => this.log.error({ err: cause, itemId, callId: call.callId }, 'could not reach the SIP server to resume a parked call'),
    );
  }
}

/** POSTs the resume answer with the shared secret; resolves to the HTTP status. */
export function httpPushResume(secret: string, secretHeader: string, timeoutMs = 2000): PushResume {
  return async (url, body) => {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [secretHeader]: secret },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
    await res.arrayBuffer();
    return res.status;
  };
}
