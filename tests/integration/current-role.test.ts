/**
 * Authorization reads the user's role from the hub's store at every request, never from the
 * token: a supervisor demoted to agent loses a chat file that is not theirs on the next
 * download, and a desktop socket's next op follows the new role, with the same token.
 */
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { CHAT_ATTACHMENTS_PATH, ChatAttachmentUploaded } from '../../src-common/chat';
import type { Offer } from '../../src-common/domain';
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

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('0000000d49484452000000010000000108060000001f15c489', 'hex')]);

const setRole = (url: string, adminToken: string, userId: string, role: string): Promise<Response> =>
  fetch(`${url}/api/admin/users/${userId}`, { method: 'PATCH', headers: { 'content-type': 'application/json', authorization: `Bearer ${adminToken}` }, body: JSON.stringify({ role }) });

describe('authorization from the current role', () => {
  it('a demoted supervisor cannot download a chat file on the next try; a socket op follows a role change at once', async () => {
    const hub = await startTestHub(temp.make('centralita-hub-'));
    cleanups.push(() => hub.stop());
    const admin = (await login(hub.url, 'admin')).token;
    const ana = await TestSocket.open(hub.url);
    cleanups.push(() => ana.close());
    await ana.hello((await login(hub.url, 'ana')).token);
    expect((await ana.request('setState', { state: 'ready', reasonCode: null })).ok).toBe(true);

    const customer = await WidgetClient.open(hub.url);
    cleanups.push(() => customer.close());
    const welcome = await customer.hello();
    customer.send({ type: 'start', form: { name: 'María García', email: 'maria.garcia@example.es', topic: 'ventas', text: 'Os mando la factura' } });
    const offerFrame = await ana.waitFor((f): f is Extract<typeof f, { type: 'event' }> => f.type === 'event' && f.event.kind === 'offer');
    expect((await ana.request('acceptOffer', { offerId: (offerFrame.event as { offer: Offer }).offer.offerId })).ok).toBe(true);
    await customer.next('conversation', (f) => f.conversation.state === 'active');
    const target = new URL(CHAT_ATTACHMENTS_PATH, hub.url);
    target.searchParams.set('clientId', randomUUID());
    target.searchParams.set('name', 'factura.png');
    const uploaded = await fetch(target, { method: 'POST', headers: { authorization: `Bearer ${welcome.visitorToken}` }, body: new Uint8Array(PNG) });
    expect(uploaded.status).toBe(201);
    const attachmentId = ChatAttachmentUploaded.parse(await uploaded.json()).message.attachment?.id ?? '';

    const sara = (await login(hub.url, 'sara')).token;
    const download = async (): Promise<number> => (await fetch(new URL(`${CHAT_ATTACHMENTS_PATH}/${attachmentId}`, hub.url), { headers: { authorization: `Bearer ${sara}` } })).status;
    expect(await download()).toBe(200);
    expect((await setRole(hub.url, admin, 'sara', 'agent')).status).toBe(200);
    expect(await download()).toBe(404);

    // Ana's socket said hello as an agent; as an administrator she takes no work.
    expect((await setRole(hub.url, admin, 'ana', 'admin')).status).toBe(200);
    expect(await ana.request('setState', { state: 'not-ready', reasonCode: 'break' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect((await setRole(hub.url, admin, 'ana', 'agent')).status).toBe(200);
    expect((await ana.request('getChatTranscript', { itemId: (offerFrame.event as { offer: Offer }).offer.item.id })).ok).toBe(true);
  });
});
