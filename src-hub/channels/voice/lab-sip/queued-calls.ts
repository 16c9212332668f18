/**
 * Contact-center calls through the lab proxy: the in-process twin of what Kamailio does with
 * the routing API (scripts/rig). The caller's INVITE becomes a voice work item (VoiceRouter);
 * the caller hears 180 Ringing while queued; the moment the item is offered, the offered agent's
 * phone rings with `X-Centralita-Item` for the offer's remaining time. An unanswered or refused
 * ring is cancelled and reported like Kamailio's failure route (so the next agent rings for the
 * same item), and a phone that does not reply at all within 4 s is reported as not reached; the
 * caller's CANCEL makes the item abandoned; the agent's 200 OK accepts the offer.
 */
import type { HubEvent } from '../../../../src-common/protocol';
import type { HubLogger } from '../../../log';
import type { RingBody, RouteAnswer } from '../voice-api';
import type { VoiceRouter } from '../voice-router';
import type { Binding } from './registrar';
import { ackAndByeFor, ackForFailure, cancelFor, newTag, replyTo } from './sip-replies';
import type { SipConnection } from './sip-connection';
import type { SipFrame, SipRequest, SipResponse } from './sip-message';

/** How long a cancelled branch may take to answer 487 before the proxy gives up on it. */
const CANCEL_GUARD_MS = 4000;
/** How long a finished call is remembered, to absorb the caller's ACK of our 487/480. */
const ENDED_MEMORY_MS = 32_000;
/**
 * A phone answers an INVITE at once (100 Trying); one that sends nothing this long is not reached
 * at all (its connection leads nowhere), and the hub moves the call on. Kamailio's rig does the same.
 */
const NO_REPLY_MS = 4000;

type BranchEnd = 'timeout' | 'no-reply' | 'superseded' | 'revoked' | 'abandoned';

interface AgentBranch {
  branch: string;
  offerId: string;
  target: SipConnection;
  invite: SipFrame;
  ringTimer: NodeJS.Timeout | null;
  /** Runs until the phone's first reply to the INVITE. */
  noReplyTimer: NodeJS.Timeout | null;
  guardTimer: NodeJS.Timeout | null;
  ending: BranchEnd | null;
  done: boolean;
}

interface QueuedCall {
  callId: string;
  itemId: string;
  from: string;
  to: string;
  caller: SipConnection;
  invite: SipFrame;
  callerBranch: string;
  toTag: string;
  state: 'waiting' | 'ringing' | 'answered' | 'ended';
  branch: AgentBranch | null;
}

function newQueuedCall(caller: SipConnection, msg: SipRequest, frame: SipFrame, itemId: string): QueuedCall {
  return { callId: msg.callId, itemId, from: callerOf(msg), to: dialledOf(msg), caller, invite: frame, callerBranch: msg.viaBranch, toTag: newTag(), state: 'waiting', branch: null };
}

const callerOf = (msg: SipRequest): string => msg.from.uri.user ?? 'anonymous';
const dialledOf = (msg: SipRequest): string => msg.ruri?.user ?? '';

export interface QueueProxyOps {
  /** The live binding to ring for an AOR, or null when that phone is not registered. */
  lookup(aor: string): Binding | null;
  /** Forwards the caller's INVITE to a binding with our Via (this branch) and Record-Route. */
  forwardInvite(invite: SipFrame, caller: SipConnection, binding: Binding, branch: string, extraHeaders: ReadonlyArray<readonly [string, string]>): SipFrame;
  /** Pops our Via from a response and sends it to the connection it names. */
  relayResponse(response: SipFrame): void;
  newBranch(): string;
  /** The proxy's own Contact: a 180 with a To tag opens an early dialog, which needs one. */
  ownContact(): string;
  /** Our Via for a request the proxy itself sends on a branch. */
  ownVia(branch: string): string;
}

export class QueuedCalls {
  private readonly byCallId = new Map<string, QueuedCall>();
  private readonly byItem = new Map<string, QueuedCall>();
  private readonly byBranch = new Map<string, { call: QueuedCall; branch: AgentBranch }>();

  constructor(
    private readonly router: VoiceRouter,
    private readonly ops: QueueProxyOps,
    private readonly log: HubLogger,
  ) {}

