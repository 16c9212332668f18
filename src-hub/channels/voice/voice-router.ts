/**
 * The hub's side of the voice routing API (protocol in voice-api.ts): turns a SIP server's
 * questions about one call (by Call-ID) into intake submissions and contact-center actions,
 * and answers from the item's state. Routing, capacity and offers stay in the contact center:
 * this class only reads which offer is open and whose phone to ring.
 */
import { normalisePhone } from '../../../src-common/identity';
import { err, ok, type Result } from '../../../src-common/result';
import { parseIso } from '../../clock';
import type { OfferRow, VoiceCallRow, WorkItemRow } from '../../storage/repositories';
import { agentSipUri } from '../../center/views';
import type { ChannelServiceDeps } from '../channel';
import type { ParkedCalls } from './parked-calls';
import { DECLINING_SIP_STATUSES, type CallQuery, type ParkQuery, type RingBody, type RouteAnswer, type RouteQuery } from './voice-api';

/** A call the router knows: Call-ID → item, kept in SQLite (voice_calls) so a restart keeps it. */
type CallEntry = VoiceCallRow;

/** A ring shorter than this is not worth starting: the offer is about to expire. */
const MIN_RING_MS = 500;
/** Calls older than this are forgotten (a SIP call does not wait in queue for half a day). */
const CALL_MEMORY_MS = 12 * 3_600_000;

export type VoiceRouterDeps = ChannelServiceDeps;

export class VoiceRouter {
  constructor(private readonly deps: VoiceRouterDeps) {}

  /** Set once by the channel: parked callers are resumed when their item is offered. */
  parked: ParkedCalls | null = null;
  /**
   * Per call item, the offer whose phone this router last told a SIP server to ring, until the
   * call is answered or abandoned. Kept in memory only: after a hub restart nothing rings for an
   * old offer, and its agent may take the item from the desktop as for any call item.
   */
  private readonly rungOfferByItem = new Map<string, string>();

  /** True while the call of this offer rings on its agent's phone: the phone's answer takes it. */
  isRinging(offerId: string): boolean {
    const itemId = this.deps.store.offers.get(offerId)?.itemId;
    return itemId !== undefined && this.rungOfferByItem.get(itemId) === offerId;
  }

  route(query: RouteQuery): Result<RouteAnswer> {
    let entry = this.deps.store.voiceCalls.get(query.callId);
    if (!entry) {
      const created = this.admitCall(query);
      if (!created.ok) return created;
      entry = created.value;
    }
    if (query.failedOffer !== undefined) this.ringFailed(entry, query.failedOffer, query.failedStatus, query.failedNoReply !== undefined);
    return ok(this.answerFor(entry));
  }

  answered(query: CallQuery): Result<{ itemId: string; agentId: string; state: string }> {
    const entry = this.deps.store.voiceCalls.get(query.callId);
    if (!entry) return err('not-found', 'No queued call has this Call-ID.');
    const item = this.deps.store.items.get(entry.itemId);
    if (!item) return err('not-found', 'The work item of this call no longer exists.');
    if (item.state === 'accepted' && item.agentId) return ok({ itemId: item.id, agentId: item.agentId, state: item.state });
    const offer = item.state === 'offered' ? this.openOffer(item.id) : null;
    if (!offer) return err('conflict', `This call is no longer offered to an agent (${item.state}).`);
    const accepted = this.deps.center.acceptOffer(offer.agentId, offer.id);
    if (!accepted.ok) return accepted;
    this.rungOfferByItem.delete(item.id);
    this.deps.log.info({ itemId: item.id, agentId: offer.agentId, callId: query.callId }, 'voice call answered');
    return ok({ itemId: item.id, agentId: offer.agentId, state: accepted.value.state });
  }

