/**
 * Email against real Postfix + Dovecot (scripts/rig/mail), with a real hub on a temp SQLite:
 * a customer's mail sent to Postfix reaches the support mailbox in Dovecot and the hub takes it
 * over IMAP IDLE within 2 s as an email item for the right customer; the agent's reply (the
 * sendEmailReply op over the desktop socket) lands in the customer's Dovecot mailbox with the
 * right threading headers, once, however often the request is repeated; the customer's answer
 * joins the same conversation, and after wrap-up a later answer goes back to the same agent;
 * a restarted hub never takes a message twice.
 * Run with `npm run test:interop` (the mail rig needs root for Postfix and apt the first time).
 */
import Database from 'better-sqlite3';
import { ImapFlow } from 'imapflow';
import { simpleParser } from 'mailparser';
import nodemailer from 'nodemailer';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HubConfig } from '../../src-common/hub-config';
import type { EmailMessageView, EmailThreadView } from '../../src-common/email';
import { demoHubConfig } from '../../src-hub/demo/demo-config';
import { transcriptMailerFor } from '../../src-hub/channels/email/smtp-transcript-mailer';
import { createSmtpSender } from '../../src-hub/channels/email/smtp-sender';
import { HUB_DB_FILE, startHub, type RunningHub } from '../../src-hub/embedded';
import { login, TestSocket } from '../unit/hub/support/hub-client';
import { startMailRig, type MailRig } from './support/mail-rig';

const SUPPORT = { address: 'support@example.test', password: 'support-pw' };
const LUCIA = { address: 'lucia@example.test', password: 'lucia-pw' };

let rig: MailRig;
let hub: RunningHub;
let work: string;
let hubDir: string;
let ana: TestSocket;
let marta: TestSocket | undefined;

function hubConfig(): HubConfig {
  const demo = demoHubConfig();
  return {
    ...demo,
    email: {
      mailboxes: [
        {
          id: 'soporte',
          queueId: 'correo',
          imap: { host: '127.0.0.1', port: rig.imapPort, secure: false, user: SUPPORT.address, auth: { password: SUPPORT.password } },
          folder: 'INBOX',
          afterIntake: 'flag',
          address: SUPPORT.address,
          displayName: 'Soporte Centralita',
          // A minute: anything the hub sees within 2 s came through IDLE, not the poll.
          pollSeconds: 60,
        },
      ],
      smtp: { host: '127.0.0.1', port: rig.smtpPort, secure: false },
      maxSendAttempts: 3,
    },
  };
}

async function startTheHub(): Promise<void> {
  hub = await startHub({ port: 0, dataDir: hubDir, config: hubConfig(), seedDemoData: false, logger: pino({ level: process.env.HUB_LOG_LEVEL ?? 'silent' }) });
}

