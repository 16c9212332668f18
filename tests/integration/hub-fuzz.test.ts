/**
 * A real hub (SQLite file, HTTP, WebSockets) under malformed input on every route it serves:
 * no answer may be a 5xx, the hub logs no error (a failure it blames on itself), and it still
 * answers health and signs a user in afterwards. The random source is seeded: the seed is
 * printed, and FUZZ_SEED=<seed> replays the same requests.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import pino from 'pino';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHAT_ATTACHMENTS_PATH, CHAT_MAX_FRAME_BYTES, ChatAttachmentUploaded, type ChatServerFrame } from '../../src-common/chat';
import type { Offer } from '../../src-common/domain';
import { HEALTH_PATH, type ServerFrame } from '../../src-common/protocol';
import { demoHubConfig } from '../../src-hub/demo/demo-config';
import { SeededRandom } from '../../src-hub/demo/seeded-random';
import { startHub, type RunningHub } from '../../src-hub/embedded';
import { login, TestSocket } from '../unit/hub/support/hub-client';
import { WidgetClient } from './chat-widget-client';
import { FUZZ_ATTACHMENT_MAX_BYTES, FUZZ_ROUTES, fuzzCase, genericRoute, type FuzzContext, type FuzzRoute } from './helpers/http-fuzz-cases';
import { requestBytes, sendRaw, type RawAnswer } from './helpers/raw-http';
import { TempDirs } from './helpers/temp-dirs';

const SEED = Number(process.env.FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));
const MAX_REQUESTS = 3_000;
const TIME_BUDGET_MS = 25_000;
const CONCURRENCY = 8;

const temp = new TempDirs();
const hubErrors: string[] = [];
let hub: RunningHub;
let creds: FuzzContext;
/** The table plus any route found in the source that it lacks. */
let routes: readonly FuzzRoute[] = FUZZ_ROUTES;
const sockets: Array<{ close(): unknown }> = [];

async function hubStillServes(): Promise<void> {
  const health = await fetch(`${hub.url}${HEALTH_PATH}`);
  expect(health.status).toBe(200);
  expect((await login(hub.url, 'marta')).token).toBeTruthy();
}

beforeAll(async () => {
  const demo = demoHubConfig();
  hub = await startHub({
    port: 0,
    dataDir: temp.make('centralita-fuzz-'),
    seedDemoData: true,
    simulate: false,
    config: { ...demo, chat: { ...demo.chat, attachmentMaxBytes: FUZZ_ATTACHMENT_MAX_BYTES } },
    // Only error-level lines: the hub uses them for failures it blames on itself.
    logger: pino({ level: 'error' }, { write: (line: string) => void hubErrors.push(line) }),
  });
  // An agent holding a chat with a file in it, so routes that take ids reach their real code.
  const agentToken = (await login(hub.url, 'ana')).token;
  const adminToken = (await login(hub.url, 'admin')).token;
  const ana = await TestSocket.open(hub.url);
  sockets.push(ana);
  await ana.hello(agentToken);
  await ana.request('setState', { state: 'ready', reasonCode: null });
  const customer = await WidgetClient.open(hub.url);
  sockets.push(customer);
  const welcome = await customer.hello();
  customer.send({ type: 'start', form: { name: 'Fuzz', email: 'fuzz@example.es', topic: 'ventas', text: 'hola' } });
  const offer = await ana.waitFor((f): f is Extract<ServerFrame, { type: 'event' }> => f.type === 'event' && f.event.kind === 'offer');
  const item = (offer.event as { offer: Offer }).offer;
  await ana.request('acceptOffer', { offerId: item.offerId });
  const uploaded = await fetch(`${hub.url}${CHAT_ATTACHMENTS_PATH}?clientId=fuzz-file-1&name=a.txt`, {
    method: 'POST',
    headers: { authorization: `Bearer ${welcome.visitorToken}` },
    body: 'hola\n',
  });
  const attachmentId = ChatAttachmentUploaded.parse(await uploaded.json()).message.attachment?.id ?? '';
  creds = { agentToken, adminToken, visitorToken: welcome.visitorToken, voiceSecret: demo.voice.routingSecret ?? '', itemId: item.item.id, attachmentId, hubPort: hub.port };
  const known = FUZZ_ROUTES.map((r) => r.path);
  const added = routePathsInSource().filter((route) => !known.some((p) => p.startsWith(route)));
  if (added.length > 0) console.log(`fuzzing routes found in the source as generic JSON routes: ${added.join(', ')}`);
  routes = [...FUZZ_ROUTES, ...added.map(genericRoute)];
  console.log(`fuzz seed ${SEED} (FUZZ_SEED=${SEED} replays it)`);
});

