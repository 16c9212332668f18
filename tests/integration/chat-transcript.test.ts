/**
 * Web chat polish on a real hub: the widget's language reaches the hub's own words to the
 * customer, and "email me the transcript" reaches the customer's mailbox exactly once as plain
 * text, over SMTP through the email channel (here the lab mail server of the embedded default).
 */
import { randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CHAT_PROTOCOL_VERSION, type PreChatForm } from '../../src-common/chat';
import type { Offer } from '../../src-common/domain';
import type { HubConfig } from '../../src-common/hub-config';
import type { HubEvent } from '../../src-common/protocol';
import { demoHubConfig } from '../../src-hub/demo/demo-config';
import { startHub } from '../../src-hub/embedded';
import { login, TestSocket } from '../unit/hub/support/hub-client';
import { WidgetClient } from './chat-widget-client';
import { startTestHub } from './helpers/hub-fixture';
import { labTranscripts } from '../support/lab-transcripts';
import { TempDirs } from './helpers/temp-dirs';

const temp = new TempDirs();
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  temp.cleanup();
});

/** The embedded default (lab mail on), or `config` instead of it. */
async function hubWithAna(config?: HubConfig): Promise<{ url: string; dataDir: string; ana: TestSocket }> {
  const dataDir = temp.make('centralita-chat-transcript-');
  const hub = config ? await startHub({ port: 0, dataDir, config, seedDemoData: true, simulate: false, logLevel: 'silent' }) : await startTestHub(dataDir);
  cleanups.push(() => hub.stop());
  const ana = await TestSocket.open(hub.url);
  cleanups.push(() => ana.close());
  await ana.hello((await login(hub.url, 'ana')).token);
  expect((await ana.request('setState', { state: 'ready', reasonCode: null })).ok).toBe(true);
  return { url: hub.url, dataDir, ana };
}

function hubEvent<K extends HubEvent['kind']>(sock: TestSocket, kind: K, match: (e: Extract<HubEvent, { kind: K }>) => boolean = () => true) {
  return sock.waitFor(
    (f): f is Extract<typeof f, { type: 'event' }> => f.type === 'event' && f.event.kind === kind && match(f.event as Extract<HubEvent, { kind: K }>),
  );
}

/** A widget that says hello in `language`, fills the form, and Ana accepts the chat. */
async function acceptedChat(url: string, ana: TestSocket, language: string | undefined, form: PreChatForm) {
  const customer = await WidgetClient.open(url);
  cleanups.push(() => customer.close());
  customer.send({ type: 'hello', protocol: CHAT_PROTOCOL_VERSION, visitorToken: null, lastSeq: null, ...(language ? { language } : {}) });
  await customer.next('welcome');
  customer.send({ type: 'start', form });
  const started = await customer.next('conversation');
  const offer = ((await hubEvent(ana, 'offer')).event as { offer: Offer }).offer;
  expect((await ana.request('acceptOffer', { offerId: offer.offerId })).ok).toBe(true);
  await customer.next('conversation', (f) => f.conversation.state === 'active');
  return { customer, conversation: started.conversation, itemId: offer.item.id };
}

