/**
 * Chat attachments through a real hub (SQLite file, HTTP, WebSockets): a customer's widget and
 * an agent's desktop socket send files both ways; the hub checks the bytes (not the name) and
 * the size, and hands a file only to the people in the conversation, as a download.
 */
import { randomUUID } from 'node:crypto';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CHAT_ATTACHMENTS_PATH, ChatAttachmentUploaded, type ChatMessage } from '../../src-common/chat';
import type { Offer } from '../../src-common/domain';
import type { HubEvent } from '../../src-common/protocol';
import { login, TestSocket } from '../unit/hub/support/hub-client';
import { WidgetClient } from './chat-widget-client';
import { startTestHub } from './helpers/hub-fixture';
import { TempDirs } from './helpers/temp-dirs';

const temp = new TempDirs();
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  temp.cleanup();
});

// A 1×1 PNG: the real signature, then a little data.
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('0000000d49484452000000010000000108060000001f15c489', 'hex')]);
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
// A Windows executable's header, named like a picture.
const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(62, 0), Buffer.from('This program cannot be run in DOS mode.')]);

interface Setup {
  url: string;
  dataDir: string;
  ana: TestSocket;
  anaToken: string;
  customer: WidgetClient;
  visitorToken: string;
  itemId: string;
}

async function acceptedChat(): Promise<Setup> {
  const dataDir = temp.make('centralita-chat-attach-');
  const hub = await startTestHub(dataDir);
  cleanups.push(() => hub.stop());
  const ana = await TestSocket.open(hub.url);
  cleanups.push(() => ana.close());
  const anaToken = (await login(hub.url, 'ana')).token;
  await ana.hello(anaToken);
  expect((await ana.request('setState', { state: 'ready', reasonCode: null })).ok).toBe(true);
  const customer = await WidgetClient.open(hub.url);
  cleanups.push(() => customer.close());
  const welcome = await customer.hello();
  customer.send({ type: 'start', form: { name: 'María García', email: 'maria.garcia@example.es', topic: 'ventas', text: 'Os mando la factura' } });
  const offerFrame = await ana.waitFor((f): f is Extract<typeof f, { type: 'event' }> => f.type === 'event' && f.event.kind === 'offer');
  const offer = (offerFrame.event as { offer: Offer }).offer;
  expect((await ana.request('acceptOffer', { offerId: offer.offerId })).ok).toBe(true);
  await customer.next('conversation', (f) => f.conversation.state === 'active');
  return { url: hub.url, dataDir, ana, anaToken, customer, visitorToken: welcome.visitorToken, itemId: offer.item.id };
}

