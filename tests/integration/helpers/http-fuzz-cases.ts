/**
 * Every hub HTTP route, and malformed requests for them drawn from a seeded random source:
 * bad percent-encodings, odd targets, huge or invalid headers, wrong content types, cut and
 * oversize bodies, wrong methods, random bytes; unauthenticated and with valid credentials.
 */
import { randomUUID } from 'node:crypto';
import { CHAT_ATTACHMENTS_PATH, CHAT_PAGE_PATH, CHAT_WIDGET_SCRIPT_PATH, CHAT_WS_PATH } from '../../../src-common/chat';
import { DESKTOP_WS_PATH, HEALTH_PATH, LOGIN_PATH, WORK_ITEMS_PATH } from '../../../src-common/protocol';
import { LAB_SIP_PATH } from '../../../src-hub/channels/voice/lab-sip/lab-sip-channel';
import { VOICE_SECRET_HEADER } from '../../../src-hub/channels/voice/voice-api';
import type { SeededRandom } from '../../../src-hub/demo/seeded-random';
import type { RawRequest } from './raw-http';

export interface FuzzContext {
  agentToken: string;
  adminToken: string;
  visitorToken: string;
  voiceSecret: string;
  /** A chat item the agent holds and an attachment in it, so id-taking routes reach their code. */
  itemId: string;
  attachmentId: string;
  /** Parked calls are resumed at the hub itself: a URL on an allowed SIP server that answers. */
  hubPort: number;
}

type BodyKind = 'json' | 'form' | 'bytes' | 'none';

export interface FuzzRoute {
  /** The path as the hub's routers name it (a prefix for routes with a parameter). */
  path: string;
  methods: readonly string[];
  body: BodyKind;
  /** Largest body the route takes, to send one byte more. */
  maxBytes: number;
  target(c: FuzzContext, rng: SeededRandom): string;
  validBody?(c: FuzzContext): Buffer;
  /** The credential header that gets the request past authentication. */
  auth?(c: FuzzContext): readonly [string, string];
}

const JSON_MAX = 64 * 1024;
const FORM_MAX = 4096;
const json = (value: unknown): Buffer => Buffer.from(JSON.stringify(value));
const bearer = (token: string) => ['Authorization', `Bearer ${token}`] as const;
const voice = (action: string): FuzzRoute => ({
  path: `/api/voice/${action}`,
  methods: ['GET', 'POST'],
  body: 'form',
  maxBytes: FORM_MAX,
  target: (c, rng) =>
    `/api/voice/${action}?callId=fuzz-${rng.int(1, 40)}&from=%2B3460010${rng.int(1000, 9999)}&to=5000&tindex=1&tlabel=2&resume=${encodeURIComponent(`http://127.0.0.1:${c.hubPort}/`)}`,
  validBody: () => Buffer.from(`callId=fuzz-${action}&from=600100200&to=5000`),
  auth: (c) => [VOICE_SECRET_HEADER, c.voiceSecret],
});

/** Attachment size limit the fuzz hub is configured with (small, so oversize bodies stay cheap). */
export const FUZZ_ATTACHMENT_MAX_BYTES = 64 * 1024;

export const FUZZ_ROUTES: readonly FuzzRoute[] = [
  { path: '/', methods: ['GET'], body: 'none', maxBytes: 0, target: () => '/' },
  { path: HEALTH_PATH, methods: ['GET'], body: 'none', maxBytes: 0, target: () => HEALTH_PATH },
  {
    path: LOGIN_PATH,
    methods: ['POST'],
    body: 'json',
    maxBytes: JSON_MAX,
    target: () => LOGIN_PATH,
    // A wrong password: the fuzz must not sign anyone in, and must not lock out the final check's user.
    validBody: () => json({ username: 'ana', password: 'not-the-password' }),
  },
  {
    path: WORK_ITEMS_PATH,
    methods: ['POST'],
    body: 'json',
    maxBytes: JSON_MAX,
    target: () => WORK_ITEMS_PATH,
    validBody: () => json({ channel: 'email', queueId: 'ventas', from: 'fuzz@example.es', subject: 'Fuzz' }),
    auth: (c) => bearer(c.adminToken),
  },
  { path: CHAT_WIDGET_SCRIPT_PATH, methods: ['GET', 'HEAD'], body: 'none', maxBytes: 0, target: () => CHAT_WIDGET_SCRIPT_PATH },
  { path: CHAT_PAGE_PATH, methods: ['GET', 'HEAD'], body: 'none', maxBytes: 0, target: () => CHAT_PAGE_PATH },
  {
    path: CHAT_ATTACHMENTS_PATH,
    methods: ['POST', 'OPTIONS'],
    body: 'bytes',
    maxBytes: FUZZ_ATTACHMENT_MAX_BYTES,
    target: (c, rng) => `${CHAT_ATTACHMENTS_PATH}?clientId=${randomUUID()}&name=fuzz-${rng.int(0, 99)}.txt${rng.next() < 0.5 ? `&itemId=${c.itemId}` : ''}`,
    validBody: () => Buffer.from('hola, esto es un texto\n'),
    auth: (c) => bearer(c.visitorToken),
  },
  {
    path: `${CHAT_ATTACHMENTS_PATH}/`,
    methods: ['GET', 'HEAD'],
    body: 'none',
    maxBytes: 0,
    target: (c, rng) => `${CHAT_ATTACHMENTS_PATH}/${rng.next() < 0.5 ? c.attachmentId : `att-${randomUUID()}`}`,
    auth: (c) => bearer(c.agentToken),
  },
  voice('route'),
  voice('park'),
  voice('answered'),
  voice('abandoned'),
  // WebSocket paths also receive plain HTTP and broken upgrade requests.
  { path: DESKTOP_WS_PATH, methods: ['GET'], body: 'none', maxBytes: 0, target: () => DESKTOP_WS_PATH },
  { path: CHAT_WS_PATH, methods: ['GET'], body: 'none', maxBytes: 0, target: () => CHAT_WS_PATH },
  { path: LAB_SIP_PATH, methods: ['GET'], body: 'none', maxBytes: 0, target: () => LAB_SIP_PATH },
];

