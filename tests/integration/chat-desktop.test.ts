/**
 * The agent's side of web chat through the real desktop services (cache worker, outbox, hub
 * session) and a real hub: chat events reach main's 'chat' IPC event, and replies typed while
 * the link to the hub is down are kept in the outbox and arrive once each, in order.
 */
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { ChatDesktopEvent } from '../../src-common/chat';
import { DesktopClient } from './helpers/desktop-client';
import { PASSWORD, startTestHub } from './helpers/hub-fixture';
import { TcpProxy } from './helpers/tcp-proxy';
import { TempDirs } from './helpers/temp-dirs';
import { WidgetClient } from './chat-widget-client';

const temp = new TempDirs();
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  temp.cleanup();
});

describe('chat on the agent desktop', () => {
  it('sends replies typed offline once each, in order, when the hub link returns', async () => {
    const hub = await startTestHub(temp.make('centralita-chat-hub-'));
    cleanups.push(() => hub.stop());
    const proxy = await TcpProxy.start(hub.port);
    cleanups.push(() => proxy.stop());
    const ana = await DesktopClient.start(temp.make('centralita-ana-'), { defaultHubUrl: proxy.url });
    cleanups.push(() => ana.services.close());
    const chatEvents: ChatDesktopEvent[] = [];
    ana.services.onEvent((name, payload) => {
      if (name === 'chat') chatEvents.push(payload as ChatDesktopEvent);
    });
    await ana.must('session.login', { username: 'ana', password: PASSWORD });
    await ana.must('agent.setState', { state: 'ready', reasonCode: null });

    const customer = await WidgetClient.open(hub.url);
    cleanups.push(() => customer.close());
    await customer.hello();
    customer.send({ type: 'start', form: { name: 'María García', email: 'maria.garcia@example.es', topic: 'soporte', text: 'Hola' } });
    const offer = await ana.waitFor('chat offer', (c) => c.view?.offers.find((o) => o.item.channel === 'chat'));
    expect(offer.item.customerId).toBe('cust-maria');
    await ana.must('offer.accept', { offerId: offer.offerId });
    const itemId = offer.item.id;
    await customer.next('conversation', (f) => f.conversation.state === 'active');

    // Live: a customer message arrives as a 'chat' event from main.
    customer.send({ type: 'message', clientId: randomUUID(), text: '¿Seguís ahí?' });
    await expect.poll(() => chatEvents.some((e) => e.kind === 'chat-message' && e.message.text === '¿Seguís ahí?'), { timeout: 5_000 }).toBe(true);

    // The link drops; the agent keeps writing.
    proxy.setDown(true);
    await ana.waitFor('reconnecting', (c) => c.view?.status === 'reconnecting');
    const replies = ['Sí, perdona', 'Estoy mirando tu factura', 'Ya la tengo'];
    for (const text of replies) {
      expect(await ana.invoke('chat.send', { itemId, clientId: randomUUID(), text })).toEqual({ ok: true, value: null });
    }
    expect(ana.view?.outboxPending).toBe(3);
    // Meanwhile the customer wrote too: it must reach the agent after the reconnect (resume).
    customer.send({ type: 'message', clientId: randomUUID(), text: 'Vale, espero' });
    await customer.next('message', (f) => f.message.text === 'Vale, espero');

    proxy.setDown(false);
    await ana.waitFor('outbox delivered', (c) => c.view?.status === 'online' && c.view.outboxPending === 0);
    await expect.poll(() => chatEvents.some((e) => e.kind === 'chat-message' && e.message.text === 'Vale, espero'), { timeout: 5_000 }).toBe(true);
    await customer.next('message', (f) => f.message.text === 'Ya la tengo');

    const transcript = await ana.must('chat.transcript', { itemId });
    const agentTexts = transcript.messages.filter((m) => m.author === 'agent').map((m) => m.text);
    expect(agentTexts).toEqual(replies);
    expect(customer.messages().filter((m) => m.author === 'agent').map((m) => m.text)).toEqual(replies);

    // Sent, but the answer is lost on the wire: the outbox sends it again and the hub keeps one.
    proxy.loseNextAnswer();
    await ana.invoke('chat.send', { itemId, clientId: randomUUID(), text: 'Te la reenvío ahora' });
    await ana.waitFor('lost answer replayed', (c) => c.view?.status === 'online' && c.view.outboxPending === 0);
    await customer.next('message', (f) => f.message.text === 'Te la reenvío ahora');
    const after = await ana.must('chat.transcript', { itemId });
    expect(after.messages.filter((m) => m.text === 'Te la reenvío ahora')).toHaveLength(1);
    expect(customer.messages().filter((m) => m.text === 'Te la reenvío ahora')).toHaveLength(1);

    // Every message the agent's desktop heard about, heard once.
    const seqs = chatEvents.flatMap((e) => (e.kind === 'chat-message' ? [e.message.seq] : []));
    expect(new Set(seqs).size).toBe(seqs.length);
  });
});
