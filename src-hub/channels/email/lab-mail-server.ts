/**
 * Lab mail: the hub's own SMTP server on loopback, so `npm start` has email both ways without a
 * mail server. Plain SMTP, no AUTH, no STARTTLS: it listens on 127.0.0.1 only and is allowed only
 * in a lab config. Each accepted message goes, by its SMTP recipients:
 * - to the queue's lab address (or a plus-address of it, the Reply-To of our replies): the email
 *   intake, exactly as mail fetched over IMAP — stored raw first (mailbox "lab", a UIDVALIDITY
 *   new per start, a counter as UID), then parsed and filed;
 * - to anyone else: that customer's lab mailbox (lab-customer-mailboxes.ts).
 * The client hears 250 only once both are stored, so nothing acknowledged is lost; a failure
 * answers 451 and the client tries again.
 */
import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';
import { LAB_MAILBOX_ID, type QueueMailbox } from '../../../src-common/email';
import { iso, type Clock } from '../../clock';
import type { HubLogger } from '../../log';
import type { EmailIntake } from './email-intake';
import type { LabCustomerMailboxes } from './lab-customer-mailboxes';
import { normaliseMessageId } from './message-ids';
import { parseEmail, readRawHeaders } from './parse-mail';
import type { SmtpEnvelope } from './sender-check';

export const LAB_SMTP_HOST = '127.0.0.1';
/** What ordinary mail providers accept; the lab has no reason to take more. */
export const LAB_MAX_MESSAGE_BYTES = 25 * 1024 * 1024;
/** How long stop() lets a client finish its message before the connection is closed. */
const CLOSE_GRACE_MS = 1_000;

export interface LabMailServerDeps {
  intake: EmailIntake;
  /** The queue's lab mailbox (id LAB_MAILBOX_ID). */
  mailbox: QueueMailbox;
  customers: LabCustomerMailboxes;
  clock: Clock;
  log: HubLogger;
}

/** An SMTP reply the client sees: 451 (try again later), 552 (too big). */
function smtpError(responseCode: number, message: string): Error {
  return Object.assign(new Error(message), { responseCode });
}

/** The queue's address or its plus-addressed form (local+anything@domain), case-insensitive. */
export function isLabQueueAddress(address: string, queueAddress: string): boolean {
  const [local = '', domain = ''] = address.toLowerCase().split('@');
  const [queueLocal = '', queueDomain = ''] = queueAddress.toLowerCase().split('@');
  return domain === queueDomain && (local === queueLocal || local.startsWith(`${queueLocal}+`));
}

export class LabMailServer {
  private server: SMTPServer | null = null;
  private listening: { host: string; port: number } | null = null;
  /** A new UIDVALIDITY per start: the counter starts again, and (mailbox, UIDVALIDITY, UID) stays unique. */
  private readonly uidValidity = String(Date.now());
  private uid = 0;
  /** Messages acknowledged and being filed; stop() waits for them. */
  private readonly filing = new Set<Promise<void>>();

  constructor(private readonly deps: LabMailServerDeps) {}

  /** Where clients submit mail, once started. */
  get smtp(): { host: string; port: number } | null {
    return this.listening;
  }

  async start(): Promise<{ host: string; port: number }> {
    if (this.listening) return this.listening;
    const server = new SMTPServer({
      name: 'centralita-lab-mail',
      banner: 'Centralita lab mail (loopback only)',
      authOptional: true,
      disabledCommands: ['AUTH', 'STARTTLS'],
      size: LAB_MAX_MESSAGE_BYTES,
      disableReverseLookup: true,
      logger: false,
      closeTimeout: CLOSE_GRACE_MS,
      onData: (stream, session, callback) => this.onData(stream, session, callback),
    });
    server.on('error', (cause: Error) => this.deps.log.warn({ err: cause }, 'lab mail server error'));
    await new Promise<void>((resolve, reject) => {
      server.server.once('error', reject);
      server.listen(0, LAB_SMTP_HOST, () => {
        server.server.off('error', reject);
        resolve();
      });
    });
    this.server = server;
    this.listening = { host: LAB_SMTP_HOST, port: (server.server.address() as AddressInfo).port };
    this.deps.log.info({ ...this.listening, address: this.deps.mailbox.address }, 'lab mail server listening');
    return this.listening;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    this.listening = null;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
    await Promise.all([...this.filing]);
  }

