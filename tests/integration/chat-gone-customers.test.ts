/**
 * A customer waiting in the chat queue whose widget goes away without ending the chat (tab closed,
 * connection lost): a real hub (SQLite file, widget WebSockets) on a hand-driven clock. After the
 * grace the chat is abandoned, never offered; a widget back in time keeps its place; chats left
 * waiting when the hub stopped get the same grace after a restart.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { demoHubConfig } from '../../src-hub/demo/demo-config';
import { startHub } from '../../src-hub/embedded';
import { ManualClock } from '../unit/hub/support/manual-clock';
import { WidgetClient } from './chat-widget-client';

const GRACE_S = 120;
const dirs: string[] = [];
const stops: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const stop of stops.splice(0).reverse()) await stop();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function hub(dataDir: string, clock: ManualClock) {
  const running = await startHub({ port: 0, dataDir, seedDemoData: true, simulate: false, logLevel: 'silent', clock, config: { ...demoHubConfig(), chat: { ...demoHubConfig().chat, waitingCustomerGoneSeconds: GRACE_S } } });
  stops.push(() => running.stop());
  return running;
}

/** A customer opens the widget and starts a chat in Ventas; nobody is Ready, so it waits. */
async function waitingChat(url: string, name: string) {
  const widget = await WidgetClient.open(url);
  stops.push(() => widget.close());
  const welcome = await widget.hello();
  widget.send({ type: 'start', form: { name, email: `${name.toLowerCase()}@example.es`, topic: 'ventas', text: 'Hola, ¿tenéis la talla M?' } });
  const started = await widget.next('conversation');
  return { widget, visitorToken: welcome.visitorToken, conversation: started.conversation };
}

/** The hub handles a socket's close asynchronously. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 100));

describe('a waiting chat customer who goes away', () => {
  it('is taken out of the queue once their widget has been gone for the grace, and kept if it comes back in time', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'centralita-gone-'));
    dirs.push(dataDir);
    const clock = new ManualClock();
    const running = await hub(dataDir, clock);
    const gone = await waitingChat(running.url, 'Lucia');
    const back = await waitingChat(running.url, 'Pere');
    expect(running.center.waitingCount()).toBe(2);

    await gone.widget.close();
    await back.widget.close();
    await settle();
    clock.advance(60_000);
    // Pere's next page opens the widget again within the grace.
    const again = await WidgetClient.open(running.url);
    stops.push(() => again.close());
    expect((await again.hello(back.visitorToken)).conversation).toMatchObject({ id: back.conversation.id, state: 'waiting' });
    clock.advance((GRACE_S - 60) * 1000 - 1000);
    expect(running.center.waitingCount()).toBe(2);
    clock.advance(2000);
    expect(running.center.waitingCount()).toBe(1);
    // Lucía's chat is closed as hers and its item abandoned; Pere is still waiting, with his widget.
    const lucia = await WidgetClient.open(running.url);
    stops.push(() => lucia.close());
    expect((await lucia.hello(gone.visitorToken)).conversation).toMatchObject({ id: gone.conversation.id, state: 'closed', closedBy: 'customer' });
    clock.advance(GRACE_S * 2000);
    expect(running.center.waitingCount()).toBe(1);

    // Ana goes Ready: she is offered Pere's chat only.
    running.center.setState('ana', 'ready', null);
    expect(running.center.snapshot('ana')?.offers.map((offer) => offer.item.from)).toEqual(['pere@example.es']);
  });

  it('gives a chat sent back to the queue (a transfer) the grace when its customer had already gone', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'centralita-gone-transfer-'));
    dirs.push(dataDir);
    const clock = new ManualClock();
    const running = await hub(dataDir, clock);
    running.center.setState('ana', 'ready', null);
    const chat = await waitingChat(running.url, 'Lucia');
    const offer = running.center.snapshot('ana')?.offers[0];
    expect(running.center.acceptOffer('ana', offer?.offerId ?? '').ok).toBe(true);
    await settle();
    // The customer goes while Ana has the chat: that is Ana's to close, no grace runs.
    await chat.widget.close();
    await settle();
    clock.advance(GRACE_S * 2000);
    expect(running.center.snapshot('ana')?.items.map((item) => item.state)).toEqual(['accepted']);
    // Ana sends it to Soporte: it waits in queue again, for nobody.
    expect(running.center.transfer('ana', offer?.item.id ?? '', { kind: 'queue', queueId: 'soporte' }, '').ok).toBe(true);
    await settle();
    const itemId = offer?.item.id ?? '';
    expect(running.center.isWaiting(itemId)).toBe(true);
    clock.advance(GRACE_S * 1000 - 1000);
    expect(running.center.isWaiting(itemId)).toBe(true);
    clock.advance(2000);
    expect(running.center.isWaiting(itemId)).toBe(false);
  });

  it('gives chats left waiting by the last run the grace after a restart, then abandons those whose widget did not return', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'centralita-gone-restart-'));
    dirs.push(dataDir);
    const first = await hub(dataDir, new ManualClock());
    const left = await waitingChat(first.url, 'Lucia');
    const returning = await waitingChat(first.url, 'Pere');
    await left.widget.close();
    await returning.widget.close();
    await first.stop();
    stops.splice(0, stops.length);

    const clock = new ManualClock(Date.parse('2026-03-02T09:05:00.000Z'));
    const second = await hub(dataDir, clock);
    expect(second.center.waitingCount()).toBe(2);
    const again = await WidgetClient.open(second.url);
    stops.push(() => again.close());
    await again.hello(returning.visitorToken);
    clock.advance(GRACE_S * 1000 + 1000);
    expect(second.center.waitingCount()).toBe(1);
  });
});