  /**
   * A transferred call (REFER carrying X-Centralita-Item) reaches the transfer target with a new
   * Call-ID: that Call-ID now stands for the target's item, so answering accepts its offer and a
   * caller who gives up first abandons it, as for any routed call.
   */
  adoptTransferredCall(callId: string, itemId: string): Result<{ itemId: string; agentId: string }> {
    const item = this.deps.store.items.get(itemId);
    if (item?.channel !== 'voice') return err('not-found', 'No call item has this id.');
    const known = this.deps.store.voiceCalls.get(callId);
    if (known) return known.itemId === itemId && item.agentId ? ok({ itemId, agentId: item.agentId }) : err('conflict', 'This Call-ID already belongs to another item.');
    if (item.state !== 'offered' || !item.agentId) return err('conflict', `This call item is not waiting for its agent (${item.state}).`);
    this.deps.store.voiceCalls.insert({ callId, itemId, failedOffers: [], firstSeenAt: this.deps.clock.now() });
    this.deps.log.info({ itemId, callId, agentId: item.agentId }, 'transferred call reaches its agent');
    return ok({ itemId, agentId: item.agentId });
  }

  /** The SIP server suspended the call's transaction; resume it when the item is offered. */
  park(query: ParkQuery): Result<RouteAnswer> {
    const entry = this.deps.store.voiceCalls.get(query.callId);
    if (!entry) return err('not-found', 'No queued call has this Call-ID.');
    const item = this.deps.store.items.get(entry.itemId);
    if (!item || !isWaitingForAgent(item)) return ok({ status: 410, body: { action: 'end', itemId: entry.itemId, reason: item?.state ?? 'gone' } });
    if (!this.parked) return err('unavailable', 'Parking calls is not available on this hub.');
    this.parked.park({ callId: query.callId, itemId: entry.itemId, tindex: query.tindex, tlabel: query.tlabel, resumeUrl: query.resume });
    return ok({ status: 202, body: { action: 'parked', itemId: entry.itemId } });
  }

  abandoned(query: CallQuery): Result<{ itemId: string; state: string }> {
    const entry = this.deps.store.voiceCalls.get(query.callId);
    if (!entry) return err('not-found', 'No queued call has this Call-ID.');
    this.parked?.forget(entry.itemId);
    this.rungOfferByItem.delete(entry.itemId);
    const result = this.deps.center.abandon(entry.itemId);
    if (!result.ok) return result;
    this.deps.log.info({ itemId: entry.itemId, callId: query.callId }, 'caller hung up before an agent answered');
    return ok({ itemId: entry.itemId, state: result.value.state });
  }

  private admitCall(query: RouteQuery): Result<CallEntry> {
    const voice = this.deps.config.voice;
    const queueId = voice.numbers[query.to] ?? voice.defaultQueueId;
    if (queueId === undefined) return err('not-found', `No queue answers the number ${query.to}.`);
    const caller = normalisePhone(query.from) ?? query.from;
    // A call carries no message: the queue says which number was dialled.
    const name = provisionalName(query.name, query.from);
    const submitted = this.deps.intake.submit({ channel: 'voice', queueId, from: caller, subject: caller, ...(name ? { customerName: name } : {}) });
    if (!submitted.ok) return submitted;
    const now = this.deps.clock.now();
    this.forgetOldCalls(now);
    const entry: CallEntry = { callId: query.callId, itemId: submitted.value.id, failedOffers: [], firstSeenAt: now };
    this.deps.store.voiceCalls.insert(entry);
    this.deps.log.info({ itemId: entry.itemId, callId: query.callId, queueId, caller }, 'inbound call admitted');
    return ok(entry);
  }

