/** Email threads and messages (migration 011): raw mail as received, parsed fields, replies. */

export type EmailMessageState = 'stored' | 'processed' | 'duplicate' | 'queued' | 'sending' | 'sent' | 'failed';

export interface EmailThreadRow {
  id: string;
  mailboxId: string;
  queueId: string;
  customerId: string | null;
  customerAddress: string;
  /** Short random token carried in Reply-To (plus-addressing) and the subject ("[#token]"). */
  token: string;
  subject: string;
  /** The work item the thread is handled in now; a reply after it is done makes a new item. */
  currentItemId: string | null;
  /** Who answered last: a customer's reply goes back to them when they can take it. */
  lastAgentId: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface EmailMessageRow {
  id: string;
  direction: 'in' | 'out';
  mailboxId: string;
  uidValidity: string | null;
  uid: number | null;
  /** Without angle brackets. */
  messageId: string;
  threadId: string | null;
  itemId: string | null;
  raw: Buffer | null;
  from: string;
  to: string[];
  cc: string[];
  /** Outgoing only: blind copies (never in the headers). */
  bcc: string[];
  subject: string;
  text: string;
  html: string | null;
  inReplyTo: string | null;
  references: string[];
  attachmentsJson: string;
  warning: string | null;
  automated: string | null;
  /** Incoming: the sender check as JSON (SenderCheck in src-common/email.ts), null until it ran. */
  senderCheckJson: string | null;
  /** Incoming: the images its HTML shows by cid:, as InlineImage[] JSON ('[]' when none). */
  inlineImagesJson: string;
  /** Incoming: not verified, yet from the address of a customer known before this mail. */
  claimsKnownCustomer: boolean;
  state: EmailMessageState;
  clientId: string | null;
  authorId: string | null;
  attempts: number;
  nextAttemptAt: number | null;
  lastError: string | null;
  createdAt: string;
}

/** A file an agent uploaded for a reply (migration 017); `file` is its name under <data>/email-attachments. */
export interface EmailUploadRow {
  id: string;
  itemId: string;
  userId: string;
  file: string;
  name: string;
  mime: string;
  size: number;
  createdAt: string;
}

export interface EmailRepository {
  /** Stores a fetched message raw; false when (mailbox, UIDVALIDITY, UID) is already stored. */
  insertRaw(row: { id: string; mailboxId: string; uidValidity: string; uid: number; messageId: string; raw: Buffer; createdAt: string }): boolean;
  byUid(mailboxId: string, uidValidity: string, uid: number): EmailMessageRow | null;
  get(id: string): EmailMessageRow | null;
  /** Every stored message with that Message-ID (in and out), oldest first. */
  byMessageId(messageId: string): EmailMessageRow[];
  /** Inbound messages stored raw but not yet turned into work (a crash in between). */
  unprocessed(): EmailMessageRow[];
  save(row: EmailMessageRow): void;
  insertReply(row: EmailMessageRow): void;
  replyByClient(threadId: string, clientId: string): EmailMessageRow | null;
  /** Replies waiting to be (re)tried at `now`, oldest first. */
  dueReplies(now: number): EmailMessageRow[];
  /** When the next waiting reply is due, for one timer. */
  nextReplyDue(): number | null;
  messagesOfThread(threadId: string): EmailMessageRow[];
  thread(id: string): EmailThreadRow | null;
  threadByToken(token: string): EmailThreadRow | null;
  threadByItem(itemId: string): EmailThreadRow | null;
  insertThread(row: EmailThreadRow): void;
  saveThread(row: EmailThreadRow): void;
  insertUpload(row: EmailUploadRow): void;
  upload(id: string): EmailUploadRow | null;
}