function upload(url: string, token: string | null, body: Buffer, query: Record<string, string>): Promise<Response> {
  const target = new URL(CHAT_ATTACHMENTS_PATH, url);
  target.searchParams.set('clientId', randomUUID());
  for (const [k, v] of Object.entries(query)) target.searchParams.set(k, v);
  return fetch(target, { method: 'POST', headers: { 'content-type': 'image/png', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: new Uint8Array(body) });
}

const download = (url: string, token: string | null, id: string): Promise<Response> =>
  fetch(new URL(`${CHAT_ATTACHMENTS_PATH}/${id}`, url), { headers: token ? { authorization: `Bearer ${token}` } : {} });

async function errorOf(response: Response): Promise<string> {
  const json = (await response.json()) as { error?: { message?: string } };
  return json.error?.message ?? '';
}

const agentMessage = (ana: TestSocket, match: (m: ChatMessage) => boolean) =>
  ana.waitFor(
    (f): f is Extract<typeof f, { type: 'event' }> =>
      f.type === 'event' && f.event.kind === 'chat-message' && match((f.event as Extract<HubEvent, { kind: 'chat-message' }>).message),
  );

describe('chat attachments through the hub', () => {
  it('takes a customer picture, tells the agent, and serves it back to the agent as a safe download', async () => {
    const { url, ana, anaToken, visitorToken, customer } = await acceptedChat();
    const sent = await upload(url, visitorToken, PNG, { name: 'foto del ticket ñ "1".png' });
    expect(sent.status).toBe(201);
    const { message } = ChatAttachmentUploaded.parse(await sent.json());
    expect(message.author).toBe('customer');
    expect(message.attachment).toMatchObject({ name: 'foto del ticket ñ "1".png', mime: 'image/png', size: PNG.length });
    const attachmentId = message.attachment?.id ?? '';

    // The agent's desktop hears about it, and so do the customer's other tabs.
    await agentMessage(ana, (m) => m.attachment?.id === attachmentId);
    await customer.next('message', (f) => f.message.attachment?.id === attachmentId);

    const got = await download(url, anaToken, attachmentId);
    expect(got.status).toBe(200);
    expect(Buffer.from(await got.arrayBuffer()).equals(PNG)).toBe(true);
    expect(got.headers.get('content-type')).toBe('image/png');
    expect(got.headers.get('x-content-type-options')).toBe('nosniff');
    expect(got.headers.get('content-security-policy')).toMatch(/^sandbox/);
    const disposition = got.headers.get('content-disposition') ?? '';
    expect(disposition).toMatch(/^attachment; /);
    expect(disposition).toContain(`filename*=UTF-8''${encodeURIComponent('foto del ticket ñ "1".png')}`);
    expect(disposition).toContain('filename="foto del ticket _ _1_.png"');
  });

  it('refuses a program named like a picture, judged by its bytes, with a clear reason, and stores nothing', async () => {
    const { url, dataDir, visitorToken } = await acceptedChat();
    const refused = await upload(url, visitorToken, EXE, { name: 'vacaciones.png' });
    expect(refused.status).toBe(415);
    expect(await errorOf(refused)).toMatch(/cannot be sent.*image.*PDF.*text/i);
    expect(readdirSync(path.join(dataDir, 'chat-attachments'))).toEqual([]);
    // The same visitor may still send a real file afterwards.
    expect((await upload(url, visitorToken, PDF, { name: 'factura.pdf' })).status).toBe(201);
  });

  it('refuses a file over the 5 MB default with the limit in the message', async () => {
    const { url, visitorToken } = await acceptedChat();
    const big = Buffer.alloc(5 * 1024 * 1024 + 1, 'a');
    const refused = await upload(url, visitorToken, big, { name: 'notas.txt' });
    expect(refused.status).toBe(413);
    expect(await errorOf(refused)).toMatch(/too large.*5 MB/);
    const fits = await upload(url, visitorToken, big.subarray(0, 5 * 1024 * 1024), { name: 'notas.txt' });
    expect(fits.status).toBe(201);
  });

  it('serves a file to nobody outside the conversation: another visitor, another agent, no token', async () => {
    const { url, visitorToken, anaToken } = await acceptedChat();
    const sent = ChatAttachmentUploaded.parse(await (await upload(url, visitorToken, PNG, { name: 'dni.png' })).json());
    const id = sent.message.attachment?.id ?? '';

    const stranger = await WidgetClient.open(url);
    cleanups.push(() => stranger.close());
    const strangerToken = (await stranger.hello()).visitorToken;
    expect((await download(url, strangerToken, id)).status).toBe(404);
    expect((await download(url, (await login(url, 'jordi')).token, id)).status).toBe(404);
    expect((await download(url, null, id)).status).toBe(401);
    expect((await download(url, 'not-a-token', id)).status).toBe(401);
    // A visitor without an open chat cannot upload either.
    expect((await upload(url, strangerToken, PNG, { name: 'x.png' })).status).toBe(409);
    // The owner and the agent still can.
    expect((await download(url, visitorToken, id)).status).toBe(200);
    expect((await download(url, anaToken, id)).status).toBe(200);
  });

  it('takes a PDF from the agent holding the chat and delivers it to the customer, once per client id', async () => {
    const { url, anaToken, itemId, customer, visitorToken } = await acceptedChat();
    const target = new URL(CHAT_ATTACHMENTS_PATH, url);
    const clientId = randomUUID();
    target.searchParams.set('clientId', clientId);
    target.searchParams.set('itemId', itemId);
    target.searchParams.set('name', 'presupuesto.pdf');
    const send = () => fetch(target, { method: 'POST', headers: { authorization: `Bearer ${anaToken}` }, body: new Uint8Array(PDF) });
    const first = ChatAttachmentUploaded.parse(await (await send()).json()).message;
    const again = ChatAttachmentUploaded.parse(await (await send()).json()).message;
    expect(again.seq).toBe(first.seq);
    expect(first.attachment).toMatchObject({ name: 'presupuesto.pdf', mime: 'application/pdf' });
    const delivered = await customer.next('message', (f) => f.message.attachment?.id === first.attachment?.id);
    expect(delivered.message.author).toBe('agent');
    const got = await download(url, visitorToken, first.attachment?.id ?? '');
    expect(Buffer.from(await got.arrayBuffer()).equals(PDF)).toBe(true);
    expect(customer.messages().filter((m) => m.attachment).length).toBe(1);

    // Jordi does not hold the chat: he cannot send into it.
    const jordi = new URL(target);
    jordi.searchParams.set('clientId', randomUUID());
    const refused = await fetch(jordi, { method: 'POST', headers: { authorization: `Bearer ${(await login(url, 'jordi')).token}` }, body: new Uint8Array(PDF) });
    expect(refused.status).toBe(403);
  });
});