  get size(): number {
    return this.byItem.size;
  }

  /** A caller's INVITE to a contact-center number. */
  admit(caller: SipConnection, msg: SipRequest, frame: SipFrame): void {
    if (this.byCallId.has(msg.callId)) return;
    const from = callerOf(msg);
    const to = dialledOf(msg);
    const name = msg.from.displayName;
    const routed = this.router.route({ callId: msg.callId, from, to, ...(name ? { name } : {}) });
    if (!routed.ok) {
      const status = routed.error.code === 'not-found' ? 404 : 500;
      this.log.warn({ callId: msg.callId, to, error: routed.error }, 'lab SIP: contact-center call refused');
      caller.send(replyTo(frame, status, { toTag: newTag(), reason: status === 404 ? 'No queue answers this number' : undefined }));
      return;
    }
    const answer = routed.value;
    const call = newQueuedCall(caller, msg, frame, answer.body.itemId);
    if (answer.status === 410) {
      caller.send(replyTo(frame, 480, { toTag: call.toTag, reason: 'Call already ended' }));
      return;
    }
    this.holdOnRingback(call);
    this.follow(call, answer);
  }

  /**
   * A caller an agent transferred (REFER) to a colleague, whose new INVITE names the item the
   * hub opened for that colleague (transferCall). From here it is a queued call of that item:
   * the colleague's phone rings for the offer's time; if they do not answer, the offer expires,
   * the item goes back to its queue and whoever is offered it next rings — the caller is never
   * left with an item nobody's phone rings for. False when the item cannot take the call.
   */
  admitTransferred(caller: SipConnection, msg: SipRequest, frame: SipFrame, itemId: string): boolean {
    if (this.byCallId.has(msg.callId)) return true;
    const adopted = this.router.adoptTransferredCall(msg.callId, itemId);
    if (!adopted.ok) {
      this.log.warn({ callId: msg.callId, itemId, error: adopted.error }, 'lab SIP: transferred call not linked to its item');
      return false;
    }
    this.holdOnRingback(newQueuedCall(caller, msg, frame, itemId));
    this.ringIfOffered(itemId);
    return true;
  }

  /** Events of every agent's stream: ring when this proxy's queued item is offered. */
  onEvent(event: HubEvent): void {
    if (event.kind === 'offer' && event.offer.item.channel === 'voice') {
      const itemId = event.offer.item.id;
      // After the publishing transaction: routing may run more actions of its own.
      queueMicrotask(() => this.ringIfOffered(itemId));
    } else if (event.kind === 'offer-revoked') {
      const { itemId, offerId } = event;
      queueMicrotask(() => {
        const call = this.byItem.get(itemId);
        const branch = call?.branch;
        if (call && branch && branch.offerId === offerId && !branch.ending) this.endBranch(call, branch, 'revoked');
      });
    }
  }

  /** The caller's CANCEL; true when it was for a queued call. */
  cancel(conn: SipConnection, msg: SipRequest, frame: SipFrame): boolean {
    const call = this.byCallId.get(msg.callId);
    if (!call || call.caller !== conn || call.callerBranch !== msg.viaBranch) return false;
    conn.send(replyTo(frame, 200, {}));
    if (call.state === 'waiting' || call.state === 'ringing') {
      conn.send(replyTo(call.invite, 487, { toTag: call.toTag }));
      this.abandon(call);
    }
    return true;
  }

  /** The caller's ACK of our own 487/480: absorbed here (hop by hop). */
  absorbAck(msg: SipRequest): boolean {
    const call = this.byCallId.get(msg.callId);
    return call !== undefined && call.state === 'ended' && msg.toTag === call.toTag;
  }

  ownsBranch(branch: string): boolean {
    return this.byBranch.has(branch);
  }

  /** An answer from an agent's phone to a ring this proxy started. */
  onAgentResponse(branchId: string, msg: SipResponse, frame: SipFrame): void {
    const entry = this.byBranch.get(branchId);
    const status = msg.statusCode ?? 0;
    if (!entry || msg.method !== 'INVITE') return;
    if (entry.branch.noReplyTimer) clearTimeout(entry.branch.noReplyTimer);
    entry.branch.noReplyTimer = null;
    if (status < 200) return;
    const { call, branch } = entry;
    this.finishBranch(call, branch);
    if (status < 300) {
      this.answered(call, branch, frame);
      return;
    }
    branch.target.send(ackForFailure(branch.invite, frame.get('to') ?? ''));
    this.afterFailedRing(call, branch, status);
  }