/**
 * A route the source declares that the table above does not know yet: fuzzed as a JSON route
 * taking an agent's token, so a new endpoint is covered from the day it is added.
 */
export function genericRoute(path: string): FuzzRoute {
  return { path, methods: ['GET', 'POST'], body: 'json', maxBytes: JSON_MAX, target: () => path, validBody: () => json({}), auth: (c) => bearer(c.agentToken) };
}

const BAD_ESCAPES = ['%', '%z', '%zz', '%E0%A4%A', '%C0%AF', '%FF', '%ED%A0%80', '%%41', '%0', '%u0041', '%F0%9F%98'];
const ODD_TARGETS = ['//[', '//x:y@:99999/', '*', '/..%2F..%2Fetc%2Fpasswd', '/%2e%2e/%2e%2e/', `/${'a'.repeat(6000)}`, 'http://[::1/', '/\u00ff\u00fe', '/?=&=&&%3D'];
const WRONG_METHODS = ['PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD', 'TRACE', 'FOO', 'GET', 'POST', 'PROPFIND'];
const CONTENT_TYPES = [
  'multipart/form-data; boundary=x',
  'application/x-www-form-urlencoded',
  'application/xml',
  'text/html',
  'image/png',
  'application/octet-stream',
  'a/b/c',
  ';;;',
  '',
  'application/json; charset=latin1',
  'application/json',
];

function randomBytes(rng: SeededRandom, length: number): Buffer {
  const out = Buffer.alloc(length);
  for (let i = 0; i < length; i++) out[i] = rng.int(0, 255);
  return out;
}

/** Random characters a header value may hold (Node refuses control characters itself). */
function randomText(rng: SeededRandom, length: number): string {
  let s = '';
  for (let i = 0; i < length; i++) s += String.fromCharCode(rng.next() < 0.8 ? rng.int(0x21, 0x7e) : rng.int(0x80, 0xff));
  return s;
}

function withBadEscape(target: string, rng: SeededRandom, inQuery: boolean): string {
  const bad = rng.pick(BAD_ESCAPES);
  if (inQuery) return `${target}${target.includes('?') ? '&' : '?'}${rng.pick(['name', 'clientId', 'callId', 'x'])}=${bad}`;
  const q = target.indexOf('?');
  const path = q < 0 ? target : target.slice(0, q);
  const at = rng.int(1, path.length);
  return `${path.slice(0, at)}${bad}${path.slice(at)}${q < 0 ? '' : target.slice(q)}`;
}

export interface FuzzCase {
  label: string;
  /** A whole request, or raw bytes that need not be HTTP at all. */
  request: RawRequest | Buffer;
  /** The request may never be complete (the client goes away): an answer is not expected. */
  cut: boolean;
}

const MUTATIONS = ['bad-path-escape', 'bad-query-escape', 'odd-target', 'huge-header', 'bad-header', 'content-type', 'truncated-json', 'cut-body', 'oversize', 'method', 'random-body', 'random-bytes', 'upgrade', 'valid'] as const;

