/**
 * Web chat through a real hub (SQLite file, HTTP + WebSockets): a customer widget and an
 * agent's desktop protocol socket talk to each other; the hub links, persists, resumes and
 * limits as a customer and an agent would notice.
 */
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { CHAT_MAX_FRAME_BYTES, ChatMessage, ChatTranscript } from '../../src-common/chat';
import type { Offer } from '../../src-common/domain';
import type { HubEvent } from '../../src-common/protocol';
import { login, TestSocket } from '../unit/hub/support/hub-client';
import { startTestHub } from './helpers/hub-fixture';
import { TempDirs } from './helpers/temp-dirs';
import { WidgetClient } from './chat-widget-client';

const temp = new TempDirs();
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  temp.cleanup();
});

const clientId = (): string => randomUUID();

async function hubWithAna(): Promise<{ url: string; ana: TestSocket }> {
  const hub = await startTestHub(temp.make('centralita-chat-hub-'));
  cleanups.push(() => hub.stop());
  const ana = await TestSocket.open(hub.url);
  cleanups.push(() => ana.close());
  await ana.hello((await login(hub.url, 'ana')).token);
  const ready = await ana.request('setState', { state: 'ready', reasonCode: null });
  expect(ready.ok).toBe(true);
  return { url: hub.url, ana };
}

async function widget(url: string): Promise<WidgetClient> {
  const w = await WidgetClient.open(url);
  cleanups.push(() => w.close());
  return w;
}

function chatEvent<K extends HubEvent['kind']>(sock: TestSocket, kind: K, match: (e: Extract<HubEvent, { kind: K }>) => boolean = () => true) {
  return sock.waitFor(
    (f): f is Extract<typeof f, { type: 'event' }> => f.type === 'event' && f.event.kind === kind && match(f.event as Extract<HubEvent, { kind: K }>),
  );
}

/** María's widget starts a chat; Ana gets the offer with her customer id and accepts it. */
async function acceptedChat(url: string, ana: TestSocket, firstText = 'Hola, tengo una duda con la factura') {
  const customer = await widget(url);
  const welcome = await customer.hello();
  customer.send({ type: 'start', form: { name: 'María García', email: ' Maria.Garcia@Example.es ', topic: 'ventas', text: firstText } });
  const started = await customer.next('conversation');
  const offerFrame = await chatEvent(ana, 'offer');
  const offer = (offerFrame.event as { offer: Offer }).offer;
  const accepted = await ana.request('acceptOffer', { offerId: offer.offerId });
  expect(accepted.ok).toBe(true);
  await customer.next('conversation', (f) => f.conversation.state === 'active');
  return { customer, welcome, offer, conversation: started.conversation, itemId: offer.item.id };
}

