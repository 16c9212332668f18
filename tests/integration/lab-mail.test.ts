/**
 * Lab mail end to end, over real SMTP on loopback and a real hub on a temp SQLite (the demo
 * config, which has `labMail`): a customer's mail to the lab address becomes an email item for
 * that customer; the agent's reply goes out through the lab SMTP server into the customer's lab
 * mailbox (/api/lab/mail, /lab/mail) with the threading headers; the customer's answer joins the
 * same item; a message the parser cannot read is still kept and becomes work; and a simulated
 * customer answers an agent's reply once per thread, never twice.
 */
import Database from 'better-sqlite3';
import nodemailer, { type SendMailOptions } from 'nodemailer';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EmailMessageView, EmailThreadView } from '../../src-common/email';
import type { LabDelivery, LabDeliveryListener } from '../../src-hub/channels/email/lab-customer-mailboxes';
import type { LabMailListing } from '../../src-hub/channels/email/lab-mail-page';
import { MARIA_ID } from '../../src-hub/demo/demo-dataset';
import { HUB_DB_FILE, startHub, type RunningHub } from '../../src-hub/embedded';
import { startEmailTraffic, type EmailTraffic } from '../../src-hub/sim/email-traffic';
import { systemClock } from '../../src-hub/clock';
import type { TestSocket } from '../unit/hub/support/hub-client';
import { anaAlone } from './helpers/ana-takes-email';
import { TempDirs } from './helpers/temp-dirs';

const MARIA = 'maria.garcia@example.es';
const dirs = new TempDirs();
let hub: RunningHub;
let hubDir: string;
let ana: TestSocket;