  /** A socket closed: its callers abandon, its ringing branches fail. */
  connectionClosed(conn: SipConnection): void {
    for (const call of [...this.byItem.values()]) {
      if (call.caller === conn && (call.state === 'waiting' || call.state === 'ringing')) this.abandon(call);
      const branch = call.branch;
      if (branch && branch.target === conn && !branch.done) {
        this.finishBranch(call, branch);
        this.afterFailedRing(call, branch, 480);
      }
    }
  }

  stop(): void {
    for (const { branch } of this.byBranch.values()) this.clearTimers(branch);
    this.byBranch.clear();
  }

  /** The caller is queued: known by Call-ID and item, hearing ringback until an agent answers. */
  private holdOnRingback(call: QueuedCall): void {
    this.byCallId.set(call.callId, call);
    this.byItem.set(call.itemId, call);
    call.caller.send(replyTo(call.invite, 180, { toTag: call.toTag, headers: [['Contact', this.ops.ownContact()]] }));
  }

  private ringIfOffered(itemId: string): void {
    const call = this.byItem.get(itemId);
    if (!call || (call.state !== 'waiting' && call.state !== 'ringing')) return;
    const ring = this.router.ringAnswerFor(itemId);
    if (ring) this.ring(call, ring);
  }

  private follow(call: QueuedCall, answer: RouteAnswer): void {
    if (answer.status === 200) this.ring(call, answer.body);
    else if (answer.status === 410) this.endCaller(call, 480, 'Call ended');
    else if (call.branch === null) call.state = 'waiting';
  }

  private ring(call: QueuedCall, ring: RingBody): void {
    const current = call.branch;
    if (current && !current.ending) {
      if (current.offerId === ring.offerId) return;
      this.endBranch(call, current, 'superseded');
    }
    const binding = this.ops.lookup(ring.aor);
    if (!binding) {
      this.log.info({ callId: call.callId, aor: ring.aor }, 'lab SIP: offered agent has no registered phone');
      this.report(call, ring.offerId, 480);
      return;
    }
    const branchId = this.ops.newBranch();
    const headers: Array<readonly [string, string]> = [['X-Centralita-Item', call.itemId]];
    if (ring.autoAnswerSeconds !== undefined) headers.push(['Call-Info', `<${ring.aor}>;answer-after=${ring.autoAnswerSeconds}`]);
    const invite = this.ops.forwardInvite(call.invite, call.caller, binding, branchId, headers);
    const branch: AgentBranch = { branch: branchId, offerId: ring.offerId, target: binding.connection, invite, ringTimer: null, noReplyTimer: null, guardTimer: null, ending: null, done: false };
    branch.ringTimer = setTimeout(() => this.endBranch(call, branch, 'timeout'), ring.ringMs);
    branch.noReplyTimer = setTimeout(() => this.notReached(call, branch), Math.min(NO_REPLY_MS, ring.ringMs));
    call.branch = branch;
    call.state = 'ringing';
    this.byBranch.set(branchId, { call, branch });
    this.log.info({ callId: call.callId, itemId: call.itemId, agentId: ring.agentId, ringMs: ring.ringMs }, 'lab SIP: ringing the offered agent');
  }

  /**
   * The phone sent nothing back: the branch ends here, without a CANCEL (RFC 3261 §9.1: none
   * before a provisional response), and the hub hears it was never reached.
   */
  private notReached(call: QueuedCall, branch: AgentBranch): void {
    if (branch.ending || branch.done) return;
    branch.ending = 'no-reply';
    this.log.warn({ callId: call.callId, offerId: branch.offerId }, 'lab SIP: the offered agent\'s phone did not reply to the ring');
    this.finishBranch(call, branch);
    this.afterFailedRing(call, branch, 408);
  }