describe('web chat through the hub', () => {
  it('links the pre-chat email to María, carries messages, typing and read state both ways, and files the transcript', async () => {
    const { url, ana } = await hubWithAna();
    const { customer, welcome, offer, itemId } = await acceptedChat(url, ana);
    expect(welcome.topics.map((t) => t.id)).toEqual(['ventas', 'soporte']);
    expect(offer.item.customerId).toBe('cust-maria');
    expect(offer.item.channel).toBe('chat');
    expect(offer.item.preview).toContain('factura');
    const active = await customer.next('conversation', (f) => f.conversation.state === 'active');
    expect(active.conversation.agentName).toBe('Ana Martín');

    // The first message from the form is in the transcript the agent opens.
    const opened = await ana.request('getChatTranscript', { itemId });
    const transcript = ChatTranscript.parse(opened.ok && opened.value);
    expect(transcript.messages.map((m) => [m.author, m.text])).toEqual([['customer', 'Hola, tengo una duda con la factura']]);

    // Customer -> agent, with typing.
    customer.send({ type: 'typing', typing: true });
    await ana.waitFor((f): f is Extract<typeof f, { type: 'live' }> => f.type === 'live' && f.update.kind === 'chat-typing' && f.update.itemId === itemId && f.update.typing);
    customer.send({ type: 'message', clientId: clientId(), text: '¿Me la podéis reenviar?' });
    const toAgent = await chatEvent(ana, 'chat-message', (e) => e.message.text === '¿Me la podéis reenviar?');
    expect(toAgent.event).toMatchObject({ itemId, message: { author: 'customer', authorName: 'María García', seq: 2 } });

    // Agent -> customer, with typing and read receipts.
    expect((await ana.request('chatTyping', { itemId, typing: true })).ok).toBe(true);
    expect((await customer.next('typing')).typing).toBe(true);
    const sent = await ana.request('sendChatMessage', { itemId, clientId: clientId(), text: 'Claro, ahora mismo.' });
    expect(sent.ok && ChatMessage.parse(sent.value).seq).toBe(3);
    const toCustomer = await customer.next('message', (f) => f.message.author === 'agent');
    expect(toCustomer.message).toMatchObject({ text: 'Claro, ahora mismo.', authorName: 'Ana Martín' });
    expect((await ana.request('markChatRead', { itemId, upToSeq: 2 })).ok).toBe(true);
    await customer.next('conversation', (f) => f.conversation.agentReadSeq === 2);
    customer.send({ type: 'read', upToSeq: 3 });
    await chatEvent(ana, 'chat-read', (e) => e.conversation.customerReadSeq === 3);

    // The agent ends the chat: the customer sees it closed; the wrap-up files the transcript.
    expect((await ana.request('endWork', { itemId })).ok).toBe(true);
    const closed = await customer.next('conversation', (f) => f.conversation.state === 'closed');
    expect(closed.conversation.closedBy).toBe('agent');
    customer.send({ type: 'message', clientId: clientId(), text: 'una cosa más' });
    expect((await customer.next('error')).code).toBe('closed');
    expect((await ana.request('wrapUp', { itemId, disposition: 'resolved', notes: 'Factura reenviada' })).ok).toBe(true);
    await chatEvent(ana, 'customer-changed', (e) => e.customerId === 'cust-maria');
    await expect
      .poll(async () => {
        const context = await ana.request('getCustomer', { customerId: 'cust-maria' });
        const timeline = context.ok ? (context.value as { timeline: { id: string; detail: string; disposition: string | null }[] }).timeline : [];
        return timeline.find((e) => e.id === `tl-${itemId}`);
      })
      .toMatchObject({
        disposition: 'resolved',
        detail: expect.stringMatching(/María García: Hola, tengo una duda con la factura[\s\S]*Ana Martín: Claro, ahora mismo\.[\s\S]*Factura reenviada/),
      });
  });

  it('resumes a reconnecting widget from its last seq, recognises the returning browser, and never doubles a resent message', async () => {
    const { url, ana } = await hubWithAna();
    const { customer, welcome, itemId } = await acceptedChat(url, ana);
    for (const text of ['uno', 'dos']) await ana.request('sendChatMessage', { itemId, clientId: clientId(), text });
    await customer.next('message', (f) => f.message.text === 'dos');
    const seen = Math.max(...customer.messages().map((m) => m.seq));
    await customer.close();

    // Written while the customer's socket was down.
    await ana.request('sendChatMessage', { itemId, clientId: clientId(), text: 'tres' });
    const again = await widget(url);
    const back = await again.hello(welcome.visitorToken, seen);
    expect(back.conversation?.itemId).toBe(itemId);
    expect(back.profile).toEqual({ name: 'María García', email: 'maria.garcia@example.es', phone: '' });
    await again.next('message', (f) => f.message.text === 'tres');
    expect(again.messages().map((m) => m.text)).toEqual(['tres']);

    // A resend after a lost acknowledgement carries the same client id: stored once.
    const id = clientId();
    again.send({ type: 'message', clientId: id, text: 'una sola vez' });
    again.send({ type: 'message', clientId: id, text: 'una sola vez' });
    await again.next('message', (f) => f.message.clientId === id);
    const transcript = await ana.request('getChatTranscript', { itemId });
    expect(ChatTranscript.parse(transcript.ok && transcript.value).messages.filter((m) => m.text === 'una sola vez')).toHaveLength(1);

    // A forged token is a new visitor, not María.
    const stranger = await widget(url);
    const forged = await stranger.hello(`${welcome.visitorToken.slice(0, -4)}AAAA`);
    expect(forged.conversation).toBeNull();
    expect(forged.profile).toBeNull();
  });

  it('answers malformed, oversized and too-fast frames with an error and keeps the socket usable', async () => {
    const { url, ana } = await hubWithAna();
    const { customer, itemId } = await acceptedChat(url, ana);
    const errorsBefore = () => customer.frames.length;

    let mark = errorsBefore();
    customer.sendRaw('{not json');
    expect((await customer.next('error', () => true, mark)).code).toBe('bad-frame');

    mark = errorsBefore();
    customer.sendRaw(JSON.stringify({ type: 'message', clientId: 'x'.repeat(10), text: 'a'.repeat(CHAT_MAX_FRAME_BYTES + 10) }));
    expect((await customer.next('error', () => true, mark)).code).toBe('too-large');

    mark = errorsBefore();
    customer.send({ type: 'message', clientId: 'abcdefgh1', text: 'b'.repeat(4001) });
    const tooLong = await customer.next('error', () => true, mark);
    expect(tooLong).toMatchObject({ code: 'bad-frame', clientId: 'abcdefgh1' });

    // Still usable: a normal message goes through to the agent.
    customer.send({ type: 'message', clientId: clientId(), text: 'sigo aquí' });
    await chatEvent(ana, 'chat-message', (e) => e.itemId === itemId && e.message.text === 'sigo aquí');

    // Flood: the burst passes, then rate-limited errors, and the socket stays open.
    mark = errorsBefore();
    for (let i = 0; i < 20; i++) customer.send({ type: 'message', clientId: `flood-${i}-xxxx`, text: `flood ${i}` });
    const limited = await customer.next('error', (f) => f.code === 'rate-limited', mark);
    expect(limited.clientId).toMatch(/^flood-/);
    customer.send({ type: 'ping' });
    await customer.next('pong');
    expect(customer.closed).toBe(false);
    const transcript = await ana.request('getChatTranscript', { itemId });
    const stored = ChatTranscript.parse(transcript.ok && transcript.value).messages.filter((m) => m.text.startsWith('flood'));
    expect(stored.length).toBeGreaterThan(0);
    expect(stored.length).toBeLessThan(20);
  });

  it('tells the agent when the customer leaves, and keeps another agent out of the chat', async () => {
    const { url, ana } = await hubWithAna();
    const { customer, itemId } = await acceptedChat(url, ana);
    const jordi = await TestSocket.open(url);
    cleanups.push(() => jordi.close());
    await jordi.hello((await login(url, 'jordi')).token);
    const intruder = await jordi.request('sendChatMessage', { itemId, clientId: clientId(), text: 'hola' });
    expect(!intruder.ok && intruder.error.code).toBe('forbidden');
    expect(!(await jordi.request('getChatTranscript', { itemId })).ok).toBe(true);

    customer.send({ type: 'leave' });
    const closed = await chatEvent(ana, 'chat-closed', (e) => e.itemId === itemId);
    expect(closed.event).toMatchObject({ conversation: { state: 'closed', closedBy: 'customer' } });
    const late = await ana.request('sendChatMessage', { itemId, clientId: clientId(), text: '¿sigue ahí?' });
    expect(!late.ok && late.error.code).toBe('conflict');
  });

  it('abandons a chat whose customer leaves before an agent takes it, revoking the ringing offer', async () => {
    const { url, ana } = await hubWithAna();
    const customer = await widget(url);
    await customer.hello();
    customer.send({ type: 'start', form: { name: 'Impaciente', topic: 'ventas', text: 'hola' } });
    const offered = await chatEvent(ana, 'offer');
    const offerId = (offered.event as { offer: Offer }).offer.offerId;
    customer.send({ type: 'leave' });
    const revoked = await chatEvent(ana, 'offer-revoked', (e) => e.offerId === offerId);
    expect(revoked.event).toMatchObject({ reason: 'abandoned' });
    expect((await customer.next('conversation', (f) => f.conversation.state === 'closed')).conversation.closedBy).toBe('customer');
    const late = await ana.request('acceptOffer', { offerId });
    expect(late.ok).toBe(false);
  });

  it('serves the widget page with a strict CSP and refuses an unknown topic', async () => {
    const { url } = await hubWithAna();
    const page = await fetch(`${url}/chat`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await page.text()).toContain('src="/widget.js"');
    const script = await fetch(`${url}/widget.js`);
    expect(script.headers.get('content-type')).toContain('javascript');
    expect((await script.text()).length).toBeGreaterThan(1000);

    const customer = await widget(url);
    await customer.hello();
    customer.send({ type: 'start', form: { name: 'X', topic: 'soporte-voz' } });
    expect((await customer.next('error')).code).toBe('bad-form');
  });
});
