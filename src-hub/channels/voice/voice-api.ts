/**
 * The voice routing API: how a SIP server (Kamailio in production and in the interop rig) asks
 * the hub which agent gets an inbound call. Modelled on what Kamailio 5.6 can do without
 * blocking its SIP workers: short synchronous `http_client_query()` calls, and, while the caller
 * is queued and hears ringback, one suspended transaction (`t_suspend`) that the hub resumes by
 * HTTP (`t_continue` from Kamailio's xhttp) when it offers the call. (A polling loop with
 * `async_ms_route()` cannot wait long: every suspension adds a branch, and 31 is the limit.)
 *
 * Every request carries `X-Centralita-Voice-Secret: <voice.routingSecret>` and must come from an
 * address in `voice.routingClients` (loopback by default). Parameters travel in the query string
 * (GET) or in an `application/x-www-form-urlencoded` body (POST); answers are one line of JSON.
 *
 * `GET /api/voice/route?callId=C&from=F&to=T[&failedOffer=O&failedStatus=S[&failedNoReply=1]]`
 *   First ask for a Call-ID: the hub creates a voice work item through the intake (customer
 *   found by the caller's E.164 number), routes it, and answers. Later asks for the same Call-ID
 *   answer from the item's current state (never a second item). `failedOffer`/`failedStatus`
 *   say the ring for that offer ended without an answer (SIP status of the branch): 486/600/603
 *   decline it at once (the agent rejected the call); any other status (408 ring timeout, 480,
 *   404 phone not registered…) lets the offer run out on the hub's own timer (a missed offer).
 *   `failedNoReply=1`: the phone sent nothing at all within the SIP server's no-reply time (its
 *   connection leads nowhere): the hub sets the agent Not Ready ("phone offline") at once, which
 *   offers the item to the next agent in this same answer, not a missed offer; their desktop
 *   reporting the phone registered makes them Ready again. Left alone when the desktop reported
 *   the phone back since the ring began.
 *   - 200 `{"action":"ring","aor":"sip:ana@lab.centralita","itemId","offerId","agentId","ringMs"[,"autoAnswerSeconds"]}`:
 *     ring that AOR for at most ringMs (the offer's remaining time, so the ring and the offer end
 *     together), with `X-Centralita-Item: <itemId>` on the INVITE, and, when the queue
 *     auto-answers, `Call-Info: <sip:domain>;answer-after=<autoAnswerSeconds>`.
 *   - 202 `{"action":"wait","itemId","retryMs"}`: nobody can take it now; keep the caller on
 *     ringback and park the call (below), or ask again after retryMs (a simpler, polling SIP server).
 *   - 410 `{"action":"end","itemId","reason"}`: the item is over (abandoned, already taken);
 *     release the call.
 *   - 404 no queue answers the dialled number · 400 malformed · 401 bad secret · 403 not an
 *     allowed client · 503 API not configured. Errors: `{"error":{"code","message"}}`, as elsewhere in the hub.
 *
 * `GET /api/voice/park?callId=C&tindex=I&tlabel=L&resume=URL`
 *   Kamailio suspended the call's transaction (t_suspend). The moment the item is offered, the
 *   hub POSTs `{"tindex","tlabel","action":"ring","aor",…,"ringMs"}` (JSON, with the secret
 *   header) to `resume` (an http URL on an allowed client: Kamailio's xhttp), which continues the
 *   transaction (t_continue) and rings the agent: offer and ring start together, no polling, no
 *   SIP worker held. One push per park; after an unanswered ring the failure route asks and parks
 *   again. 202 `{"action":"parked","itemId"}` · 410 as above.
 *
 * `POST /api/voice/answered` (`callId`): the agent's phone answered (the SIP server saw the
 *   200 OK): the hub accepts the offer for that agent. Repeats are harmless. 200 `{"itemId","agentId","state"}`.
 *
 * `POST /api/voice/abandoned` (`callId`): the caller hung up (CANCEL) before an agent answered:
 *   the item becomes `abandoned` and a ringing agent's offer is revoked. 200 `{"itemId","state"}`.
 */
import { z } from 'zod';

/** Header the SIP server sends with the shared secret. */
export const VOICE_SECRET_HEADER = 'x-centralita-voice-secret';

const CallId = z.string().trim().min(1, 'callId is required').max(256, 'callId is longer than 256 characters');
/** Caller (From user) and dialled number (Request-URI user): SIP user parts. */
const SipUserPart = z.string().trim().min(1).max(128).regex(/^[^\s<>"]+$/, 'a SIP user part without spaces or brackets');

export const RouteQuery = z.object({
  callId: CallId,
  from: SipUserPart,
  to: SipUserPart,
  /** The caller's display name (From), when their network sends one: a new customer's provisional name. */
  name: z.string().max(200).optional(),
  failedOffer: z.string().trim().min(1).max(128).optional(),
  failedStatus: z.coerce.number().int().min(300).max(699).optional(),
  /** The failed ring got no reply at all from the phone (not even 100 Trying). */
  failedNoReply: z.literal('1', { message: 'failedNoReply is 1 when given' }).optional(),
});
export type RouteQuery = z.infer<typeof RouteQuery>;

export const CallQuery = z.object({ callId: CallId });
export type CallQuery = z.infer<typeof CallQuery>;

export const ParkQuery = z.object({
  callId: CallId,
  tindex: z.coerce.number().int().min(0).max(2 ** 32),
  tlabel: z.coerce.number().int().min(0).max(2 ** 32),
  resume: z.string().url().max(300),
});
export type ParkQuery = z.infer<typeof ParkQuery>;

export interface RingBody {
  action: 'ring';
  aor: string;
  itemId: string;
  offerId: string;
  agentId: string;
  ringMs: number;
  /** Present when the item's queue auto-answers: put `Call-Info: <…>;answer-after=N` on the INVITE. */
  autoAnswerSeconds?: number;
}

export type RouteAnswer =
  | { status: 200; body: RingBody }
  | { status: 202; body: { action: 'wait'; itemId: string; retryMs: number } | { action: 'parked'; itemId: string } }
  | { status: 410; body: { action: 'end'; itemId: string; reason: string } };

/**
 * Final answers that end an agent's offer at once instead of waiting for its timer: the agent
 * refusing (486 busy, 600/603 decline) and their phone unable to take the call's media (488,
 * 606). None counts as a missed offer.
 */
export const DECLINING_SIP_STATUSES: ReadonlySet<number> = new Set([486, 488, 600, 603, 606]);

/** One sentence naming the first problem, for a 400 answer. */
export function describeQueryProblem(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'Malformed request.';
  const field = issue.path.join('.') || 'request';
  if (issue.code === 'invalid_type') return `Missing or invalid "${field}".`;
  return `Invalid "${field}": ${issue.message}.`;
}
