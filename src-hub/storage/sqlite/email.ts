/** SQLite email threads and messages (migration 011). */
import type { SqliteDb } from '../database';
import type { EmailMessageRow, EmailMessageState, EmailRepository, EmailThreadRow, EmailUploadRow } from '../email-repository';
import { rowOrNull } from './one-row';

interface MessageRecord {
  id: string;
  direction: 'in' | 'out';
  mailbox_id: string;
  uid_validity: string | null;
  uid: number | null;
  message_id: string;
  thread_id: string | null;
  item_id: string | null;
  raw: Buffer | null;
  from_address: string;
  to_json: string;
  cc_json: string;
  bcc_json: string;
  subject: string;
  text_body: string;
  html_body: string | null;
  in_reply_to: string | null;
  references_json: string;
  attachments_json: string;
  warning: string | null;
  automated: string | null;
  sender_check: string | null;
  inline_images_json: string;
  claims_known_customer: number;
  state: EmailMessageState;
  client_id: string | null;
  author_id: string | null;
  attempts: number;
  next_attempt_at: number | null;
  last_error: string | null;
  created_at: string;
}

interface ThreadRecord {
  id: string;
  mailbox_id: string;
  queue_id: string;
  customer_id: string | null;
  customer_address: string;
  token: string;
  subject: string;
  current_item_id: string | null;
  last_agent_id: string | null;
  created_at: string;
  updated_at: string;
}

function strings(json: string): string[] {
  const parsed: unknown = JSON.parse(json);
  return Array.isArray(parsed) ? parsed.filter((x): x is string => typeof x === 'string') : [];
}

const toMessage = (r: MessageRecord): EmailMessageRow => ({
  id: r.id,
  direction: r.direction,
  mailboxId: r.mailbox_id,
  uidValidity: r.uid_validity,
  uid: r.uid,
  messageId: r.message_id,
  threadId: r.thread_id,
  itemId: r.item_id,
  raw: r.raw,
  from: r.from_address,
  to: strings(r.to_json),
  cc: strings(r.cc_json),
  bcc: strings(r.bcc_json),
  subject: r.subject,
  text: r.text_body,
  html: r.html_body,
  inReplyTo: r.in_reply_to,
  references: strings(r.references_json),
  attachmentsJson: r.attachments_json,
  warning: r.warning,
  automated: r.automated,
  senderCheckJson: r.sender_check,
  inlineImagesJson: r.inline_images_json,
  claimsKnownCustomer: r.claims_known_customer === 1,
  state: r.state,
  clientId: r.client_id,
  authorId: r.author_id,
  attempts: r.attempts,
  nextAttemptAt: r.next_attempt_at,
  lastError: r.last_error,
  createdAt: r.created_at,
});

const fromMessage = (m: EmailMessageRow): MessageRecord => ({
  id: m.id,
  direction: m.direction,
  mailbox_id: m.mailboxId,
  uid_validity: m.uidValidity,
  uid: m.uid,
  message_id: m.messageId,
  thread_id: m.threadId,
  item_id: m.itemId,
  raw: m.raw,
  from_address: m.from,
  to_json: JSON.stringify(m.to),
  cc_json: JSON.stringify(m.cc),
  bcc_json: JSON.stringify(m.bcc),
  subject: m.subject,
  text_body: m.text,
  html_body: m.html,
  in_reply_to: m.inReplyTo,
  references_json: JSON.stringify(m.references),
  attachments_json: m.attachmentsJson,
  warning: m.warning,
  automated: m.automated,
  sender_check: m.senderCheckJson,
  inline_images_json: m.inlineImagesJson,
  claims_known_customer: m.claimsKnownCustomer ? 1 : 0,
  state: m.state,
  client_id: m.clientId,
  author_id: m.authorId,
  attempts: m.attempts,
  next_attempt_at: m.nextAttemptAt,
  last_error: m.lastError,
  created_at: m.createdAt,
});