function query<T>(sql: string, ...params: unknown[]): T[] {
  const db = new Database(`${hubDir}/${HUB_DB_FILE}`, { readonly: true, fileMustExist: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

type ItemRow = { id: string; customer_id: string | null; state: string };
const emailItems = (): ItemRow[] => query("SELECT id, customer_id, state FROM work_items WHERE channel = 'email' ORDER BY created_at, rowid");

async function waitFor<T>(probe: () => T | undefined | null | Promise<T | undefined | null>, what: string, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== null) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

function smtp(): { host: string; port: number; address: string } {
  if (!hub.labMail) throw new Error('the demo hub has no lab mail');
  return { host: hub.labMail.smtpHost, port: hub.labMail.smtpPort, address: hub.labMail.address };
}

async function send(mail: SendMailOptions): Promise<void> {
  const transport = nodemailer.createTransport({ host: smtp().host, port: smtp().port, secure: false });
  try {
    await transport.sendMail(mail);
  } finally {
    transport.close();
  }
}

async function listing(): Promise<LabMailListing> {
  const response = await fetch(`${hub.url}/api/lab/mail`);
  expect(response.status).toBe(200);
  return (await response.json()) as LabMailListing;
}

async function acceptOffer(itemId: string): Promise<void> {
  const offer = await waitFor(() => hub.center.snapshot('ana')?.offers.find((o) => o.item.id === itemId), `an offer of ${itemId} to Ana`);
  expect(await ana.request('acceptOffer', { offerId: offer.offerId })).toMatchObject({ ok: true });
}

/** Ends the agent's work on an item, so her email capacity is free again. */
async function finish(itemId: string): Promise<void> {
  expect(await ana.request('endWork', { itemId })).toMatchObject({ ok: true });
  expect(await ana.request('wrapUp', { itemId, disposition: 'resolved', notes: '' })).toMatchObject({ ok: true });
}

async function reply(itemId: string, clientId: string, text: string): Promise<EmailMessageView> {
  const answered = await ana.request('sendEmailReply', { itemId, clientId, text, cc: [] });
  if (!answered.ok) throw new Error(`reply refused: ${answered.error.message}`);
  return answered.value as EmailMessageView;
}

beforeAll(async () => {
  hubDir = dirs.make('centralita-lab-mail-');
  hub = await startHub({ port: 0, dataDir: hubDir, seedDemoData: true, simulate: false, logger: pino({ level: process.env.HUB_LOG_LEVEL ?? 'silent' }) });
  // Only Ana takes email here.
  ({ ana } = await anaAlone(hub));
});

afterAll(async () => {
  ana?.close();
  await hub?.stop();
  dirs.cleanup();
});

describe('lab mail over real SMTP on loopback', () => {
  const first = { messageId: 'first.1@example.es', subject: 'Factura duplicada <de> noviembre' };
  let itemId = '';
  let sent: EmailMessageView;

  it('listens on loopback and takes a customer’s mail to the lab address as an email item for that customer', async () => {
    expect(hub.labMail).toMatchObject({ smtpHost: '127.0.0.1', address: 'soporte@correo.lab' });
    expect(hub.labMail?.smtpPort).toBeGreaterThan(0);
    await send({ from: { name: 'María García', address: MARIA }, to: smtp().address, subject: first.subject, text: 'Hola, me habéis cobrado dos veces la factura.', messageId: `<${first.messageId}>` });
    const item = await waitFor(() => emailItems()[0], 'the email item');
    expect(item.customer_id).toBe(MARIA_ID);
    const stored = query<{ mailbox_id: string; state: string; raw_size: number }>('SELECT mailbox_id, state, length(raw) AS raw_size FROM email_messages WHERE message_id = ?', first.messageId);
    expect(stored).toEqual([{ mailbox_id: 'lab', state: 'processed', raw_size: expect.any(Number) }]);
    itemId = item.id;
  });

  it('sends the agent’s reply through the lab SMTP server into the customer’s lab mailbox, threaded', async () => {
    await acceptOffer(itemId);
    sent = await reply(itemId, 'lab-reply-0001', 'Hola María, ya hemos anulado el cargo duplicado. <script>alert(1)</script>');
    const delivered = await waitFor(async () => (await listing()).delivered.find((m) => m.messageId === sent.messageId), 'the reply in María’s lab mailbox');
    expect(delivered).toMatchObject({ to: [MARIA], from: 'soporte@correo.lab', inReplyTo: first.messageId, references: [first.messageId], automated: null });
    expect(delivered.subject).toMatch(/^Re: Factura duplicada <de> noviembre \[#[a-z0-9]{10}\]$/);
    expect(delivered.replyTo).toEqual([expect.stringMatching(/^soporte\+[a-z0-9]{10}@correo\.lab$/)]);
    expect((await listing()).intake).toEqual({ host: '127.0.0.1', port: smtp().port, address: 'soporte@correo.lab' });
    await waitFor(() => ana.events().find((e) => e.event.kind === 'email-delivery' && e.event.message.delivery === 'sent'), 'the delivery event');
  });

  it('shows the customers’ mailboxes as an escaped page in the visitor’s language, linked from the landing page', async () => {
    const page = await fetch(`${hub.url}/lab/mail`, { headers: { 'accept-language': 'ca,es;q=0.5' } });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toMatch(/^default-src 'none'; style-src 'unsafe-inline'/);
    expect(page.headers.get('content-language')).toBe('ca');
    const html = await page.text();
    expect(html).toContain('Correu de laboratori: bústies dels clients');
    expect(html).not.toContain('<script>');
    expect(html).toContain('&#60;script&#62;alert(1)');
    expect(html).toContain('Factura duplicada &#60;de&#62; noviembre');
    expect((await fetch(`${hub.url}/lab/mail?lang=en`).then((r) => r.text()))).toContain("the customers' mailboxes".replace("'", '&#39;'));
    expect(await fetch(`${hub.url}/`).then((r) => r.text())).toContain('href="/lab/mail?lang=es"');
  });

  it('adds the customer’s answer (In-Reply-To, sent to the Reply-To plus-address) to the same open item', async () => {
    const delivered = (await listing()).delivered.find((m) => m.messageId === sent.messageId);
    const answer = { messageId: 'answer.2@example.es' };
    await send({
      from: MARIA,
      to: delivered?.replyTo[0],
      subject: `Re: ${sent.subject}`,
      text: 'Gracias, ¿cuándo veré el abono?',
      messageId: `<${answer.messageId}>`,
      inReplyTo: `<${sent.messageId}>`,
      references: [`<${first.messageId}>`, `<${sent.messageId}>`],
    });
    const event = await waitFor(() => ana.events().find((e) => e.event.kind === 'email-message' && e.event.message.messageId === answer.messageId), 'the answer at Ana’s desktop');
    expect(event.event).toMatchObject({ itemId });
    expect(emailItems()).toHaveLength(1);
    const thread = await ana.request('getEmailThread', { itemId });
    if (!thread.ok) throw new Error(thread.error.message);
    const view = thread.value as EmailThreadView;
    expect(view.mailboxAddress).toBe('soporte@correo.lab');
    expect(view.messages.map((m) => [m.direction, m.messageId])).toEqual([
      ['in', first.messageId],
      ['out', sent.messageId],
      ['in', answer.messageId],
    ]);
  });

  it('files a bounce of the reply in the same thread, marks the reply not delivered with the report, and tells Ana', async () => {
    // What a mail server sends back (RFC 3464): a report plus the returned headers of our reply.
    const boundary = 'dsn-boundary';
    const raw = [
      'From: Mail Delivery System <MAILER-DAEMON@example.es>',
      `To: ${smtp().address}`,
      'Subject: Undelivered Mail Returned to Sender',
      'Message-ID: <dsn.1@example.es>',
      'Auto-Submitted: auto-replied',
      'MIME-Version: 1.0',
      `Content-Type: multipart/report; report-type=delivery-status; boundary="${boundary}"`,
      '',
      `--${boundary}`,
      'Content-Type: text/plain; charset=utf-8',
      '',
      'Your message could not be delivered.',
      `--${boundary}`,
      'Content-Type: message/delivery-status',
      '',
      'Reporting-MTA: dns; mx.example.es',
      '',
      `Final-Recipient: rfc822; ${MARIA}`,
      'Action: failed',
      'Status: 5.1.1',
      'Diagnostic-Code: smtp; 550 5.1.1 <maria.garcia@example.es>: mailbox unknown',
      '',
      `--${boundary}`,
      'Content-Type: text/rfc822-headers',
      '',
      `Message-ID: <${sent.messageId}>`,
      `From: soporte@correo.lab`,
      `To: ${MARIA}`,
      `Subject: ${sent.subject}`,
      `--${boundary}--`,
      '',
    ].join('\r\n');
    await send({ envelope: { from: '', to: [smtp().address] }, raw });
    const event = await waitFor(
      () => ana.events().find((e) => e.event.kind === 'email-delivery' && e.event.message.messageId === sent.messageId && e.event.message.delivery === 'failed'),
      'the bounce reported at Ana’s desktop',
    );
    expect(event.event).toMatchObject({ itemId });
    const thread = await ana.request('getEmailThread', { itemId });
    if (!thread.ok) throw new Error(thread.error.message);
    const view = thread.value as EmailThreadView;
    const ours = view.messages.find((m) => m.messageId === sent.messageId);
    expect(ours).toMatchObject({ delivery: 'failed', deliveryError: `${MARIA}: 5.1.1 (smtp; 550 5.1.1 <maria.garcia@example.es>: mailbox unknown)` });
    expect(view.messages.find((m) => m.messageId === 'dsn.1@example.es')).toMatchObject({ direction: 'in', automated: 'bounce' });
    expect(emailItems()).toHaveLength(1);
  });

  it('sends a blind copy through the envelope only, and shows it to the agent on her reply', async () => {
    const answered = await ana.request('sendEmailReply', { itemId, clientId: 'lab-reply-bcc1', text: 'Le confirmo el abono.', cc: ['jefa@tienda.example'], bcc: ['auditoria@tienda.example'] });
    if (!answered.ok) throw new Error(answered.error.message);
    const withBcc = answered.value as EmailMessageView;
    expect(withBcc).toMatchObject({ cc: ['jefa@tienda.example'], bcc: ['auditoria@tienda.example'] });
    const delivered = await waitFor(async () => (await listing()).delivered.find((m) => m.messageId === withBcc.messageId), 'the reply with a blind copy');
    // Delivered to all three; the headers every recipient sees name only the customer and the CC.
    expect([...delivered.to].sort()).toEqual(['auditoria@tienda.example', 'jefa@tienda.example', MARIA]);
    expect(delivered.cc).toEqual(['jefa@tienda.example']);
    const thread = await ana.request('getEmailThread', { itemId });
    if (!thread.ok) throw new Error(thread.error.message);
    expect((thread.value as EmailThreadView).messages.find((m) => m.messageId === withBcc.messageId)?.bcc).toEqual(['auditoria@tienda.example']);
  });

  it('keeps a message the parser cannot read, raw, with a warning, as work', async () => {
    const before = emailItems().length;
    await send({ envelope: { from: 'nobody@example.es', to: [smtp().address] }, raw: 'just some bytes without a header block\r\n' });
    const stored = await waitFor(
      () =>
        query<{ state: string; warning: string | null; raw_size: number; item_id: string }>(
          "SELECT state, warning, length(raw) AS raw_size, item_id FROM email_messages WHERE mailbox_id = 'lab' AND message_id LIKE 'missing.lab.%' AND state = 'processed'",
        )[0],
      'the unreadable message filed',
    );
    expect(stored.warning).toMatch(/could not be read/);
    expect(stored.raw_size).toBeGreaterThan(10);
    expect(emailItems()).toHaveLength(before + 1);
    // Both emails done: Ana's email capacity is free for the simulated customer below.
    await finish(itemId);
    await acceptOffer(stored.item_id);
    await finish(stored.item_id);
  });
});

describe('a simulated customer (real SMTP through the lab server)', () => {
  let traffic: EmailTraffic;
  const listeners = new Set<LabDeliveryListener>();
  let poller: NodeJS.Timeout;
  /** The listing in flight (one at a time), awaited before the hub stops; its first failure fails the suite. */
  let polling: Promise<void> | null = null;
  let pollFailure: unknown = null;

  beforeAll(() => {
    // The customers' mailboxes as the HTTP listing shows them: what the simulator sees in-process.
    const seen = new Set<string>();
    poller = setInterval(() => {
      if (polling) return;
      polling = listing()
        .then((l) => {
          for (const delivery of [...l.delivered].reverse()) {
            if (seen.has(delivery.id)) continue;
            seen.add(delivery.id);
            for (const listener of listeners) listener(delivery);
          }
        })
        .catch((error: unknown) => {
          pollFailure ??= error;
        })
        .finally(() => {
          polling = null;
        });
    }, 50);
    traffic = startEmailTraffic({
      smtp: { host: smtp().host, port: smtp().port },
      queueAddress: smtp().address,
      customers: [{ name: 'Jordi Font', email: 'jordi.font@example.cat' }],
      mailboxes: {
        onDelivery: (listener) => {
          listeners.add(listener);
          return () => listeners.delete(listener);
        },
      },
      isWaiting: () => null,
      intervalMs: 3_600_000,
      maxWaiting: 5,
      answerDelayMs: 100,
      clock: systemClock,
      log: pino({ level: 'silent' }),
    });
  });

  afterAll(async () => {
    clearInterval(poller);
    await polling;
    await traffic?.stop();
    if (pollFailure) throw pollFailure;
  });

  it('writes to the queue, answers the agent’s reply once with In-Reply-To, and never answers twice in one thread', async () => {
    const before = emailItems().length;
    await traffic.tick();
    const item = await waitFor(() => emailItems()[before], 'the simulated customer’s email item');
    const customer = query<{ value: string }>("SELECT value FROM customer_identities WHERE kind = 'email' AND customer_id = ?", item.customer_id)[0];
    expect(customer?.value).toBe('jordi.font@example.cat');
    await acceptOffer(item.id);
    const first = await reply(item.id, 'lab-sim-reply-1', 'Hola Jordi, lo revisamos hoy mismo.');
    const answer = await waitFor(
      () => ana.events().find((e) => e.event.kind === 'email-message' && e.event.itemId === item.id && e.event.message.direction === 'in' && e.event.message.messageId !== first.messageId),
      'the simulated customer’s answer',
    );
    if (answer.event.kind !== 'email-message') throw new Error('not a message');
    const stored = query<{ in_reply_to: string | null; subject: string }>('SELECT in_reply_to, subject FROM email_messages WHERE message_id = ?', answer.event.message.messageId)[0];
    expect(stored?.in_reply_to).toBe(first.messageId);
    expect(stored?.subject).toBe(first.subject);
    expect(answer.event.message.text).toMatch(/una última pregunta|Una última pregunta/);

    // A second reply in the same thread reaches the customer, who does not answer again.
    const second = await reply(item.id, 'lab-sim-reply-2', 'Ya está resuelto.');
    await waitFor(async () => (await listing()).delivered.find((m: LabDelivery) => m.messageId === second.messageId), 'the second reply delivered');
    await new Promise((resolve) => setTimeout(resolve, 800));
    const incoming = query<{ n: number }>("SELECT count(*) AS n FROM email_messages WHERE item_id = ? AND direction = 'in'", item.id)[0];
    expect(incoming?.n).toBe(2);
  });

  it('never answers machine-made mail (Auto-Submitted), even in a new thread', async () => {
    const fromJordi = (): number => query<{ n: number }>("SELECT count(*) AS n FROM email_messages WHERE from_address = 'jordi.font@example.cat'")[0]?.n ?? 0;
    const before = fromJordi();
    const auto = { messageId: 'auto.1@correo.lab' };
    await send({ from: smtp().address, to: 'jordi.font@example.cat', subject: 'Recibido: su consulta', text: 'Respuesta automática.', messageId: `<${auto.messageId}>`, headers: { 'Auto-Submitted': 'auto-replied' } });
    await waitFor(async () => (await listing()).delivered.find((m) => m.messageId === auto.messageId), 'the automatic mail delivered');
    await new Promise((resolve) => setTimeout(resolve, 800));
    expect(fromJordi()).toBe(before);
  });
});
