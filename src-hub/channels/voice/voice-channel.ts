/**
 * The voice channel: the routing API a SIP server calls (protocol in voice-api.ts). Checks the
 * caller's address and shared secret, validates parameters, and hands the call's question to
 * the VoiceRouter, which submits work only through the intake.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { z } from 'zod';
import { err, type Result } from '../../../src-common/result';
import { sendError, sendJson, sendResult } from '../../server/http-replies';
import { plainAddress, readForm, type Parsed } from '../../server/http-request';
import type { ChannelContext, HubChannel } from '../channel';
import { httpPushResume, ParkedCalls } from './parked-calls';
import { CallQuery, describeQueryProblem, ParkQuery, RouteQuery, VOICE_SECRET_HEADER, type RouteAnswer } from './voice-api';
import { VoiceRouter } from './voice-router';
import { createLabSipChannel } from './lab-sip/lab-sip-channel';
import { CallSupervision } from './call-supervision';
import { VoiceGrants } from '../../supervision/voice-grants';
import { loadOrCreateSecret } from '../../auth/session-tokens';

export const VOICE_API_PREFIX = '/api/voice/';
const MAX_FORM_BYTES = 4096;

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

/** Query-string parameters, plus a form body on POST (what Kamailio's http_client sends). */
async function readParams(req: IncomingMessage, url: URL): Promise<Parsed<Record<string, string>>> {
  const params: Record<string, string> = Object.fromEntries(url.searchParams);
  if (req.method !== 'POST') return { ok: true, value: params };
  const form = await readForm(req, MAX_FORM_BYTES);
  if (!form.ok) return form;
  for (const [key, value] of form.value) params[key] = value;
  return { ok: true, value: params };
}

function parse<T>(schema: z.ZodType<T>, params: Record<string, string>): Result<T> {
  const parsed = schema.safeParse(params);
  return parsed.success ? { ok: true, value: parsed.data } : err('bad-request', describeQueryProblem(parsed.error));
}

const ACTIONS = new Set(['route', 'park', 'answered', 'abandoned']);

/**
 * The voice channels: the routing API for an external SIP server and, when
 * `voice.labProxy.enabled`, the built-in lab SIP proxy; both share one VoiceRouter.
 */
export function createVoiceChannels(ctx: ChannelContext): HubChannel[] {
  const router = new VoiceRouter({ config: ctx.config, center: ctx.center, intake: ctx.intake, store: ctx.store, clock: ctx.clock, log: ctx.log });
  const channels: HubChannel[] = [createVoiceChannel(ctx, router)];
  if (ctx.config.voice.labProxy.enabled) channels.push(createLabSipChannel(ctx, router));
  return channels;
}

export function createVoiceChannel(ctx: ChannelContext, router: VoiceRouter): HubChannel {
  const voice = ctx.config.voice;
  const secretDigest = voice.routingSecret === undefined ? null : digest(voice.routingSecret);
  const clients = new Set(voice.routingClients.map(plainAddress));
  const parked = new ParkedCalls((itemId) => router.ringAnswerFor(itemId), httpPushResume(voice.routingSecret ?? '', VOICE_SECRET_HEADER), ctx.log);
  router.parked = parked;
  // Offers are published to each agent's stream: listen to every user's.
  const unsubscribe = ctx.config.users.map((user) => ctx.center.events.subscribe({ userId: user.id, deliver: (stored) => parked.onEvent(stored.event) }));

  /** The resume URL must point back at an allowed SIP server, never anywhere else. */
  function checkResumeUrl(raw: string): Result<null> {
    const url = URL.canParse(raw) ? new URL(raw) : null;
    const host = url?.hostname.replace(/^\[|\]$/g, '') ?? '';
    if (!url || url.protocol !== 'http:' || !clients.has(host)) return err('bad-request', 'Invalid "resume": an http URL on an allowed SIP server is required.');
    return { ok: true, value: null };
  }

  function admit(req: IncomingMessage): Result<null> {
    if (!clients.has(plainAddress(req.socket.remoteAddress))) return err('forbidden', 'This address may not use the voice routing API.');
    if (!secretDigest) return err('unavailable', 'The voice routing API is not configured (voice.routingSecret).');
    const given = req.headers[VOICE_SECRET_HEADER];
    if (typeof given !== 'string' || !timingSafeEqual(digest(given), secretDigest)) return err('unauthenticated', 'Missing or wrong voice routing secret.');
    return { ok: true, value: null };
  }

  const supervision = new CallSupervision(ctx, new VoiceGrants(loadOrCreateSecret(ctx.dataDir)));

  return {
    name: 'voice',
    refuseDesktopAccept: (offerId) =>
      router.isRinging(offerId) ? "This call rings on the agent's phone and is taken by answering it there; it is not ringing on this desktop's phone." : null,
    desktopOps: {
      superviseCall: (caller, p) => supervision.superviseCall(caller, p),
      redeemSupervisionGrant: (caller, p) => supervision.redeem(caller, p.grant),
    },
    async handleHttp(req, res, url) {
      if (!url.pathname.startsWith(VOICE_API_PREFIX)) return false;
      const action = url.pathname.slice(VOICE_API_PREFIX.length);
      if (!ACTIONS.has(action)) {
        sendResult(res, err('not-found', 'Unknown voice API path.'));
        return true;
      }
      if (req.method !== 'GET' && req.method !== 'POST') {
        sendResult(res, err('bad-request', 'Use GET or POST.'));
        return true;
      }
      const admitted = admit(req);
      if (!admitted.ok) {
        ctx.log.warn({ path: url.pathname, from: req.socket.remoteAddress, code: admitted.error.code }, 'voice routing API request refused');
        sendResult(res, admitted);
        return true;
      }
      const params = await readParams(req, url);
      if (!params.ok) {
        sendError(res, params.error, params.status);
        return true;
      }
      if (action === 'route' || action === 'park') {
        const answer = action === 'route' ? routeCall(params.value) : parkCall(params.value);
        if (answer.ok) sendJson(res, answer.value.status, answer.value.body);
        else sendResult(res, answer);
        return true;
      }
      const query = parse(CallQuery, params.value);
      if (!query.ok) sendResult(res, query);
      else sendResult(res, action === 'answered' ? router.answered(query.value) : router.abandoned(query.value));
      return true;
    },
    stop() {
      for (const off of unsubscribe) off();
    },
  };

  function routeCall(params: Record<string, string>): Result<RouteAnswer> {
    const query = parse(RouteQuery, params);
    return query.ok ? router.route(query.value) : query;
  }

  function parkCall(params: Record<string, string>): Result<RouteAnswer> {
    const query = parse(ParkQuery, params);
    if (!query.ok) return query;
    const resume = checkResumeUrl(query.value.resume);
    return resume.ok ? router.park(query.value) : resume;
  }
}