const toThread = (r: ThreadRecord): EmailThreadRow => ({
  id: r.id,
  mailboxId: r.mailbox_id,
  queueId: r.queue_id,
  customerId: r.customer_id,
  customerAddress: r.customer_address,
  token: r.token,
  subject: r.subject,
  currentItemId: r.current_item_id,
  lastAgentId: r.last_agent_id,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

const MESSAGE_COLUMNS: readonly (keyof MessageRecord)[] = [
  'id', 'direction', 'mailbox_id', 'uid_validity', 'uid', 'message_id', 'thread_id', 'item_id', 'raw', 'from_address', 'to_json',
  'cc_json', 'bcc_json', 'subject', 'text_body', 'html_body', 'in_reply_to', 'references_json', 'attachments_json', 'warning', 'automated',
  'sender_check', 'inline_images_json', 'claims_known_customer', 'state', 'client_id', 'author_id', 'attempts', 'next_attempt_at', 'last_error', 'created_at',
];

export function sqliteEmail(db: SqliteDb): EmailRepository {
  const insertRaw = db.prepare(
    `INSERT INTO email_messages (id, direction, mailbox_id, uid_validity, uid, message_id, raw, state, created_at)
     VALUES (@id, 'in', @mailboxId, @uidValidity, @uid, @messageId, @raw, 'stored', @createdAt)
     ON CONFLICT DO NOTHING`,
  );
  const byUid = db.prepare<[string, string, number], MessageRecord>("SELECT * FROM email_messages WHERE direction = 'in' AND mailbox_id = ? AND uid_validity = ? AND uid = ?");
  const get = db.prepare<[string], MessageRecord>('SELECT * FROM email_messages WHERE id = ?');
  const byMessageId = db.prepare<[string], MessageRecord>('SELECT * FROM email_messages WHERE message_id = ? ORDER BY created_at, id');
  const unprocessed = db.prepare<[], MessageRecord>("SELECT * FROM email_messages WHERE state = 'stored' ORDER BY created_at, id");
  const upsert = db.prepare(
    `INSERT OR REPLACE INTO email_messages (${MESSAGE_COLUMNS.join(', ')}) VALUES (${MESSAGE_COLUMNS.map((c) => `@${c}`).join(', ')})`,
  );
  const insertReply = db.prepare(`INSERT INTO email_messages (${MESSAGE_COLUMNS.join(', ')}) VALUES (${MESSAGE_COLUMNS.map((c) => `@${c}`).join(', ')})`);
  const replyByClient = db.prepare<[string, string], MessageRecord>("SELECT * FROM email_messages WHERE direction = 'out' AND thread_id = ? AND client_id = ?");
  const due = db.prepare<[number], MessageRecord>("SELECT * FROM email_messages WHERE state IN ('queued', 'sending') AND COALESCE(next_attempt_at, 0) <= ? ORDER BY created_at, id");
  const nextDue = db.prepare<[], { at: number | null }>("SELECT MIN(COALESCE(next_attempt_at, 0)) AS at FROM email_messages WHERE state IN ('queued', 'sending')");
  const ofThread = db.prepare<[string], MessageRecord>("SELECT * FROM email_messages WHERE thread_id = ? AND state <> 'duplicate' ORDER BY created_at, id");
  const thread = db.prepare<[string], ThreadRecord>('SELECT * FROM email_threads WHERE id = ?');
  const threadByToken = db.prepare<[string], ThreadRecord>('SELECT * FROM email_threads WHERE token = ?');
  const threadByItem = db.prepare<[string], ThreadRecord>('SELECT * FROM email_threads WHERE current_item_id = ?');
  const threadByMessageItem = db.prepare<[string], ThreadRecord>(
    'SELECT t.* FROM email_threads t JOIN email_messages m ON m.thread_id = t.id WHERE m.item_id = ? LIMIT 1',
  );
  const saveThread = db.prepare(
    `INSERT OR REPLACE INTO email_threads (id, mailbox_id, queue_id, customer_id, customer_address, token, subject, current_item_id, last_agent_id, created_at, updated_at)
     VALUES (@id, @mailboxId, @queueId, @customerId, @customerAddress, @token, @subject, @currentItemId, @lastAgentId, @createdAt, @updatedAt)`,
  );
  const insertUpload = db.prepare(
    'INSERT INTO email_uploads (id, item_id, user_id, file, name, mime, size, created_at) VALUES (@id, @itemId, @userId, @file, @name, @mime, @size, @createdAt)',
  );
  const upload = db.prepare<[string], { id: string; item_id: string; user_id: string; file: string; name: string; mime: string; size: number; created_at: string }>(
    'SELECT * FROM email_uploads WHERE id = ?',
  );
  const toUpload = (r: { id: string; item_id: string; user_id: string; file: string; name: string; mime: string; size: number; created_at: string }): EmailUploadRow => ({
    id: r.id,
    itemId: r.item_id,
    userId: r.user_id,
    file: r.file,
    name: r.name,
    mime: r.mime,
    size: r.size,
    createdAt: r.created_at,
  });
  return {
    insertRaw: (row) => insertRaw.run(row).changes === 1,
    byUid: (mailboxId, uidValidity, uid) => rowOrNull(byUid.get(mailboxId, uidValidity, uid), toMessage),
    get: (id) => rowOrNull(get.get(id), toMessage),
    byMessageId: (messageId) => byMessageId.all(messageId).map(toMessage),
    unprocessed: () => unprocessed.all().map(toMessage),
    save: (row) => void upsert.run(fromMessage(row)),
    insertReply: (row) => void insertReply.run(fromMessage(row)),
    replyByClient: (threadId, clientId) => rowOrNull(replyByClient.get(threadId, clientId), toMessage),
    dueReplies: (now) => due.all(now).map(toMessage),
    nextReplyDue: () => nextDue.get()?.at ?? null,
    messagesOfThread: (threadId) => ofThread.all(threadId).map(toMessage),
    thread: (id) => rowOrNull(thread.get(id), toThread),
    threadByToken: (token) => rowOrNull(threadByToken.get(token), toThread),
    threadByItem: (itemId) => rowOrNull(threadByItem.get(itemId) ?? threadByMessageItem.get(itemId), toThread),
    insertThread: (row) => void saveThread.run(row),
    saveThread: (row) => void saveThread.run(row),
    insertUpload: (row) => void insertUpload.run(row),
    upload: (id) => rowOrNull(upload.get(id), toUpload),
  };
}
