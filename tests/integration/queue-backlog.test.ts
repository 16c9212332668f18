/**
 * The agent sees what waits in the queues they serve: in the welcome snapshot, then live as
 * work is queued and taken (pushed at most once a second), never to an agent who serves none
 * of those queues, and never replayed: a desktop coming back gets today's values once.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Offer } from '../../src-common/domain';
import type { QueueBacklog, ServerFrame } from '../../src-common/protocol';
import { login, TestSocket } from '../unit/hub/support/hub-client';
import { DesktopClient } from './helpers/desktop-client';
import { createWorkItem, loginToken, PASSWORD, startTestHub, type RunningHub } from './helpers/hub-fixture';
import { TempDirs } from './helpers/temp-dirs';

const temp = new TempDirs();
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  temp.cleanup();
});

type LiveFrame = Extract<ServerFrame, { type: 'live' }>;
const isBacklogFrame = (f: ServerFrame): f is LiveFrame => f.type === 'live' && f.update.kind === 'backlog';
const backlogOf = (f: LiveFrame): QueueBacklog[] => (f.update.kind === 'backlog' ? f.update.backlog : []);
const queue = (backlog: readonly QueueBacklog[] | undefined, id: string): QueueBacklog | undefined => backlog?.find((q) => q.queueId === id);

async function hub(): Promise<RunningHub> {
  const running = await startTestHub(temp.make('centralita-backlog-hub-'));
  cleanups.push(() => running.stop());
  return running;
}

async function socketAs(url: string, username: string): Promise<TestSocket> {
  const socket = await TestSocket.open(url);
  cleanups.push(() => socket.close());
  await socket.hello((await login(url, username)).token);
  return socket;
}

function email(url: string, admin: string, subject: string) {
  return createWorkItem(url, admin, { channel: 'email', queueId: 'correo', from: 'maria.garcia@example.es', subject });
}

describe("the backlog of the agent's queues", () => {
  it('is in the snapshot and follows work being queued and taken, live, only for agents who serve the queue', async () => {
    const { url } = await hub();
    const admin = await loginToken(url, 'admin');
    const first = await email(url, admin, 'Factura de marzo');

    const ana = await TestSocket.open(url);
    cleanups.push(() => ana.close());
    const welcome = await ana.hello((await login(url, 'ana')).token);
    expect(welcome.snapshot?.backlog?.map((q) => q.queueId)).toEqual(['ventas', 'soporte', 'soporte-voz', 'correo']);
    expect(queue(welcome.snapshot?.backlog, 'correo')).toEqual({ queueId: 'correo', waiting: { voice: 0, chat: 0, email: 1 }, oldestSince: first.createdAt });
    expect(queue(welcome.snapshot?.backlog, 'ventas')).toEqual({ queueId: 'ventas', waiting: { voice: 0, chat: 0, email: 0 }, oldestSince: null });
    // A supervisor with no agent skills serves no queue: nothing to show, nothing pushed.
    const sara = await socketAs(url, 'sara');

    const jordi = await DesktopClient.start(temp.make('centralita-backlog-jordi-'), { defaultHubUrl: url });
    cleanups.push(() => jordi.close());
    await jordi.must('session.login', { username: 'jordi', password: PASSWORD });
    await jordi.waitFor('the first email in the backlog', (c) => queue(c.view?.backlog, 'correo')?.waiting.email === 1);

    const second = await email(url, admin, 'Cambio de dirección');
    await jordi.waitFor('two emails waiting, the first the longest', (c) => {
      const correo = queue(c.view?.backlog, 'correo');
      return correo?.waiting.email === 2 && correo.oldestSince === first.createdAt;
    });

    // Ana takes the first: while offered it still waits; once accepted it leaves the backlog.
    expect((await ana.request('setState', { state: 'ready', reasonCode: null })).ok).toBe(true);
    const offered = await ana.waitFor((f): f is Extract<ServerFrame, { type: 'event' }> => f.type === 'event' && f.event.kind === 'offer');
    const offer = (offered.event as { offer: Offer }).offer;
    expect(offer.item.id).toBe(first.id);
    expect((await ana.request('acceptOffer', { offerId: offer.offerId })).ok).toBe(true);
    await jordi.waitFor('one email waiting, now the second', (c) => {
      const correo = queue(c.view?.backlog, 'correo');
      return correo?.waiting.email === 1 && correo.oldestSince === second.createdAt;
    });
    // Ana's own socket followed too: the last backlog she was sent says one email waits.
    await expect.poll(() => queue(backlogOf(ana.frames.filter(isBacklogFrame).at(-1) as LiveFrame), 'correo')?.waiting.email).toBe(1);

    expect(sara.frames.filter(isBacklogFrame)).toEqual([]);
    expect(sara.frames.find((f) => f.type === 'welcome')).toMatchObject({ snapshot: { backlog: [] } });
    // Not durable: no backlog in the event stream.
    expect(ana.events().map((e) => e.event.kind)).not.toContain('backlog');
  });

  it('pushes at most about once a second, however fast work arrives', async () => {
    const { url } = await hub();
    const admin = await loginToken(url, 'admin');
    const ana = await socketAs(url, 'ana');
    const joined = ana.frames.filter(isBacklogFrame).length;
    for (let i = 0; i < 8; i++) await email(url, admin, `Consulta ${i}`);
    await ana.waitFor((f): f is LiveFrame => isBacklogFrame(f) && queue(backlogOf(f), 'correo')?.waiting.email === 8, 10_000);
    const pushes = ana.frames.filter(isBacklogFrame).slice(joined);
    const gaps = pushes.slice(1).map((f, i) => Date.parse(f.at) - Date.parse((pushes[i] as LiveFrame).at));
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(950);
    expect(pushes.length).toBeLessThan(8);
  });

  it('is not replayed on resume: the desktop gets the current backlog once', async () => {
    const { url } = await hub();
    const admin = await loginToken(url, 'admin');
    const token = (await login(url, 'ana')).token;
    const first = await TestSocket.open(url);
    const welcome = await first.hello(token);
    first.close();
    await first.waitClosed();

    // While Ana is away the backlog moves three times.
    const items = [];
    for (let i = 0; i < 3; i++) {
      items.push(await email(url, admin, `Mientras tanto ${i}`));
      await new Promise((resolve) => setTimeout(resolve, 1_100));
    }

    const again = await TestSocket.open(url);
    cleanups.push(() => again.close());
    const resumed = await again.hello(token, welcome.headSeq);
    expect(resumed.resumed).toBe(true);
    const fresh = await again.waitFor(isBacklogFrame);
    expect(queue(backlogOf(fresh), 'correo')).toEqual({ queueId: 'correo', waiting: { voice: 0, chat: 0, email: 3 }, oldestSince: items[0]?.createdAt });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(again.frames.filter(isBacklogFrame)).toHaveLength(1);
  });
});
