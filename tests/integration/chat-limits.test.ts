/**
 * Chat limits through a real hub (SQLite file, HTTP, WebSockets), every visitor on 127.0.0.1
 * like a whole office behind one NAT: limits follow the visitor and the conversation, the
 * address only has a high ceiling, and a refusal says how long to wait.
 */
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { CHAT_ATTACHMENTS_PATH, ChatAttachmentUploaded } from '../../src-common/chat';
import { ChatConfig } from '../../src-common/chat-config';
import { WidgetClient } from './chat-widget-client';
import { startTestHub, type RunningHub } from './helpers/hub-fixture';
import { TempDirs } from './helpers/temp-dirs';

const temp = new TempDirs();
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  temp.cleanup();
});

const DEFAULTS = ChatConfig.parse({});

async function hub(): Promise<RunningHub> {
  const running = await startTestHub(temp.make('centralita-chat-limits-'));
  cleanups.push(() => running.stop());
  return running;
}

interface Visitor {
  widget: WidgetClient;
  token: string;
}

async function visitor(url: string): Promise<Visitor> {
  const widget = await WidgetClient.open(url);
  cleanups.push(() => widget.close());
  return { widget, token: (await widget.hello()).visitorToken };
}

/** Sends a start and resolves with the hub's answer: the conversation, or the error frame. */
type StartAnswer = { ok: true } | { ok: false; code: string; message: string; retryAfter: number | undefined };

async function start(v: Visitor, name: string): Promise<StartAnswer> {
  const from = v.widget.frames.length;
  v.widget.send({ type: 'start', form: { name, topic: 'ventas', text: 'Hola' } });
  const answer = await Promise.race([
    v.widget.next('conversation', () => true, from).then(() => ({ ok: true as const })),
    v.widget.next('error', () => true, from).then((f) => ({ ok: false as const, code: f.code, message: f.message, retryAfter: f.retryAfter })),
  ]);
  return answer;
}

function upload(url: string, token: string, text = 'Adjunto el justificante.\n'): Promise<Response> {
  return fetch(`${url}${CHAT_ATTACHMENTS_PATH}?clientId=${randomUUID()}&name=nota.txt`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: text });
}

describe('chat limits behind one address', () => {
  it('lets 50 visitors from one address each start a chat and send a file', async () => {
    const { url } = await hub();
    const visitors = await Promise.all(Array.from({ length: 50 }, () => visitor(url)));
    const started = await Promise.all(visitors.map((v, i) => start(v, `Cliente ${i + 1}`)));
    expect(started.filter((s) => !s.ok)).toEqual([]);
    const uploads = await Promise.all(visitors.map((v) => upload(url, v.token)));
    expect(uploads.map((r) => r.status)).toEqual(Array.from({ length: 50 }, () => 201));
    for (const r of uploads) expect(ChatAttachmentUploaded.parse(await r.json()).message.attachment?.mime).toBe('text/plain');
  });

  it('answers one hurried visitor with 429 and Retry-After while the visitor next to them goes on', async () => {
    const { url } = await hub();
    const hurried = await visitor(url);
    const calm = await visitor(url);
    expect((await start(hurried, 'Prisas')).ok).toBe(true);
    expect((await start(calm, 'Calma')).ok).toBe(true);

    const statuses: number[] = [];
    let refused: Response | null = null;
    while (!refused && statuses.length < DEFAULTS.uploadsPerVisitorBurst + 5) {
      const r = await upload(url, hurried.token);
      statuses.push(r.status);
      if (r.status === 429) refused = r;
    }
    expect(statuses.slice(0, DEFAULTS.uploadsPerVisitorBurst).every((s) => s === 201)).toBe(true);
    expect(refused?.status).toBe(429);
    const retryAfter = Number(refused?.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(Math.ceil(60 / DEFAULTS.uploadsPerVisitorPerMinute));
    // The widget runs on other sites: it may only read the header if CORS exposes it.
    expect(refused?.headers.get('access-control-expose-headers')).toMatch(/retry-after/);
    expect(await refused?.json()).toEqual({ error: { code: 'rate-limited', message: `Too many files in a short time. Wait ${retryAfter} s and send it again.` } });
    expect((await upload(url, calm.token)).status).toBe(201);

    // Leaving and starting again over and over: the socket answers with the wait, typed.
    let startRefusal: StartAnswer | null = null;
    for (let i = 0; i < DEFAULTS.startsPerVisitorBurst && !startRefusal; i++) {
      const from = hurried.widget.frames.length;
      hurried.widget.send({ type: 'leave' });
      await hurried.widget.next('conversation', (f) => f.conversation.state === 'closed', from);
      const answer = await start(hurried, 'Prisas');
      if (!answer.ok) startRefusal = answer;
    }
    expect(startRefusal).toMatchObject({ ok: false, code: 'rate-limited', message: expect.stringMatching(/^Too many chats started in a row; try again in \d+ s\.$/) });
    expect(startRefusal && !startRefusal.ok ? startRefusal.retryAfter : 0).toBeGreaterThanOrEqual(1);
    // The visitor next to them is not held up by it.
    const from = calm.widget.frames.length;
    calm.widget.send({ type: 'leave' });
    await calm.widget.next('conversation', (f) => f.conversation.state === 'closed', from);
    expect((await start(calm, 'Calma')).ok).toBe(true);
    expect(hurried.widget.closed).toBe(false);
  });

  it('still stops a flood of fresh visitors from one address at the ceiling', async () => {
    const { url } = await hub();
    const started = Date.now();
    let accepted = 0;
    let refusal: { code: string; message: string; retryAfter: number | undefined } | null = null;
    // Each flood visitor is new (a fresh token per socket), so only the address ceiling applies.
    while (!refusal && accepted <= DEFAULTS.startsPerAddressBurst + 50) {
      const batch = await Promise.all(Array.from({ length: 10 }, () => visitor(url)));
      const answers = await Promise.all(batch.map((v) => start(v, 'Flood')));
      for (const a of answers) {
        if (a.ok) accepted++;
        else refusal ??= a;
      }
      await Promise.all(batch.map((v) => v.widget.close()));
    }
    // The ceiling refills while the flood runs (30/min): that much more may pass, no more.
    const refilled = Math.ceil(((Date.now() - started) / 60_000) * DEFAULTS.startsPerAddressPerMinute);
    expect(accepted).toBeGreaterThanOrEqual(DEFAULTS.startsPerAddressBurst);
    expect(accepted).toBeLessThanOrEqual(DEFAULTS.startsPerAddressBurst + refilled);
    expect(refusal?.code).toBe('rate-limited');
    expect(refusal?.message).toMatch(/^Too many chats started from this network; try again in \d+ s\.$/);
    expect(refusal?.retryAfter).toBeGreaterThanOrEqual(1);
  });
});