function query<T>(sql: string, ...params: unknown[]): T[] {
  const db = new Database(join(hubDir, HUB_DB_FILE), { readonly: true, fileMustExist: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

function emailItems(): { id: string; customer_id: string | null; state: string; agent_id: string | null; created_at: string }[] {
  return query("SELECT id, customer_id, state, agent_id, created_at FROM work_items WHERE channel = 'email' ORDER BY created_at, rowid");
}

async function waitFor<T>(probe: () => T | undefined | Promise<T | undefined>, what: string, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}\n${rig.logs(20)}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

async function sendAs(from: string, mail: { subject: string; text: string; messageId: string; inReplyTo?: string; references?: string[]; to?: string }): Promise<number> {
  const transport = nodemailer.createTransport({ host: '127.0.0.1', port: rig.smtpPort, secure: false });
  try {
    await transport.sendMail({
      from: { name: 'Lucía Ferrer', address: from },
      to: mail.to ?? SUPPORT.address,
      subject: mail.subject,
      text: mail.text,
      messageId: `<${mail.messageId}>`,
      ...(mail.inReplyTo ? { inReplyTo: `<${mail.inReplyTo}>` } : {}),
      ...(mail.references ? { references: mail.references.map((id) => `<${id}>`) } : {}),
    });
    return Date.now();
  } finally {
    transport.close();
  }
}

interface Received {
  messageId: string;
  inReplyTo: string | undefined;
  references: string[];
  subject: string;
  replyTo: string;
  text: string;
}

/** Everything in a user's Dovecot INBOX, parsed. */
async function inboxOf(user: { address: string; password: string }): Promise<Received[]> {
  const client = new ImapFlow({ host: '127.0.0.1', port: rig.imapPort, secure: false, auth: { user: user.address, pass: user.password }, logger: false });
  await client.connect();
  try {
    const box = await client.mailboxOpen('INBOX');
    if (box.exists === 0) return [];
    const out: Received[] = [];
    for await (const message of client.fetch('1:*', { source: true })) {
      if (!message.source) continue;
      const parsed = await simpleParser(message.source);
      const references = typeof parsed.references === 'string' ? [parsed.references] : (parsed.references ?? []);
      out.push({
        messageId: (parsed.messageId ?? '').replace(/[<>]/g, ''),
        inReplyTo: parsed.inReplyTo?.replace(/[<>]/g, ''),
        references: references.map((r) => r.replace(/[<>]/g, '')),
        subject: parsed.subject ?? '',
        replyTo: parsed.replyTo?.value[0]?.address ?? '',
        text: parsed.text ?? '',
      });
    }
    return out;
  } finally {
    await client.logout();
  }
}

function dovecotLog(): string {
  try {
    return readFileSync(join(rig.dir, 'dovecot', 'dovecot.log'), 'utf8');
  } catch {
    return '';
  }
}

/** The hub's IMAP session for the support mailbox has logged in `n` times (IDLE is then running). */
async function hubLoggedIn(times: number): Promise<void> {
  await waitFor(() => ((dovecotLog().match(/imap-login: (?:Info: )?Login: user=<support@example\.test>/g) ?? []).length >= times ? true : undefined), 'the hub to log in to the support mailbox');
  // The first pass (SEARCH + IDLE) follows the login at once.
  await new Promise((resolve) => setTimeout(resolve, 300));
}

async function connectAna(): Promise<TestSocket> {
  const { token } = await login(hub.url, 'ana');
  const socket = await TestSocket.open(hub.url);
  await socket.hello(token);
  return socket;
}

async function acceptOfferFor(socket: TestSocket, itemId: string): Promise<void> {
  const offer = await waitFor(() => hub.center.snapshot('ana')?.offers.find((o) => o.item.id === itemId), `an offer of ${itemId} to Ana`);
  const accepted = await socket.request('acceptOffer', { offerId: offer.offerId });
  expect(accepted).toMatchObject({ ok: true });
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'centralita-interop-email-'));
  hubDir = join(work, 'hub');
  rig = await startMailRig([SUPPORT, LUCIA]);
  await startTheHub();
  // Only Ana takes email in these tests.
  for (const other of ['jordi', 'marta']) hub.center.setState(other, 'offline', null);
  ana = await connectAna();
  await hubLoggedIn(1);
}, 240_000);

