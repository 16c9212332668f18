/**
 * "The customer is typing" is live only: it reaches the agent's desktop at once, is never a row
 * in the hub's event log, and a desktop that resumes after being away is not told about typing
 * that happened meanwhile (while what was written meanwhile is replayed).
 */
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { ChatDesktopEvent } from '../../src-common/chat';
import type { ServerFrame } from '../../src-common/protocol';
import { login, TestSocket } from '../unit/hub/support/hub-client';
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

/** Rows of the hub's event log whose body mentions `kind`. */
function eventRowsOfKind(hubDir: string, kind: string): number {
  const db = new Database(path.join(hubDir, 'hub.db'), { readonly: true, fileMustExist: true });
  try {
    return db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM events WHERE instr(body, ?) > 0').get(`"kind":"${kind}"`)?.n ?? 0;
  } finally {
    db.close();
  }
}

const mentionsTyping = (f: ServerFrame): boolean => (f.type === 'live' && f.update.kind === 'chat-typing') || (f.type === 'event' && f.event.kind === ('chat-typing' as string));

describe('chat typing is live, not durable', () => {
  it('reaches the agent at once, is not stored, and is not replayed on resume', async () => {
    const hubDir = temp.make('centralita-typing-hub-');
    const hub = await startTestHub(hubDir);
    cleanups.push(() => hub.stop());
    const ana = await DesktopClient.start(temp.make('centralita-typing-ana-'), { defaultHubUrl: hub.url });
    cleanups.push(() => ana.close());
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
    await ana.must('offer.accept', { offerId: offer.offerId });
    const itemId = offer.item.id;
    await customer.next('conversation', (f) => f.conversation.state === 'active');

    // A second desktop of Ana's, which will go away and come back.
    const token = (await login(hub.url, 'ana')).token;
    const away = await TestSocket.open(hub.url);
    const welcome = await away.hello(token);
    away.close();
    await away.waitClosed();

    // Live: typing reaches the desktop that is there, as the chat panel's 'chat' event.
    customer.send({ type: 'typing', typing: true });
    await expect.poll(() => chatEvents.some((e) => e.kind === 'chat-typing' && e.itemId === itemId && e.typing), { timeout: 5_000 }).toBe(true);
    customer.send({ type: 'typing', typing: false });
    await expect.poll(() => chatEvents.some((e) => e.kind === 'chat-typing' && !e.typing), { timeout: 5_000 }).toBe(true);
    customer.send({ type: 'message', clientId: randomUUID(), text: 'Ya está, te lo he enviado' });
    await expect.poll(() => chatEvents.some((e) => e.kind === 'chat-message' && e.message.text === 'Ya está, te lo he enviado'), { timeout: 5_000 }).toBe(true);

    // Never stored: the message is in the event log, the typing is not.
    expect(eventRowsOfKind(hubDir, 'chat-message')).toBeGreaterThan(0);
    expect(eventRowsOfKind(hubDir, 'chat-typing')).toBe(0);
    // Nor applied as a numbered hub event on the desktop.
    expect(ana.applied.map((a) => a.event.kind)).not.toContain('chat-typing');

    // The other desktop resumes: it gets the message it missed, and nothing about typing.
    const back = await TestSocket.open(hub.url);
    cleanups.push(() => back.close());
    const resumed = await back.hello(token, welcome.headSeq);
    expect(resumed.resumed).toBe(true);
    await back.waitFor((f): f is Extract<ServerFrame, { type: 'event' }> => f.type === 'event' && f.event.kind === 'chat-message' && f.event.message.text === 'Ya está, te lo he enviado');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(back.frames.filter(mentionsTyping)).toEqual([]);
  });
});
