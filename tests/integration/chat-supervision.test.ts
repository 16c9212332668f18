/**
 * A supervisor in a live web chat, through a real hub and the customer's real widget socket:
 * Sara monitors Ana's chat (transcript now, then the customer's messages live), whispers to
 * Ana (Ana reads it; the customer never does: not live, not after the widget reconnects and
 * resumes, not in the emailed transcript), barges in (the customer reads Sara's message under
 * her name), and takes the chat over (it is offered to her with its history). An agent may do
 * none of this, and each step is in the audit log.
 */
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { CHAT_PROTOCOL_VERSION, ChatTranscript, type PreChatForm } from '../../src-common/chat';
import type { Offer } from '../../src-common/domain';
import type { HubEvent } from '../../src-common/protocol';
import { AuditEntry, MonitoredChat } from '../../src-common/supervisor';
import { login, TestSocket } from '../unit/hub/support/hub-client';
import { WidgetClient } from './chat-widget-client';
import { startTestHub } from './helpers/hub-fixture';
import { startHub } from '../../src-hub/embedded';
import { demoHubConfig } from '../../src-hub/demo/demo-config';
import { labTranscripts } from '../support/lab-transcripts';
import { TempDirs } from './helpers/temp-dirs';

const temp = new TempDirs();
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  temp.cleanup();
});

async function desk(url: string, username: string): Promise<TestSocket> {
  const socket = await TestSocket.open(url);
  cleanups.push(() => socket.close());
  await socket.hello((await login(url, username)).token);
  return socket;
}

function hubEvent<K extends HubEvent['kind']>(sock: TestSocket, kind: K, match: (e: Extract<HubEvent, { kind: K }>) => boolean = () => true) {
  return sock.waitFor(
    (f): f is Extract<typeof f, { type: 'event' }> => f.type === 'event' && f.event.kind === kind && match(f.event as Extract<HubEvent, { kind: K }>),
  );
}

const FORM: PreChatForm = { name: 'María García', email: 'maria.garcia@example.es', topic: 'ventas', text: 'Hola, una duda con la factura', transcriptByEmail: true };
const WHISPER = 'Ofrécele el descuento de fidelidad';

/** Ana (Ready) and Sara at their desks, and María's widget starting a chat that Ana accepts. */
async function chatAcceptedByAna(url: string) {
  const ana = await desk(url, 'ana');
  const sara = await desk(url, 'sara');
  expect((await ana.request('setState', { state: 'ready', reasonCode: null })).ok).toBe(true);
  const customer = await WidgetClient.open(url);
  cleanups.push(() => customer.close());
  customer.send({ type: 'hello', protocol: CHAT_PROTOCOL_VERSION, visitorToken: null, lastSeq: null, language: 'es' });
  const welcome = await customer.next('welcome');
  customer.send({ type: 'start', form: FORM });
  await customer.next('conversation');
  const offer = ((await hubEvent(ana, 'offer')).event as { offer: Offer }).offer;
  expect((await ana.request('acceptOffer', { offerId: offer.offerId })).ok).toBe(true);
  await customer.next('conversation', (f) => f.conversation.state === 'active');
  return { ana, sara, customer, welcome, itemId: offer.item.id };
}

