/**
 * The hub's outbox batch (deliverOutbox) over a real socket: each entry answered on its own and
 * in order, a refused entry holds only the later entries of its own customer, and a replayed
 * batch (the answer was lost) acts once per entry.
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import Database from 'better-sqlite3';
import WebSocket from 'ws';
import { afterEach, describe, expect, it } from 'vitest';
import { DESKTOP_WS_PATH, PROTOCOL_VERSION, ServerFrame, type OutboxBatchEntry } from '../../src-common/protocol';
import { loginToken, startTestHub } from './helpers/hub-fixture';
import { TempDirs } from './helpers/temp-dirs';

const temp = new TempDirs();
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  temp.cleanup();
});

type Response = Extract<ServerFrame, { type: 'response' }>;

/** A signed-in desktop socket that sends one request and resolves with its response. */
async function desktopSocket(hubUrl: string, token: string): Promise<(op: string, params: unknown) => Promise<Response['result']>> {
  const socket = new WebSocket(`${hubUrl.replace(/^http/, 'ws')}${DESKTOP_WS_PATH}`);
  cleanups.push(() => socket.terminate());
  const waiting = new Map<string, (frame: Response) => void>();
  await new Promise<void>((resolve, reject) => {
    socket.on('open', () => socket.send(JSON.stringify({ type: 'hello', protocol: PROTOCOL_VERSION, token, resumeFrom: null })));
    socket.on('message', (data) => {
      const frame = ServerFrame.parse(JSON.parse(data.toString()));
      if (frame.type === 'welcome') resolve();
      if (frame.type === 'response') waiting.get(frame.id)?.(frame);
    });
    socket.on('error', reject);
  });
  let next = 1;
  return (op, params) =>
    new Promise((resolve) => {
      const id = String(next++);
      waiting.set(id, (frame) => resolve(frame.result));
      socket.send(JSON.stringify({ type: 'request', id, op, params }));
    });
}

const note = (customerId: string, text: string): OutboxBatchEntry => ({
  key: randomUUID(),
  op: 'addCustomerNote',
  params: { customerId, channel: 'voice', text },
  orderKey: `customer:${customerId}`,
});

describe('deliverOutbox', () => {
  it('answers each entry, holds only the refused entry\'s own customer, and acts once on a replay', async () => {
    const hubDir = temp.make('centralita-hub-');
    const hub = await startTestHub(hubDir);
    cleanups.push(() => hub.stop());
    const request = await desktopSocket(hub.url, await loginToken(hub.url, 'ana'));

    const tag = randomUUID();
    const entries = [note('cust-nadie', `a-${tag}`), note('cust-maria', `b-${tag}`), note('cust-nadie', `c-${tag}`), note('cust-0001', `d-${tag}`)];
    const first = await request('deliverOutbox', { entries });
    expect(first.ok).toBe(true);
    const results = first.ok ? (first.value as { results: Array<{ ok: boolean; error?: { code: string } }> }).results : [];
    expect(results.map((r) => (r.ok ? 'ok' : r.error?.code))).toEqual(['not-found', 'ok', 'unavailable', 'ok']);

    // The answer was lost; the desktop sends the same batch again.
    const again = await request('deliverOutbox', { entries });
    expect(again.ok && (again.value as { results: Array<{ ok: boolean }> }).results.map((r) => r.ok)).toEqual([false, true, false, true]);

    const db = new Database(path.join(hubDir, 'hub.db'), { readonly: true });
    cleanups.push(() => {
      db.close();
    });
    const count = (text: string): number => db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM timeline_entries WHERE detail = ?').get(text)?.n ?? 0;
    expect([count(`b-${tag}`), count(`d-${tag}`)]).toEqual([1, 1]);

    // An entry of an op the outbox does not keep is refused by the schema, not run.
    const wrong = await request('deliverOutbox', { entries: [{ ...note('cust-maria', 'x'), op: 'setState' }] });
    expect(wrong).toMatchObject({ ok: false, error: { code: 'bad-request' } });
  });
});
