/**
 * Blended capacity with email, on a real hub: an agent answering an email is still offered a
 * call (email never blocks voice); she takes it, and once the call is wrapped up the email is
 * still hers, where she left it, and her reply goes out. Meanwhile a second email waits for a
 * free email slot instead of piling onto her.
 */
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EmailMessageView } from '../../src-common/email';
import type { Offer } from '../../src-common/domain';
import { demoHubConfig } from '../../src-hub/demo/demo-config';
import { startHub, type RunningHub } from '../../src-hub/embedded';
import type { TestSocket } from '../unit/hub/support/hub-client';
import { createWorkItem, loginToken } from './helpers/hub-fixture';
import { anaAlone } from './helpers/ana-takes-email';
import { TempDirs } from './helpers/temp-dirs';

const dirs = new TempDirs();
let hub: RunningHub;
let ana: TestSocket;

beforeAll(async () => {
  // One email at a time for this test, so "waits for a free slot" is visible with two mails.
  const demo = demoHubConfig();
  hub = await startHub({ port: 0, dataDir: dirs.make('centralita-blend-'), config: { ...demo, capacity: { ...demo.capacity, email: 1 } }, seedDemoData: true, simulate: false, logLevel: 'silent' });
  ({ ana } = await anaAlone(hub));
});

afterAll(async () => {
  ana?.close();
  await hub?.stop();
  dirs.cleanup();
});

async function customerWrites(subject: string): Promise<void> {
  const lab = hub.labMail;
  if (!lab) throw new Error('the demo config has lab mail');
  const transport = nodemailer.createTransport({ host: lab.smtpHost, port: lab.smtpPort, secure: false });
  await transport.sendMail({ from: 'maria.garcia@example.es', to: lab.address, subject, text: `${subject}: ¿me ayudáis?` });
  transport.close();
}

async function offerFor(match: (offer: Offer) => boolean, what: string): Promise<Offer> {
  const frame = await ana
    .waitFor((f): f is Extract<typeof f, { type: 'event' }> => f.type === 'event' && f.event.kind === 'offer' && match(f.event.offer), 10_000)
    .catch(() => {
      throw new Error(`no offer of ${what}`);
    });
  if (frame.event.kind !== 'offer') throw new Error('not an offer');
  return frame.event.offer;
}

describe('a call interrupts an email', () => {
  it('offers the call to the agent holding an email, and gives the email back to her after the call', async () => {
    await customerWrites('Cambio de tarifa');
    const emailOffer = await offerFor((o) => o.item.channel === 'email', 'the email');
    expect(await ana.request('acceptOffer', { offerId: emailOffer.offerId })).toMatchObject({ ok: true });

    // A second email waits: her one email slot is taken.
    await customerWrites('Otra consulta');
    const admin = await loginToken(hub.url, 'admin');
    const call = await createWorkItem(hub.url, admin, { channel: 'voice', queueId: 'soporte-voz', from: '+34600111222', subject: 'Llamada de María' });
    const callOffer = await offerFor((o) => o.item.id === call.id, 'the call');
    expect(hub.center.snapshot('ana')?.offers.map((o) => o.item.channel)).toEqual(['voice']);
    expect(await ana.request('acceptOffer', { offerId: callOffer.offerId })).toMatchObject({ ok: true });
    expect(hub.center.snapshot('ana')?.items.map((i) => [i.channel, i.state]).sort()).toEqual([
      ['email', 'accepted'],
      ['voice', 'accepted'],
    ]);

    expect(await ana.request('endWork', { itemId: call.id })).toMatchObject({ ok: true });
    expect(await ana.request('wrapUp', { itemId: call.id, disposition: 'resolved', notes: '' })).toMatchObject({ ok: true });

    // The email is still hers and still open; her reply goes out.
    const mine = hub.center.snapshot('ana')?.items ?? [];
    expect(mine.map((i) => [i.id, i.state])).toEqual([[emailOffer.item.id, 'accepted']]);
    const reply = await ana.request('sendEmailReply', { itemId: emailOffer.item.id, clientId: 'blend-reply-1', text: 'Ya está cambiada.', cc: [] });
    expect(reply.ok && (reply.value as EmailMessageView).delivery).toBe('queued');
    // The second email is offered only once her email slot is free.
    expect(hub.center.snapshot('ana')?.offers ?? []).toEqual([]);
    expect(await ana.request('endWork', { itemId: emailOffer.item.id })).toMatchObject({ ok: true });
    expect(await ana.request('wrapUp', { itemId: emailOffer.item.id, disposition: 'resolved', notes: '' })).toMatchObject({ ok: true });
    const second = await offerFor((o) => o.item.channel === 'email' && o.item.id !== emailOffer.item.id, 'the second email');
    expect(second.item.subject).toContain('Otra consulta');
  });
});