describe('chat supervision', () => {
  it('monitors, whispers only to the agent, barges in, takes over, and audits each step', async () => {
    const dataDir = temp.make('centralita-chat-supervision-');
    const hub = await startTestHub(dataDir);
    cleanups.push(() => hub.stop());
    const { ana, sara, customer, welcome, itemId } = await chatAcceptedByAna(hub.url);

    // An agent may not monitor a colleague's chat; the try is audited.
    expect(await ana.request('monitorChat', { itemId })).toMatchObject({ ok: false, error: { code: 'forbidden' } });

    const monitored = await sara.request('monitorChat', { itemId });
    if (!monitored.ok) throw new Error(monitored.error.message);
    const watching = MonitoredChat.parse(monitored.value);
    expect(watching).toMatchObject({ agentId: 'ana', agentName: 'Ana Martín' });
    expect(watching.transcript.messages.map((m) => m.text)).toEqual(['Hola, una duda con la factura']);
    // The demo centre tells its agents when they are monitored.
    const told = await hubEvent(ana, 'chat-monitoring', (e) => e.itemId === itemId);
    expect(told.event).toMatchObject({ supervisorName: 'Sara Vidal', monitoring: true });

    // Live: the customer writes; Sara sees it as Ana does.
    customer.send({ type: 'message', clientId: randomUUID(), text: '¿Me podéis ayudar?' });
    await hubEvent(sara, 'chat-message', (e) => e.itemId === itemId && e.message.text === '¿Me podéis ayudar?');

    // Whisper: Ana reads it; the customer's socket does not get it.
    const whispered = await sara.request('whisperToAgent', { itemId, clientId: randomUUID(), text: WHISPER });
    expect(whispered.ok).toBe(true);
    const toAna = await hubEvent(ana, 'chat-whisper', (e) => e.itemId === itemId);
    expect((toAna.event as { whisper: { text: string; authorName: string } }).whisper).toMatchObject({ text: WHISPER, authorName: 'Sara Vidal' });
    const anaRead = await ana.request('getChatTranscript', { itemId });
    const anaTranscript = ChatTranscript.parse(anaRead.ok ? anaRead.value : null);
    expect(anaTranscript.whispers?.map((w) => w.text)).toEqual([WHISPER]);

    // Barge: the customer reads Sara's words under her name.
    expect((await sara.request('bargeIntoChat', { itemId, clientId: randomUUID(), text: 'Hola María, soy Sara, la supervisora.' })).ok).toBe(true);
    const barged = await customer.next('message', (f) => f.message.text.startsWith('Hola María, soy Sara'));
    expect(barged.message.authorName).toBe('Sara Vidal');
    await hubEvent(ana, 'chat-message', (e) => e.message.authorName === 'Sara Vidal');

    // The widget reconnects and resumes from the start: still no whisper anywhere.
    const again = await WidgetClient.open(hub.url);
    cleanups.push(() => again.close());
    again.send({ type: 'hello', protocol: CHAT_PROTOCOL_VERSION, visitorToken: welcome.visitorToken, lastSeq: 0, language: 'es' });
    await again.next('message', (f) => f.message.text.startsWith('Hola María, soy Sara'));
    for (const socket of [customer, again]) expect(JSON.stringify(socket.frames)).not.toContain(WHISPER);

    // Take over: Sara goes Ready and the chat is offered to her with its history.
    expect((await sara.request('setState', { state: 'ready', reasonCode: null })).ok).toBe(true);
    const taken = await sara.request('takeOverChat', { itemId, note: 'Lo llevo yo' });
    expect(taken).toMatchObject({ ok: true, value: { state: 'offered', agentId: 'sara' } });
    const toSara = ((await hubEvent(sara, 'offer', (e) => e.offer.item.id === itemId)).event as { offer: Offer }).offer;
    expect((await sara.request('acceptOffer', { offerId: toSara.offerId })).ok).toBe(true);
    const saraRead = await sara.request('getChatTranscript', { itemId });
    const history = ChatTranscript.parse(saraRead.ok ? saraRead.value : null);
    expect(history.messages.map((m) => m.text)).toContain('¿Me podéis ayudar?');

    // The chat ends; the emailed transcript carries the barge but not the whisper.
    expect((await sara.request('endWork', { itemId })).ok).toBe(true);
    await customer.next('conversation', (f) => f.conversation.state === 'closed');
    await expect.poll(async () => (await labTranscripts(hub.url)).length).toBe(1);
    const mail = (await labTranscripts(hub.url))[0]?.text ?? '';
    expect(mail).toContain('Hola María, soy Sara');
    expect(mail).not.toContain(WHISPER);

    const log = await sara.request('getAuditLog', { limit: 20 });
    const entries = AuditEntry.array().parse(log.ok ? log.value : []);
    expect(entries.map((e) => `${e.actorId}:${e.action}:${e.outcome}`).reverse()).toEqual([
      'ana:monitorChat:refused',
      'sara:monitorChat:done',
      'sara:whisperToAgent:done',
      'sara:bargeIntoChat:done',
      'sara:takeOverChat:done',
    ]);
  });

  it('keeps monitoring silent to the agent when the centre says so', async () => {
    const hub = await startHub({ port: 0, dataDir: temp.make('centralita-chat-silent-'), config: { ...demoHubConfig(), tellAgentsWhenMonitored: false }, seedDemoData: true, simulate: false, logLevel: 'silent' });
    cleanups.push(() => hub.stop());
    const { ana, sara, itemId } = await chatAcceptedByAna(hub.url);
    expect((await sara.request('monitorChat', { itemId })).ok).toBe(true);
    // A whisper after it proves the agent's stream moved on without a monitoring notice.
    expect((await sara.request('whisperToAgent', { itemId, clientId: randomUUID(), text: 'Todo bien' })).ok).toBe(true);
    await hubEvent(ana, 'chat-whisper');
    expect(ana.frames.some((f) => f.type === 'event' && f.event.kind === 'chat-monitoring')).toBe(false);
  });
});