afterAll(async () => {
  ana?.close();
  marta?.close();
  await hub?.stop();
  await rig?.stop();
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('email over real Postfix and Dovecot', () => {
  const first = { messageId: 'first.1@mail.example.test', subject: 'Factura duplicada de noviembre' };
  let itemId = '';
  let reply: EmailMessageView;

  it('takes a customer mail over IMAP IDLE within 2 s as an email item for that customer', async () => {
    const sentAt = await sendAs(LUCIA.address, { ...first, text: 'Hola, me habéis cobrado dos veces la factura de noviembre.' });
    const item = await waitFor(() => emailItems()[0], 'the email item', 5_000);
    const tookMs = Date.parse(item.created_at) - sentAt;
    console.log(`SMTP 250 → email item in the hub: ${tookMs} ms`);
    expect(tookMs).toBeLessThan(2_000);
    itemId = item.id;
    const customers = query<{ customer_id: string }>("SELECT customer_id FROM customer_identities WHERE kind = 'email' AND value = ?", LUCIA.address);
    expect(customers).toHaveLength(1);
    expect(item.customer_id).toBe(customers[0]?.customer_id);
    const stored = query<{ state: string; raw_size: number }>('SELECT state, length(raw) AS raw_size FROM email_messages WHERE message_id = ?', first.messageId);
    expect(stored).toEqual([{ state: 'processed', raw_size: expect.any(Number) }]);
    expect(stored[0]?.raw_size).toBeGreaterThan(100);
  });

  it('sends the agent’s reply to the customer’s mailbox once, with In-Reply-To and References, however often the request is repeated', async () => {
    expect(hub.center.setState('ana', 'ready', null).ok).toBe(true);
    await acceptOfferFor(ana, itemId);
    const params = { itemId, clientId: 'reply-0001-abcdef', text: 'Hola Lucía, ya hemos anulado el cargo duplicado.', cc: [] };
    const answered = await ana.request('sendEmailReply', params, 'key-reply-1');
    expect(answered.ok).toBe(true);
    if (!answered.ok) return;
    reply = answered.value as EmailMessageView;
    // The same request again (a lost answer), with and without the same request key.
    expect(await ana.request('sendEmailReply', params, 'key-reply-1')).toMatchObject({ ok: true, value: { messageId: reply.messageId } });
    expect(await ana.request('sendEmailReply', params, 'key-reply-2')).toMatchObject({ ok: true, value: { messageId: reply.messageId } });

    const received = await waitFor(async () => (await inboxOf(LUCIA)).find((m) => m.messageId === reply.messageId), 'the reply in Lucía’s mailbox');
    expect(received.inReplyTo).toBe(first.messageId);
    expect(received.references).toEqual([first.messageId]);
    expect(received.subject).toMatch(/^Re: Factura duplicada de noviembre \[#[a-z0-9]{10}\]$/);
    expect(received.replyTo).toMatch(/^support\+[a-z0-9]{10}@example\.test$/);
    expect(received.text).toContain('ya hemos anulado el cargo duplicado');
    await waitFor(() => ana.events().find((e) => e.event.kind === 'email-delivery' && e.event.message.delivery === 'sent'), 'the delivery event');
    // Give any second copy time to arrive before counting.
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    expect((await inboxOf(LUCIA)).filter((m) => m.messageId === reply.messageId)).toHaveLength(1);
  });

  it('adds the customer’s answer to the same conversation and the same open item', async () => {
    const answer = { messageId: 'answer.2@mail.example.test', subject: `Re: ${reply.subject}` };
    await sendAs(LUCIA.address, { ...answer, text: 'Gracias, ¿cuándo veré el abono?', inReplyTo: reply.messageId, references: [first.messageId, reply.messageId] });
    const event = await waitFor(
      () => ana.events().find((e) => e.event.kind === 'email-message' && e.event.message.messageId === answer.messageId),
      'the answer at Ana’s desktop',
    );
    expect(event.event).toMatchObject({ itemId });
    expect(emailItems()).toHaveLength(1);
    const thread = await ana.request('getEmailThread', { itemId });
    expect(thread.ok).toBe(true);
    if (!thread.ok) return;
    const view = thread.value as EmailThreadView;
    expect(view.messages.map((m) => [m.direction, m.messageId])).toEqual([
      ['in', first.messageId],
      ['out', reply.messageId],
      ['in', answer.messageId],
    ]);
  });

  it('after wrap-up, an answer that kept only the subject token starts a new item in the same thread, offered to the same agent', async () => {
    expect(await ana.request('endWork', { itemId })).toMatchObject({ ok: true });
    expect(await ana.request('wrapUp', { itemId, disposition: 'resolved', notes: '' })).toMatchObject({ ok: true });
    // Marta is ready and idle for longer than Ana, so routing alone would pick her; the answer still goes back to Ana.
    const { token } = await login(hub.url, 'marta');
    marta = await TestSocket.open(hub.url);
    await marta.hello(token);
    expect(await marta.request('setState', { state: 'ready', reasonCode: null })).toMatchObject({ ok: true });
    // Ana takes a break and comes back: she is now the most recently idle agent.
    expect(await ana.request('setState', { state: 'not-ready', reasonCode: 'break' })).toMatchObject({ ok: true });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await ana.request('setState', { state: 'ready', reasonCode: null })).toMatchObject({ ok: true });
    const later = { messageId: 'later.3@mail.example.test', subject: `Otra pregunta ${reply.subject.slice(reply.subject.indexOf('[#'))}` };
    await sendAs(LUCIA.address, { ...later, text: 'Una cosa más sobre la factura.' });
    const next = await waitFor(() => emailItems().find((i) => i.id !== itemId), 'the new email item');
    expect(next.customer_id).toBe(emailItems()[0]?.customer_id);
    const offer = await waitFor(() => hub.center.snapshot('ana')?.offers.find((o) => o.item.id === next.id), 'the offer to Ana');
    expect(offer.agentId).toBe('ana');
    const threads = query<{ thread_id: string }>('SELECT DISTINCT thread_id FROM email_messages WHERE message_id IN (?, ?)', first.messageId, later.messageId);
    expect(threads).toHaveLength(1);
    expect(hub.center.snapshot('marta')?.offers).toEqual([]);
    await marta.request('setState', { state: 'offline', reasonCode: null });
    marta.close();
  });

  it('a restarted hub takes nothing twice: neither a mail whose flag was lost nor a second copy of a taken mail', async () => {
    const before = emailItems().length;
    ana.close();
    await hub.stop();
    // While the hub is down: the server forgets the hub's flag on every message (as if the hub
    // died between storing and flagging), a copy of a taken mail lands again (same Message-ID),
    // and one new mail arrives.
    const client = new ImapFlow({ host: '127.0.0.1', port: rig.imapPort, secure: false, auth: { user: SUPPORT.address, pass: SUPPORT.password }, logger: false });
    await client.connect();
    await client.mailboxOpen('INBOX');
    await client.messageFlagsRemove('1:*', ['$CentralitaTaken']);
    await client.logout();
    await sendAs(LUCIA.address, { messageId: first.messageId, subject: first.subject, text: 'copia' });
    await sendAs(LUCIA.address, { messageId: 'new.4@mail.example.test', subject: 'Cambio de dirección', text: 'Me he mudado.' });
    await new Promise((resolve) => setTimeout(resolve, 1_500));

    await startTheHub();
    for (const other of ['jordi', 'marta']) hub.center.setState(other, 'offline', null);
    ana = await connectAna();
    await hubLoggedIn(2);
    await waitFor(() => (emailItems().length >= before + 1 ? true : undefined), 'the new mail as an item');
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(emailItems()).toHaveLength(before + 1);
    const copies = query<{ state: string }>('SELECT state FROM email_messages WHERE message_id = ? ORDER BY created_at', first.messageId);
    expect(copies.map((c) => c.state)).toEqual(['processed', 'duplicate']);
    // Every message in the mailbox carries the hub's flag again.
    const check = new ImapFlow({ host: '127.0.0.1', port: rig.imapPort, secure: false, auth: { user: SUPPORT.address, pass: SUPPORT.password }, logger: false });
    await check.connect();
    await check.mailboxOpen('INBOX');
    const untaken = await check.search({ unKeyword: '$CentralitaTaken' }, { uid: true });
    await check.logout();
    expect(untaken).toEqual([]);
  }, 60_000);

  it('sends a chat transcript through the same SMTP server, marked Auto-Submitted', async () => {
    const email = hubConfig().email;
    if (!email?.mailboxes[0]) throw new Error('the interop hub config has no mailbox');
    const mailer = transcriptMailerFor({ sender: createSmtpSender(email.smtp), mailbox: email.mailboxes[0] }, work, pino({ level: 'silent' }));
    const sent = await mailer.send({ conversationId: 'conv-transcript-1', to: LUCIA.address, subject: 'Vuestra conversación', text: 'Lucía: hola\nAna: ¡hola!' }, new Date());
    expect(sent).toMatchObject({ ok: true });
    const received = await waitFor(async () => (await inboxOf(LUCIA)).find((m) => m.messageId === 'transcript.conv-transcript-1@example.test'), 'the transcript in Lucía’s mailbox');
    expect(received.subject).toBe('Vuestra conversación');
    expect(received.text).toContain('Ana: ¡hola!');
  });
});