afterAll(async () => {
  for (const s of sockets) s.close();
  await hub.stop();
  temp.cleanup();
});

/** Every path constant the hub's routers are written with, read from the source. */
function routePathsInSource(): string[] {
  const root = path.resolve(__dirname, '../..');
  const files: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (name.endsWith('.ts')) files.push(full);
    }
  };
  walk(path.join(root, 'src-hub'));
  for (const name of readdirSync(path.join(root, 'src-common'))) if (name.endsWith('.ts')) files.push(path.join(root, 'src-common', name));
  const paths = new Set<string>();
  for (const file of files) {
    for (const match of readFileSync(file, 'utf8').matchAll(/const [A-Z0-9_]+_(?:PATH|PREFIX) = '(\/[^']*)'/g)) if (match[1]) paths.add(match[1]);
  }
  return [...paths].sort();
}

describe('the hub under malformed input', () => {
  it('fuzzes every route the routers declare', () => {
    const declared = routePathsInSource();
    expect(declared.length).toBeGreaterThanOrEqual(9);
    for (const route of declared) expect(routes.some((r) => r.path.startsWith(route)), `route ${route} is not fuzzed`).toBe(true);
  });

  it('answers bad escapes, odd targets, bad bodies and wrong types with 4xx, and clear messages', async () => {
    const ask = (bytes: Buffer): Promise<RawAnswer> => sendRaw(hub.port, bytes);
    const get = (target: string, headers: Array<[string, string]> = []): Promise<RawAnswer> => ask(requestBytes({ method: 'GET', target, headers }));

    // The unauthenticated 500 and the one-line crash (a target WHATWG URL cannot parse).
    const badEscape = await get(`${CHAT_ATTACHMENTS_PATH}/%E0%A4%A`);
    expect(badEscape.status).toBe(400);
    expect(JSON.parse(badEscape.body)).toEqual({ error: { code: 'bad-request', message: expect.stringMatching(/path has a malformed percent-encoding/) } });
    expect((await get('//[')).status).toBe(400);
    expect((await get('/api/voice/route?callId=%zz')).status).toBe(400);
    expect((await ask(requestBytes({ method: 'GET', target: '//x:y', headers: [['Upgrade', 'websocket'], ['Connection', 'Upgrade']] }))).status).toBe(400);

    const post = (target: string, body: string, type: string, more: Array<[string, string]> = []): Promise<RawAnswer> =>
      ask(requestBytes({ method: 'POST', target, headers: [['Content-Type', type], ...more], body: Buffer.from(body) }));
    const cut = await post('/api/login', '{"username":"ana","pass', 'application/json');
    expect(cut.status).toBe(400);
    expect(cut.body).toMatch(/not valid JSON/);
    const form = await post('/api/login', 'username=ana&password=x', 'application/x-www-form-urlencoded');
    expect(form.status).toBe(415);
    expect(form.body).toMatch(/Send the body as JSON/);
    const huge = await post('/api/login', `{"username":"${'a'.repeat(70_000)}"}`, 'application/json');
    expect(huge.status).toBe(413);
    expect(huge.body).toMatch(/too large: the limit is 64 KB/);
    const latin1 = await ask(requestBytes({ method: 'POST', target: '/api/login', headers: [], body: Buffer.from([0x7b, 0x22, 0xe9, 0x22, 0x7d]) }));
    expect(latin1.status).toBe(400);
    const voiceJson = await post('/api/voice/answered', '{"callId":"x"}', 'application/json', [['X-Centralita-Voice-Secret', creds.voiceSecret]]);
    expect(voiceJson.status).toBe(415);
    const multipart = await post(`${CHAT_ATTACHMENTS_PATH}?clientId=fuzz-form-1&name=a.txt`, '--x\r\n\r\nhola\r\n--x--', 'multipart/form-data; boundary=x', [['Authorization', `Bearer ${creds.visitorToken}`]]);
    expect(multipart.status).toBe(415);
    expect(multipart.body).toMatch(/not a form/);
    expect((await get('/api/login', [['X-Big', 'x'.repeat(20_000)]])).status).toBe(431);
    await hubStillServes();
    expect(hubErrors).toEqual([]);
  });

  it(`sends up to ${MAX_REQUESTS} seeded malformed requests to every route: no 5xx, no hub error, still serving`, async () => {
    const rng = new SeededRandom(SEED);
    const cases = Array.from({ length: MAX_REQUESTS }, () => fuzzCase(rng, creds, routes));
    const byClass = new Map<string, number>();
    const failures: string[] = [];
    const unanswered: string[] = [];
    const started = Date.now();
    let next = 0;
    let sent = 0;
    const worker = async (): Promise<void> => {
      while (next < cases.length && Date.now() - started < TIME_BUDGET_MS) {
        const index = next++;
        const fuzz = cases[index];
        if (!fuzz) return;
        const bytes = Buffer.isBuffer(fuzz.request) ? fuzz.request : requestBytes(fuzz.request);
        const answer = await sendRaw(hub.port, bytes, fuzz.cut ? { cutAfterMs: 300 } : { timeoutMs: 5_000 });
        sent++;
        const kind = answer.status === null ? (fuzz.cut ? 'cut by client' : 'no answer') : `${Math.floor(answer.status / 100)}xx`;
        byClass.set(kind, (byClass.get(kind) ?? 0) + 1);
        if (answer.status !== null && answer.status >= 500) failures.push(`#${index} ${fuzz.label}: ${answer.head.split('\r\n')[0]} ${answer.body.slice(0, 200)}`);
        if (answer.status === null && !fuzz.cut) unanswered.push(`#${index} ${fuzz.label}`);
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    const elapsed = Date.now() - started;
    console.log(`fuzz seed ${SEED}: ${sent} requests in ${elapsed} ms over ${routes.length} routes; by status: ${JSON.stringify(Object.fromEntries([...byClass].sort()))}`);

    expect(failures, `seed ${SEED}`).toEqual([]);
    expect(unanswered, `seed ${SEED}`).toEqual([]);
    expect(sent).toBeGreaterThanOrEqual(Math.min(MAX_REQUESTS, 300));
    await hubStillServes();
    expect(hubErrors, `seed ${SEED}`).toEqual([]);
  });

  it('answers malformed frames on the desktop and customer sockets with error frames and keeps both usable', async () => {
    const rng = new SeededRandom(SEED + 1);
    const garbage = (): string | Buffer => {
      switch (rng.int(0, 6)) {
        case 0:
          return Buffer.from(Array.from({ length: rng.int(1, 200) }, () => rng.int(0, 255)));
        case 1:
          return '{"type":"request","id":"x"';
        case 2:
          return JSON.stringify({ type: rng.pick(['request', 'hello', 'start', 'message', 'nope', 7]), id: rng.pick(['fuzz-1', 5, null]), op: rng.pick(['setState', 'dropTables', '']), params: rng.pick([null, [], { state: 'lunch' }, 'x']) });
        case 3:
          return String.fromCharCode(...Array.from({ length: rng.int(1, 100) }, () => rng.int(0x20, 0x2fff)));
        case 4:
          return JSON.stringify({ type: 'message', clientId: 'x'.repeat(rng.int(0, 100)), text: 'y'.repeat(rng.int(0, 5000)) });
        case 5:
          return `[${'['.repeat(rng.int(1, 5000))}`;
        default:
          return 'z'.repeat(CHAT_MAX_FRAME_BYTES + rng.int(1, 1000));
      }
    };

    // Desktop: after a valid hello, every bad frame gets exactly one error (or failed response).
    const desk = await TestSocket.open(hub.url);
    sockets.push(desk);
    await desk.hello((await login(hub.url, 'jordi')).token);
    const before = desk.frames.length;
    const deskBad = 120;
    for (let i = 0; i < deskBad; i++) {
      const frame = garbage();
      desk.ws.send(frame, { binary: Buffer.isBuffer(frame) });
    }
    const failed = (f: ServerFrame): boolean => f.type === 'error' || (f.type === 'response' && !f.result.ok);
    const deadline = Date.now() + 10_000;
    while (desk.frames.slice(before).filter(failed).length < deskBad && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(desk.frames.slice(before).filter(failed).length).toBe(deskBad);
    expect(desk.closed).toBeNull();
    expect((await desk.request('setState', { state: 'ready', reasonCode: null })).ok).toBe(true);

    // Customer: within the per-socket frame budget, every bad frame gets one error frame.
    const widget = await WidgetClient.open(hub.url);
    sockets.push(widget);
    await widget.hello();
    const widgetBefore = widget.frames.length;
    const widgetBad = 40;
    for (let i = 0; i < widgetBad; i++) {
      const frame = garbage();
      widget.ws.send(frame, { binary: Buffer.isBuffer(frame) });
    }
    const isError = (f: ChatServerFrame): boolean => f.type === 'error';
    const widgetDeadline = Date.now() + 10_000;
    while (widget.frames.slice(widgetBefore).filter(isError).length < widgetBad && Date.now() < widgetDeadline) await new Promise((r) => setTimeout(r, 20));
    expect(widget.frames.slice(widgetBefore).filter(isError).length).toBe(widgetBad);
    widget.send({ type: 'ping' });
    await widget.next('pong', () => true, widgetBefore);
    widget.send({ type: 'start', form: { name: 'Después del ruido', topic: 'ventas' } });
    await widget.next('conversation', () => true, widgetBefore);

    // Text frames that are not UTF-8 break RFC 6455: the socket is failed (1007), the hub lives on.
    const broken = new WebSocket(`${hub.url.replace(/^http/, 'ws')}/ws/chat`);
    await new Promise((resolve) => broken.once('open', resolve));
    const closed = new Promise<number>((resolve) => broken.once('close', (code) => resolve(code)));
    broken.send(Buffer.from([0xc3, 0x28, 0xff]), { binary: false });
    expect(await closed).toBe(1007);

    // The lab SIP proxy: garbage SIP over its socket.
    const sip = new WebSocket(`${hub.url.replace(/^http/, 'ws')}/ws/sip`, 'sip');
    sockets.push(sip);
    await new Promise((resolve) => sip.once('open', resolve));
    for (let i = 0; i < 40; i++) {
      const frame = rng.pick([`INVITE sip:${'x'.repeat(rng.int(0, 300))} SIP/2.0\r\n\r\n`, 'REGISTER\r\n', `SIP/2.0 200 OK\r\nVia: ${String(garbage()).slice(0, 500)}\r\n\r\n`, String(garbage()).slice(0, 4000)]);
      sip.send(frame);
    }
    await new Promise((r) => setTimeout(r, 300));
    await hubStillServes();
    expect(hubErrors, `seed ${SEED}`).toEqual([]);
  });
});
