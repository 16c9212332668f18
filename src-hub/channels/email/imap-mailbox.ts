/**
 * Watches one IMAP mailbox folder: IDLE tells at once when mail arrives (imapflow keeps IDLE
 * running whenever no command is), a poll every `pollSeconds` covers servers and proxies that
 * drop IDLE silently, and a lost connection is retried with the house backoff. Each pass looks
 * for mail not taken yet — without the $CentralitaTaken keyword (flag mode), or anything left
 * in the folder (move mode) — so a UIDVALIDITY change (a rebuilt mailbox) re-reads the folder
 * and the stored Message-IDs keep anything from being taken twice.
 */
import { ImapFlow } from 'imapflow';
import type { EmailMailbox } from '../../../src-common/email';
import { backoffDelayMs, type BackoffPolicy } from '../../../src-common/backoff';
import type { HubLogger } from '../../log';
import type { EmailIntake } from './email-intake';
import { readMailSecret } from './mail-secrets';
import { normaliseMessageId } from './message-ids';

export const TAKEN_KEYWORD = '$CentralitaTaken';
/** Messages fetched per round trip: bounded memory however full the folder is. */
const FETCH_BATCH = 50;
const RECONNECT_BACKOFF: BackoffPolicy = { initialMs: 1_000, maxMs: 60_000 };

export class ImapMailboxWatcher {
  private client: ImapFlow | null = null;
  private stopped = false;
  private attempt = 0;
  private passRunning = false;
  private passAgain = false;
  private pollTimer: NodeJS.Timeout | null = null;
  private reconnectTimer: NodeJS.Timeout | null = null;
  private uidValidity: string | null = null;
  private passDone: Promise<void> = Promise.resolve();

  constructor(
    private readonly mailbox: EmailMailbox,
    private readonly intake: EmailIntake,
    private readonly log: HubLogger,
  ) {}

  start(): void {
    void this.connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.pollTimer) clearInterval(this.pollTimer);
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    await this.passDone.catch(() => undefined);
    const client = this.client;
    this.client = null;
    if (client) await client.logout().catch(() => client.close());
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    const { imap } = this.mailbox;
    const password = imap.auth ? readMailSecret(imap.auth) : '';
    if (password instanceof Error) {
      this.log.error({ mailboxId: this.mailbox.id, error: password.message }, 'email mailbox has no usable password; not watching it');
      return;
    }
    const client = new ImapFlow({
      host: imap.host,
      port: imap.port,
      secure: imap.secure,
      auth: { user: imap.user, pass: password },
      logger: false,
      // imapflow waits 15 s of quiet before it IDLEs; a contact centre wants new mail at once.
      autoIdleDelay: 250,
      // Restart IDLE now and then: some servers and NAT boxes drop an IDLE left alone for long.
      maxIdleTime: 5 * 60_000,
    });
    client.on('error', (cause: unknown) => this.log.warn({ err: cause, mailboxId: this.mailbox.id }, 'email IMAP connection error'));
    client.on('close', () => this.lost(client));
    client.on('exists', () => this.schedulePass());
    this.client = client;
    try {
      await client.connect();
      const opened = await client.mailboxOpen(this.mailbox.folder);
      const validity = String(opened.uidValidity);
      if (this.uidValidity !== null && this.uidValidity !== validity) {
        this.log.warn({ mailboxId: this.mailbox.id, before: this.uidValidity, now: validity }, 'email mailbox UIDVALIDITY changed; re-reading the folder (Message-IDs prevent double intake)');
      }
      this.uidValidity = validity;
      this.attempt = 0;
      this.log.info({ mailboxId: this.mailbox.id, folder: this.mailbox.folder, idle: client.capabilities.has('IDLE') }, 'email mailbox watched');
      if (this.pollTimer) clearInterval(this.pollTimer);
      this.pollTimer = setInterval(() => this.schedulePass(), this.mailbox.pollSeconds * 1000);
      this.pollTimer.unref();
      this.schedulePass();
    } catch (cause) {
      this.log.warn({ err: cause, mailboxId: this.mailbox.id }, 'email mailbox connection failed');
      client.close();
    }
  }

  private lost(client: ImapFlow): void {
    if (this.client !== client) return;
    this.client = null;
    if (this.pollTimer) clearInterval(this.pollTimer);
    this.pollTimer = null;
    if (this.stopped) return;
    const delay = backoffDelayMs(this.attempt++, RECONNECT_BACKOFF);
    this.log.info({ mailboxId: this.mailbox.id, delayMs: delay }, 'email mailbox connection lost; reconnecting');
    this.reconnectTimer = setTimeout(() => void this.connect(), delay);
    this.reconnectTimer.unref();
  }

  /** One pass at a time; mail announced during a pass gets another pass right after. */
  private schedulePass(): void {
    if (this.stopped) return;
    if (this.passRunning) {
      this.passAgain = true;
      return;
    }
    this.passRunning = true;
    this.passDone = this.pass()
      .catch((cause: unknown) => this.log.warn({ err: cause, mailboxId: this.mailbox.id }, 'email mailbox pass failed; the next one retries'))
      .finally(() => {
        this.passRunning = false;
        if (this.passAgain) {
          this.passAgain = false;
          this.schedulePass();
        }
      });
  }

  private async pass(): Promise<void> {
    const client = this.client;
    if (!client?.usable || this.uidValidity === null) return;
    const validity = this.uidValidity;
    const query = this.mailbox.afterIntake === 'flag' ? { unKeyword: TAKEN_KEYWORD } : { all: true };
    const found = await client.search(query, { uid: true });
    const uids = Array.isArray(found) ? [...found].sort((a, b) => a - b) : [];
    for (let start = 0; start < uids.length && !this.stopped; start += FETCH_BATCH) {
      const batch = uids.slice(start, start + FETCH_BATCH);
      const stored: { uid: number; rowId: string; state: string }[] = [];
      for await (const message of client.fetch(batch.join(','), { uid: true, source: true, envelope: true }, { uid: true })) {
        if (!message.source) continue;
        const row = this.intake.storeRaw(this.mailbox.id, validity, message.uid, message.source, normaliseMessageId(message.envelope?.messageId));
        stored.push({ uid: message.uid, rowId: row.id, state: row.state });
      }
      for (const entry of stored) if (entry.state === 'stored') await this.intake.process(entry.rowId);
      const done = stored.map((s) => s.uid).join(',');
      if (!done) continue;
      // Only now, with every message of the batch stored and filed, does the server hear of it.
      if (this.mailbox.afterIntake === 'move' && this.mailbox.moveTo) await client.messageMove(done, this.mailbox.moveTo, { uid: true });
      else await client.messageFlagsAdd(done, [TAKEN_KEYWORD], { uid: true });
    }
  }
}
