/**
 * Chat files through the real desktop services and a real hub: the renderer's bytes (base64
 * over IPC) reach the customer as a file, the customer's file comes back to the agent through
 * 'chat.downloadFile', the hub's refusal reaches the agent with its reason, and bytes over the
 * IPC cap are refused by the contract before any upload.
 */
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { CHAT_ATTACHMENTS_PATH, ChatAttachmentUploaded } from '../../src-common/chat';
import { IPC_ATTACHMENT_MAX_BYTES } from '../../src-common/ipc';
import { DesktopClient } from './helpers/desktop-client';
import { PASSWORD, startTestHub } from './helpers/hub-fixture';
import { TempDirs } from './helpers/temp-dirs';
import { WidgetClient } from './chat-widget-client';

const temp = new TempDirs();
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  temp.cleanup();
});

const PDF = Buffer.from('%PDF-1.4\n%%EOF\n');
const GIF = Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00;', 'latin1');

describe('chat files on the agent desktop', () => {
  it('uploads and downloads through main services with the agent session', async () => {
    const hub = await startTestHub(temp.make('centralita-chat-attach-hub-'));
    cleanups.push(() => hub.stop());
    const ana = await DesktopClient.start(temp.make('centralita-ana-'), { defaultHubUrl: hub.url });
    cleanups.push(() => ana.services.close());
    await ana.must('session.login', { username: 'ana', password: PASSWORD });
    await ana.must('agent.setState', { state: 'ready', reasonCode: null });

    const customer = await WidgetClient.open(hub.url);
    cleanups.push(() => customer.close());
    const { visitorToken } = await customer.hello();
    customer.send({ type: 'start', form: { name: 'María García', topic: 'soporte', text: 'Hola' } });
    const offer = await ana.waitFor('chat offer', (c) => c.view?.offers.find((o) => o.item.channel === 'chat'));
    await ana.must('offer.accept', { offerId: offer.offerId });
    const itemId = offer.item.id;
    await customer.next('conversation', (f) => f.conversation.state === 'active');

    // Agent -> customer.
    const sent = await ana.must('chat.sendFile', { itemId, clientId: randomUUID(), name: 'garantía.pdf', dataBase64: PDF.toString('base64') });
    expect(sent.attachment).toMatchObject({ name: 'garantía.pdf', mime: 'application/pdf', size: PDF.length });
    const delivered = await customer.next('message', (f) => f.message.attachment?.id === sent.attachment?.id);
    expect(delivered.message.authorName).toBe('Ana Martín');

    // Customer -> agent, fetched back through main.
    const url = new URL(CHAT_ATTACHMENTS_PATH, hub.url);
    url.searchParams.set('clientId', randomUUID());
    url.searchParams.set('name', 'captura.gif');
    const uploaded = ChatAttachmentUploaded.parse(
      await (await fetch(url, { method: 'POST', headers: { authorization: `Bearer ${visitorToken}` }, body: new Uint8Array(GIF) })).json(),
    );
    const file = await ana.must('chat.downloadFile', { attachmentId: uploaded.message.attachment?.id ?? '' });
    expect(file).toEqual({ name: 'captura.gif', mime: 'image/gif', dataBase64: GIF.toString('base64') });

    // The hub's refusal comes back with its reason; nothing reaches the customer.
    const refused = await ana.invoke('chat.sendFile', { itemId, clientId: randomUUID(), name: 'setup.pdf', dataBase64: Buffer.from('MZ\x90\x00\x03', 'latin1').toString('base64') });
    expect(refused).toMatchObject({ ok: false, error: { code: 'bad-request', message: expect.stringMatching(/cannot be sent/) } });
    // Over the IPC cap: refused by the contract, before any upload.
    const tooBig = await ana.invoke('chat.sendFile', { itemId, clientId: randomUUID(), name: 'big.txt', dataBase64: Buffer.alloc(IPC_ATTACHMENT_MAX_BYTES + 3, 'a').toString('base64') });
    expect(tooBig).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    const transcript = await ana.must('chat.transcript', { itemId });
    expect(transcript.messages.filter((m) => m.attachment).map((m) => m.attachment?.name)).toEqual(['garantía.pdf', 'captura.gif']);
    // A file that does not exist (or is not Ana's) is a clear error, not a crash.
    expect(await ana.invoke('chat.downloadFile', { attachmentId: 'att-00000000-0000-0000-0000-000000000000' })).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });
});