  private onData(stream: SMTPServerDataStream, session: SMTPServerSession, callback: (err?: Error | null) => void): void {
    const chunks: Buffer[] = [];
    let size = 0;
    stream.on('data', (chunk: Buffer) => {
      size += chunk.length;
      // Past the limit the message is refused anyway: stop holding its bytes.
      if (size <= LAB_MAX_MESSAGE_BYTES) chunks.push(chunk);
    });
    stream.once('error', (cause: Error) => {
      this.deps.log.warn({ err: cause }, 'lab mail message could not be read');
      callback(smtpError(451, 'The message could not be read; try again.'));
    });
    stream.once('end', () => {
      if (stream.sizeExceeded || size > LAB_MAX_MESSAGE_BYTES) {
        callback(smtpError(552, `Message too big: the limit is ${LAB_MAX_MESSAGE_BYTES} bytes.`));
        return;
      }
      this.accept(Buffer.concat(chunks), session).then(
        () => callback(),
        (cause: unknown) => {
          this.deps.log.error({ err: cause }, 'lab mail message not stored; the client is told to try again');
          callback(smtpError(451, 'The message was not stored; try again later.'));
        },
      );
    });
  }

  /** Stores the message for every recipient; resolves only when all of it is stored. */
  private async accept(raw: Buffer, session: SMTPServerSession): Promise<void> {
    const { intake, mailbox, customers, clock, log } = this.deps;
    const recipients = [...new Set(session.envelope.rcptTo.map((r) => r.address.toLowerCase()))];
    const toCustomers = recipients.filter((address) => !isLabQueueAddress(address, mailbox.address));
    const headers = readRawHeaders(raw);
    const stored = toCustomers.length < recipients.length ? intake.storeRaw(LAB_MAILBOX_ID, this.uidValidity, ++this.uid, raw, normaliseMessageId(headers.header('message-id'))) : null;
    if (toCustomers.length > 0) {
      const parsed = await parseEmail(raw);
      const receivedAt = iso(clock.now());
      const dated = Date.parse(headers.header('date') ?? '');
      customers.deliver({
        to: toCustomers,
        from: parsed.from,
        replyTo: parsed.replyTo,
        cc: parsed.cc,
        subject: parsed.subject,
        messageId: parsed.messageId,
        inReplyTo: parsed.inReplyTo,
        references: parsed.references,
        text: parsed.text || (parsed.warning ?? ''),
        date: Number.isNaN(dated) ? receivedAt : iso(dated),
        receivedAt,
        automated: parsed.automated,
        size: raw.length,
      });
      log.info({ to: toCustomers, messageId: parsed.messageId }, 'lab mail delivered to customer mailboxes');
    }
    if (stored?.state === 'stored') this.fileLater(stored.id, envelopeOf(session));
  }

  /** Filing (parse, sender check, thread, work) runs after the client has its 250. */
  private fileLater(rowId: string, envelope: SmtpEnvelope): void {
    const filing = this.deps.intake
      .process(rowId, envelope)
      .catch((cause: unknown) => this.deps.log.error({ err: cause, rowId }, 'lab mail not filed; kept raw for the next start'))
      .finally(() => this.filing.delete(filing));
    this.filing.add(filing);
  }
}

function envelopeOf(session: SMTPServerSession): SmtpEnvelope {
  const from = session.envelope.mailFrom;
  return { ip: session.remoteAddress, helo: session.hostNameAppearsAs, sender: from ? from.address : '' };
}