describe('chat language and transcript by email', () => {
  it('speaks Catalan to a Catalan widget when the chat is transferred', async () => {
    const { url, ana } = await hubWithAna();
    const { customer, conversation, itemId } = await acceptedChat(url, ana, 'ca-ES', { name: 'Jordi Vidal', topic: 'ventas', text: 'Bon dia' });
    expect(conversation.language).toBe('ca');

    const moved = await ana.request('transferWork', { itemId, target: { kind: 'queue', queueId: 'soporte' }, note: 'Dubte tècnic' });
    expect(moved.ok).toBe(true);
    const notice = await customer.next('message', (f) => f.message.author === 'system');
    expect(notice.message.text).toBe('Us estem transferint a un altre agent. Un moment, si us plau.');
    expect(notice.message.text).not.toMatch(/transfiriendo/);
    await customer.next('conversation', (f) => f.conversation.state === 'waiting' && f.conversation.language === 'ca');
  });

  it('follows the language the widget switches to, and a widget with no language gets Spanish', async () => {
    const { url, ana } = await hubWithAna();
    const { customer, itemId } = await acceptedChat(url, ana, undefined, { name: 'Pau', topic: 'ventas', text: 'Hola' });
    // The customer picks English in the widget's switch: the widget reconnects and says hello in English.
    const welcome = customer.frames.find((f) => f.type === 'welcome');
    const token = welcome?.type === 'welcome' ? welcome.visitorToken : null;
    const switched = await WidgetClient.open(url);
    cleanups.push(() => switched.close());
    switched.send({ type: 'hello', protocol: CHAT_PROTOCOL_VERSION, visitorToken: token, lastSeq: 1, language: 'en' });
    expect((await switched.next('welcome')).conversation?.language).toBe('en');
    expect((await ana.request('transferWork', { itemId, target: { kind: 'queue', queueId: 'soporte' }, note: '' })).ok).toBe(true);
    expect((await switched.next('message', (f) => f.message.author === 'system')).message.text).toBe('We are transferring you to another agent. One moment, please.');

    const other = await waitingChat(url, { name: 'Sin idioma', topic: 'soporte' });
    expect(other.language).toBe('es');
  });

  it('emails the transcript once, as plain text with the messages in order, when the chat asked for it closes', async () => {
    const { url, ana } = await hubWithAna();
    const { customer, itemId } = await acceptedChat(url, ana, 'es', {
      name: 'María García',
      email: ' Maria.Garcia@Example.es ',
      topic: 'ventas',
      text: 'Hola, una duda con la factura',
      transcriptByEmail: true,
    });
    const hostile = '<script>alert("x")</script> <img src=x onerror=alert(1)> <a href="javascript:alert(2)">pulsa</a>';
    customer.send({ type: 'message', clientId: randomUUID(), text: hostile });
    await hubEvent(ana, 'chat-message', (e) => e.message.text === hostile);
    customer.send({ type: 'message', clientId: randomUUID(), text: 'Línea uno\nLínea dos' });
    await hubEvent(ana, 'chat-message', (e) => e.message.text.startsWith('Línea uno'));
    expect((await ana.request('sendChatMessage', { itemId, clientId: randomUUID(), text: 'Se la reenvío ahora.' })).ok).toBe(true);
    await customer.next('message', (f) => f.message.author === 'agent');
    expect(await labTranscripts(url)).toEqual([]);

    expect((await ana.request('endWork', { itemId })).ok).toBe(true);
    await customer.next('conversation', (f) => f.conversation.state === 'closed');
    await expect.poll(async () => (await labTranscripts(url)).length).toBe(1);
    // Wrapping up, and asking again from the closed-chat screen, send nothing more.
    expect((await ana.request('wrapUp', { itemId, disposition: 'resolved', notes: 'nota interna' })).ok).toBe(true);
    await hubEvent(ana, 'customer-changed');
    customer.send({ type: 'email-transcript' });
    await customer.next('conversation', (f) => f.conversation.transcriptRequested === true);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const [mail, ...more] = await labTranscripts(url);
    expect(more).toEqual([]);
    expect(mail?.to).toEqual(['maria.garcia@example.es']);
    expect(mail?.from).toContain('soporte@correo.lab');
    expect(mail?.subject).toBe('Transcripción de su chat');
    // Marked machine-made, so the customer's auto-responder does not answer it.
    expect(mail?.automated).not.toBeNull();
    const body = mail?.text.replace(/\r\n/g, '\n') ?? '';
    expect(body).not.toMatch(/<html|<body|<br|&lt;|&gt;|&amp;/i);
    expect(body).not.toContain('nota interna');
    // The customer's markup arrives exactly as typed: text, never converted or escaped.
    expect(body).toContain(`María García: ${hostile}`);
    const order = ['Hola, una duda con la factura', hostile, 'Línea uno\n    Línea dos', 'Ana Martín: Se la reenvío ahora.'].map((text) => body.indexOf(text));
    expect(order.every((at) => at >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(body).toMatch(/\[\d{2}:\d{2}\] María García: Hola/);
  });

  it('emails a closed chat on request from the closed-chat screen, in its language, and refuses a visitor without an email', async () => {
    const { url, ana } = await hubWithAna();
    const { customer } = await acceptedChat(url, ana, 'ca', { name: 'Marta', email: 'marta.soler@example.cat', topic: 'ventas', text: 'Hola' });
    customer.send({ type: 'leave' });
    await customer.next('conversation', (f) => f.conversation.state === 'closed');
    expect(await labTranscripts(url)).toEqual([]);
    customer.send({ type: 'email-transcript' });
    await customer.next('conversation', (f) => f.conversation.transcriptRequested === true);
    await expect.poll(async () => (await labTranscripts(url)).length).toBe(1);
    const [mail] = await labTranscripts(url);
    expect(mail?.to).toEqual(['marta.soler@example.cat']);
    expect(mail?.subject).toBe('Transcripció del vostre xat');
    expect(mail?.text).toContain('Aquesta és la transcripció del xat');

    const anonymous = await WidgetClient.open(url);
    cleanups.push(() => anonymous.close());
    await anonymous.hello();
    anonymous.send({ type: 'start', form: { name: 'Sense correu', topic: 'soporte', text: 'Hola' } });
    await anonymous.next('conversation');
    anonymous.send({ type: 'email-transcript' });
    expect((await anonymous.next('error')).code).toBe('no-email');

    const careless = await WidgetClient.open(url);
    cleanups.push(() => careless.close());
    await careless.hello();
    careless.send({ type: 'start', form: { name: 'Sense correu', topic: 'soporte', transcriptByEmail: true } });
    expect((await careless.next('error')).code).toBe('bad-form');
  });

  it('without any mail channel, leaves the transcript as one .eml file in the outbox folder', async () => {
    const { labMail: _lab, ...withoutMail } = demoHubConfig();
    const { url, dataDir, ana } = await hubWithAna(withoutMail);
    const { customer } = await acceptedChat(url, ana, 'es', { name: 'Pau', email: 'pau@example.cat', topic: 'ventas', text: 'Hola', transcriptByEmail: true });
    customer.send({ type: 'leave' });
    await customer.next('conversation', (f) => f.conversation.state === 'closed');
    const outbox = join(dataDir, 'outbox-mail');
    const files = (): string[] => (existsSync(outbox) ? readdirSync(outbox).filter((name) => name.endsWith('.eml')) : []);
    await expect.poll(() => files().length).toBe(1);
    const mail = readFileSync(join(outbox, files()[0] ?? ''), 'utf8');
    expect(mail).toMatch(/^To: pau@example\.cat\r$/m);
    expect(mail).toMatch(/^Auto-Submitted: auto-generated\r$/m);
  });
});

/** A new widget whose hello names no language starts a chat: the conversation as the hub stored it. */
async function waitingChat(url: string, form: PreChatForm) {
  const customer = await WidgetClient.open(url);
  cleanups.push(() => customer.close());
  await customer.hello();
  customer.send({ type: 'start', form });
  return (await customer.next('conversation')).conversation;
}