  /** Stops a ring (CANCEL); its 487 (or the guard timer) finishes it. */
  private endBranch(call: QueuedCall, branch: AgentBranch, why: BranchEnd): void {
    if (branch.ending || branch.done) return;
    branch.ending = why;
    this.clearTimers(branch);
    branch.target.send(cancelFor(branch.invite));
    if (call.branch === branch) call.branch = null;
    branch.guardTimer = setTimeout(() => {
      if (branch.done) return;
      this.finishBranch(call, branch);
      this.afterFailedRing(call, branch, 408);
    }, CANCEL_GUARD_MS);
  }

  private finishBranch(call: QueuedCall, branch: AgentBranch): void {
    branch.done = true;
    this.clearTimers(branch);
    this.byBranch.delete(branch.branch);
    if (call.branch === branch) call.branch = null;
  }

  private afterFailedRing(call: QueuedCall, branch: AgentBranch, status: number): void {
    if (call.state !== 'waiting' && call.state !== 'ringing') return;
    if (branch.ending === 'abandoned' || branch.ending === 'superseded') return;
    if (branch.ending === 'revoked') {
      if (call.branch === null) call.state = 'waiting';
      this.ringIfOffered(call.itemId);
      return;
    }
    // Like Kamailio's failure route: a ring timeout is 408; the phone's own answer otherwise.
    const timedOut = branch.ending === 'timeout' || branch.ending === 'no-reply';
    this.report(call, branch.offerId, timedOut ? 408 : status, branch.ending === 'no-reply');
  }

  private report(call: QueuedCall, offerId: string, status: number, noReply = false): void {
    if (call.branch === null) call.state = 'waiting';
    const routed = this.router.route({ callId: call.callId, from: call.from, to: call.to, failedOffer: offerId, failedStatus: status, ...(noReply ? { failedNoReply: '1' as const } : {}) });
    if (!routed.ok) {
      this.log.error({ callId: call.callId, error: routed.error }, 'lab SIP: could not report a failed ring');
      this.endCaller(call, 500, undefined);
      return;
    }
    this.follow(call, routed.value);
  }

  private answered(call: QueuedCall, branch: AgentBranch, response: SipFrame): void {
    if (call.state === 'ended' || call.state === 'answered') {
      this.log.info({ callId: call.callId, state: call.state }, 'lab SIP: an agent answered too late; hanging their leg up');
      for (const request of ackAndByeFor(branch.invite, response, (b) => this.ops.ownVia(b), () => this.ops.newBranch())) branch.target.send(request);
      return;
    }
    if (call.branch && call.branch !== branch) this.endBranch(call, call.branch, 'superseded');
    call.state = 'answered';
    const accepted = this.router.answered({ callId: call.callId });
    if (!accepted.ok) this.log.warn({ callId: call.callId, error: accepted.error }, 'lab SIP: the answered call\'s offer was no longer open');
    this.ops.relayResponse(response);
    this.forget(call, 0);
  }

  private abandon(call: QueuedCall): void {
    call.state = 'ended';
    if (call.branch) this.endBranch(call, call.branch, 'abandoned');
    const result = this.router.abandoned({ callId: call.callId });
    if (!result.ok) this.log.warn({ callId: call.callId, error: result.error }, 'lab SIP: could not mark the call abandoned');
    this.forget(call, ENDED_MEMORY_MS);
  }

  private endCaller(call: QueuedCall, status: number, reason: string | undefined): void {
    if (call.state === 'ended' || call.state === 'answered') return;
    call.state = 'ended';
    call.caller.send(replyTo(call.invite, status, { toTag: call.toTag, reason }));
    this.forget(call, ENDED_MEMORY_MS);
  }

  private forget(call: QueuedCall, afterMs: number): void {
    this.byItem.delete(call.itemId);
    const drop = (): void => {
      if (this.byCallId.get(call.callId) === call) this.byCallId.delete(call.callId);
    };
    if (afterMs === 0) drop();
    else setTimeout(drop, afterMs).unref();
  }

  private clearTimers(branch: AgentBranch): void {
    if (branch.ringTimer) clearTimeout(branch.ringTimer);
    if (branch.noReplyTimer) clearTimeout(branch.noReplyTimer);
    if (branch.guardTimer) clearTimeout(branch.guardTimer);
    branch.ringTimer = null;
    branch.noReplyTimer = null;
    branch.guardTimer = null;
  }
}