/** One malformed (or, now and then, well-formed) request for a random route. */
export function fuzzCase(rng: SeededRandom, c: FuzzContext, routes: readonly FuzzRoute[] = FUZZ_ROUTES): FuzzCase {
  const route = rng.pick(routes);
  const mutation = rng.pick(MUTATIONS);
  const authenticated = route.auth !== undefined && rng.next() < 0.6;
  const headers: Array<readonly [string, string]> = [];
  if (authenticated && route.auth) headers.push(route.auth(c));
  let method = rng.pick(route.methods);
  let target = route.target(c, rng);
  let body = route.validBody?.(c);
  let declaredLength: number | undefined;
  let cut = false;
  if (body && route.body === 'json') headers.push(['Content-Type', 'application/json']);
  const label = `${mutation} ${route.path}${authenticated ? ' (authenticated)' : ''}`;

  switch (mutation) {
    case 'bad-path-escape':
      target = withBadEscape(target, rng, false);
      break;
    case 'bad-query-escape':
      target = withBadEscape(target, rng, true);
      break;
    case 'odd-target':
      target = rng.pick(ODD_TARGETS);
      break;
    case 'huge-header':
      headers.push([rng.pick(['X-Fuzz', 'Cookie', 'Authorization', 'Referer']), 'x'.repeat(rng.int(17_000, 70_000))]);
      break;
    case 'bad-header': {
      const header = rng.pick<readonly [string, string]>([
        ['Authorization', `Bearer ${randomText(rng, rng.int(0, 300))}`],
        ['Authorization', rng.pick(['Bearer', 'Bearer ', 'Basic YTpi', 'bearer a.b.c', `Bearer ${c.agentToken}x`])],
        [VOICE_SECRET_HEADER, randomText(rng, rng.int(0, 80))],
        ['Content-Length', rng.pick(['-1', 'abc', '1e3', '99999999999999999999'])],
        ['Transfer-Encoding', rng.pick(['chunked, identity', 'gzip', 'chunked'])],
        ['X-Fuzz', `a\u0001b`],
        ['Content-Type', randomText(rng, rng.int(1, 60))],
        [randomText(rng, 8).replace(/[^A-Za-z]/g, 'q'), randomText(rng, 40)],
      ]);
      headers.push(header);
      // A framing header that Node accepts (e.g. chunked) leaves it waiting for a body that never comes.
      cut = header[0] === 'Content-Length' || header[0] === 'Transfer-Encoding';
      break;
    }
    case 'content-type':
      headers.splice(0, headers.length, ...headers.filter(([name]) => name !== 'Content-Type'));
      headers.push(['Content-Type', rng.pick(CONTENT_TYPES)]);
      body ??= randomBytes(rng, rng.int(1, 200));
      if (method === 'GET' || method === 'HEAD') method = 'POST';
      break;
    case 'truncated-json':
      body = body ? body.subarray(0, rng.int(0, Math.max(0, body.length - 1))) : Buffer.from('{"a":');
      break;
    case 'cut-body':
      // Declares more than it sends, then goes away.
      body = body ?? Buffer.from('{"x":1');
      declaredLength = body.length + rng.int(1, 5000);
      cut = true;
      break;
    case 'oversize':
      body = Buffer.alloc(Math.max(route.maxBytes, 1024) + 1, rng.pick(['a', '{', '[', ' ']));
      if (method === 'GET' || method === 'HEAD') method = 'POST';
      break;
    case 'method':
      method = rng.pick(WRONG_METHODS);
      break;
    case 'random-body':
      body = randomBytes(rng, rng.int(0, 3000));
      if (method === 'GET' || method === 'HEAD') method = 'POST';
      break;
    case 'random-bytes':
      return { label, request: randomBytes(rng, rng.int(1, 600)), cut: true };
    case 'upgrade':
      headers.push(['Upgrade', rng.pick(['websocket', 'WebSocket', 'h2c', 'nonsense'])], ['Connection', 'Upgrade']);
      if (rng.next() < 0.5) headers.push(['Sec-WebSocket-Key', rng.pick(['dGhlIHNhbXBsZSBub25jZQ==', 'short', randomText(rng, 24)])]);
      if (rng.next() < 0.5) headers.push(['Sec-WebSocket-Version', rng.pick(['13', '8', 'x'])]);
      if (rng.next() < 0.3) headers.push(['Sec-WebSocket-Protocol', rng.pick(['sip', 'chat', ',,,'])]);
      target = rng.next() < 0.3 ? withBadEscape(target, rng, rng.next() < 0.5) : target;
      method = 'GET';
      break;
    case 'valid':
      break;
  }
  if (method === 'GET' || method === 'HEAD' || method === 'OPTIONS') {
    if (mutation !== 'cut-body' && mutation !== 'bad-header') body = undefined;
  }
  return { label, request: { method, target, headers, body, declaredLength }, cut };
}