  private ringFailed(entry: CallEntry, offerId: string, sipStatus: number | undefined, noReply: boolean): void {
    const offer = this.deps.store.offers.get(offerId);
    if (!offer || offer.itemId !== entry.itemId) return;
    this.deps.store.voiceCalls.addFailedOffer(entry.callId, offerId);
    if (offer.outcome !== null) return;
    // Nothing came back from the phone: set its agent aside now (the item goes to the next agent)
    // rather than let the caller wait out the offer.
    if (noReply && this.deps.center.readiness.phoneNotReached(offer.agentId, parseIso(offer.offeredAt))) {
      this.deps.log.warn({ agentId: offer.agentId, offerId, callId: entry.callId }, 'the agent\'s phone did not reply to the ring: agent set not ready (phone offline)');
      return;
    }
    // Busy/decline is the agent refusing the call; anything else (ring timeout, phone not
    // registered) is left to the offer timer, so it counts as a missed offer.
    if (sipStatus !== undefined && DECLINING_SIP_STATUSES.has(sipStatus)) {
      const declined = this.deps.center.declineOffer(offer.agentId, offerId);
      if (!declined.ok) this.deps.log.warn({ offerId, error: declined.error }, 'could not decline a refused voice offer');
    }
  }

  private answerFor(entry: CallEntry): RouteAnswer {
    const item = this.deps.store.items.get(entry.itemId);
    // The entry stays (until forgotten by age): a late retry for this Call-ID must hear "end",
    // never start a second item.
    if (!item || !isWaitingForAgent(item)) {
      return { status: 410, body: { action: 'end', itemId: entry.itemId, reason: item?.state ?? 'gone' } };
    }
    const ring = this.ringAnswerFor(item.id);
    if (ring) return { status: 200, body: ring };
    return { status: 202, body: { action: 'wait', itemId: item.id, retryMs: this.deps.config.voice.retryMs } };
  }

  /** The phone to ring for this call's item now, or null while no (ringable) offer is open. */
  ringAnswerFor(itemId: string): RingBody | null {
    const entry = this.deps.store.voiceCalls.byItem(itemId);
    const item = this.deps.store.items.get(itemId);
    if (!entry || item?.state !== 'offered') return null;
    const offer = this.openOffer(item.id);
    const ringMs = offer ? parseIso(offer.expiresAt) - this.deps.clock.now() : 0;
    if (!offer || entry.failedOffers.includes(offer.id) || ringMs < MIN_RING_MS) return null;
    const aor = this.agentAor(offer.agentId);
    if (!aor) {
      this.deps.log.warn({ agentId: offer.agentId }, 'offered agent has no SIP address; waiting for the offer to expire');
      return null;
    }
    const autoAnswer = this.deps.config.queues.find((q) => q.id === item.queueId)?.autoAnswer;
    this.rungOfferByItem.set(item.id, offer.id);
    return { action: 'ring', aor, itemId: item.id, offerId: offer.id, agentId: offer.agentId, ringMs, ...(autoAnswer ? { autoAnswerSeconds: autoAnswer.afterSeconds } : {}) };
  }

  private openOffer(itemId: string): OfferRow | null {
    return this.deps.store.offers.listPending().find((o) => o.itemId === itemId) ?? null;
  }

  private agentAor(agentId: string): string | null {
    const user = this.deps.config.users.find((u) => u.id === agentId);
    return user ? agentSipUri(this.deps.config, user) : null;
  }

  private forgetOldCalls(now: number): void {
    for (const itemId of this.deps.store.voiceCalls.forgetBefore(now - CALL_MEMORY_MS)) {
      this.parked?.forget(itemId);
      this.rungOfferByItem.delete(itemId);
    }
  }
}

function isWaitingForAgent(item: WorkItemRow): boolean {
  return item.state === 'queued' || item.state === 'offered';
}

/**
 * A caller's display name fit to name a new customer until an agent corrects it: printable, not
 * just their number again, and not a network's placeholder.
 */
export function provisionalName(displayName: string | undefined, from: string): string | null {
  const name = (displayName ?? '')
    .replace(/[\p{Cc}\p{Cf}]/gu, '')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^"(.*)"$/, '$1')
    .trim()
    .slice(0, 120);
  if (!name || name.replace(/[\s+().-]/g, '') === from.replace(/[\s+().-]/g, '')) return null;
  if (/^(anonymous|unknown|unavailable|restricted|private|withheld)$/i.test(name)) return null;
  return name;
}
