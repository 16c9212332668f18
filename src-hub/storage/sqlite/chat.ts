/** SQLite implementation of the chat repository (tables from migration 002). */
import type { ChatAttachment, ChatAttachmentType, ChatAuthor, ChatConversationState, ChatLanguage, ChatMessage, ChatWhisper } from '../../../src-common/chat';
import type { ChatAttachmentRow, ChatConversationRow, ChatRepository, ChatVisitorRow } from '../chat-repository';
import type { SqliteDb } from '../database';
import { rowOrNull } from './one-row';

interface VisitorRecord {
  id: string;
  name: string;
  email: string;
  phone: string;
  customer_id: string | null;
  created_at: string;
  seen_at: string;
}

interface ConversationRecord {
  id: string;
  visitor_id: string;
  item_id: string;
  state: ChatConversationState;
  customer_name: string;
  topic: string;
  agent_name: string | null;
  last_seq: number;
  customer_read_seq: number;
  agent_read_seq: number;
  closed_by: 'customer' | 'agent' | null;
  created_at: string;
  closed_at: string | null;
  language: ChatLanguage;
  transcript_email: string | null;
  transcript_sent_at: string | null;
}

interface MessageRecord {
  conversation_id: string;
  seq: number;
  client_id: string | null;
  author: ChatAuthor;
  author_name: string;
  text: string;
  at: string;
  attachment_id: string | null;
}

/** A message row joined with its attachment's public fields (null when it carries none). */
interface MessageWithAttachment extends MessageRecord {
  a_name: string | null;
  a_mime: ChatAttachmentType | null;
  a_size: number | null;
}

interface AttachmentRecord {
  id: string;
  conversation_id: string;
  file: string;
  name: string;
  mime: ChatAttachmentType;
  size: number;
  uploaded_by: 'customer' | 'agent';
  created_at: string;
}

const visitorOf = (r: VisitorRecord): ChatVisitorRow => ({
  id: r.id,
  name: r.name,
  email: r.email,
  phone: r.phone,
  customerId: r.customer_id,
  createdAt: r.created_at,
  seenAt: r.seen_at,
});

const conversationOf = (r: ConversationRecord): ChatConversationRow => ({
  id: r.id,
  visitorId: r.visitor_id,
  itemId: r.item_id,
  state: r.state,
  customerName: r.customer_name,
  topic: r.topic,
  agentName: r.agent_name,
  lastSeq: r.last_seq,
  customerReadSeq: r.customer_read_seq,
  agentReadSeq: r.agent_read_seq,
  closedBy: r.closed_by,
  createdAt: r.created_at,
  closedAt: r.closed_at,
  language: r.language,
  transcriptRequested: r.transcript_email !== null,
  transcriptEmail: r.transcript_email,
  transcriptSentAt: r.transcript_sent_at,
});

const messageOf = (r: MessageRecord, attachment: ChatAttachment | null): ChatMessage => ({
  conversationId: r.conversation_id,
  seq: r.seq,
  clientId: r.client_id,
  author: r.author,
  authorName: r.author_name,
  text: r.text,
  at: r.at,
  ...(attachment ? { attachment } : {}),
});

const joinedMessageOf = (r: MessageWithAttachment): ChatMessage =>
  messageOf(r, r.attachment_id && r.a_mime ? { id: r.attachment_id, name: r.a_name ?? '', mime: r.a_mime, size: r.a_size ?? 0 } : null);

const attachmentOf = (r: AttachmentRecord): ChatAttachmentRow => ({
  id: r.id,
  conversationId: r.conversation_id,
  file: r.file,
  name: r.name,
  mime: r.mime,
  size: r.size,
  uploadedBy: r.uploaded_by,
  createdAt: r.created_at,
});

const MESSAGE_SELECT = `SELECT m.*, a.name AS a_name, a.mime AS a_mime, a.size AS a_size
  FROM chat_messages m LEFT JOIN chat_attachments a ON a.id = m.attachment_id`;

interface WhisperRecord {
  id: number;
  item_id: string;
  author_id: string;
  author_name: string;
  text: string;
  at: string;
}

const whisperOf = (r: WhisperRecord): ChatWhisper => ({ id: r.id, itemId: r.item_id, authorId: r.author_id, authorName: r.author_name, text: r.text, at: r.at });

export function sqliteChat(db: SqliteDb): ChatRepository {
  const insertWhisper = db.prepare(`
    INSERT INTO chat_whispers (conversation_id, item_id, client_id, author_id, author_name, text, at)
    VALUES (@conversationId, @itemId, @clientId, @authorId, @authorName, @text, @at)
    ON CONFLICT(conversation_id, author_id, client_id) DO NOTHING`);
  const whisperByClient = db.prepare<[string, string, string], WhisperRecord>('SELECT * FROM chat_whispers WHERE conversation_id = ? AND author_id = ? AND client_id = ?');
  const whispersOf = db.prepare<[string], WhisperRecord>('SELECT * FROM chat_whispers WHERE conversation_id = ? ORDER BY id');
  const getVisitor = db.prepare<[string], VisitorRecord>('SELECT * FROM chat_visitors WHERE id = ?');
  const putVisitor = db.prepare(
    `INSERT INTO chat_visitors (id, name, email, phone, customer_id, created_at, seen_at)
     VALUES (@id, @name, @email, @phone, @customerId, @createdAt, @seenAt)
     ON CONFLICT(id) DO UPDATE SET name = excluded.name, email = excluded.email, phone = excluded.phone,
       customer_id = excluded.customer_id, seen_at = excluded.seen_at`,
  );
  const insertConversation = db.prepare(
    `INSERT INTO chat_conversations (id, visitor_id, item_id, state, customer_name, topic, agent_name, last_seq,
       customer_read_seq, agent_read_seq, closed_by, created_at, closed_at, language, transcript_email, transcript_sent_at)
     VALUES (@id, @visitorId, @itemId, @state, @customerName, @topic, @agentName, @lastSeq,
       @customerReadSeq, @agentReadSeq, @closedBy, @createdAt, @closedAt, @language, @transcriptEmail, @transcriptSentAt)`,
  );
  const updateConversation = db.prepare(
    `UPDATE chat_conversations SET state = @state, customer_name = @customerName, agent_name = @agentName,
       last_seq = @lastSeq, customer_read_seq = @customerReadSeq, agent_read_seq = @agentReadSeq,
       closed_by = @closedBy, closed_at = @closedAt, language = @language, transcript_email = @transcriptEmail,
       transcript_sent_at = @transcriptSentAt WHERE id = @id`,
  );
  const getConversation = db.prepare<[string], ConversationRecord>('SELECT * FROM chat_conversations WHERE id = ?');
  const byItem = db.prepare<[string], ConversationRecord>('SELECT * FROM chat_conversations WHERE item_id = ?');
  const latest = db.prepare<[string], ConversationRecord>(
    'SELECT * FROM chat_conversations WHERE visitor_id = ? ORDER BY created_at DESC, rowid DESC LIMIT 1',
  );
  const waiting = db.prepare<[], ConversationRecord>("SELECT * FROM chat_conversations WHERE state = 'waiting'");
  const bumpSeq = db.prepare<[string], { last_seq: number }>(
    'UPDATE chat_conversations SET last_seq = last_seq + 1 WHERE id = ? RETURNING last_seq',
  );
  const insertMessage = db.prepare(
    `INSERT INTO chat_messages (conversation_id, seq, client_id, author, author_name, text, at, attachment_id)
     VALUES (@conversation_id, @seq, @client_id, @author, @author_name, @text, @at, @attachment_id)`,
  );
  const byClientId = db.prepare<[string, string, string], MessageWithAttachment>(
    `${MESSAGE_SELECT} WHERE m.conversation_id = ? AND m.author = ? AND m.client_id = ?`,
  );
  const after = db.prepare<[string, number], MessageWithAttachment>(`${MESSAGE_SELECT} WHERE m.conversation_id = ? AND m.seq > ? ORDER BY m.seq`);
  const insertAttachment = db.prepare(
    `INSERT INTO chat_attachments (id, conversation_id, file, name, mime, size, uploaded_by, created_at)
     VALUES (@id, @conversationId, @file, @name, @mime, @size, @uploadedBy, @createdAt)`,
  );
  const getAttachment = db.prepare<[string], AttachmentRecord>('SELECT * FROM chat_attachments WHERE id = ?');

  return {
    visitor: (id) => rowOrNull(getVisitor.get(id), visitorOf),
    saveVisitor: (row) => void putVisitor.run(row),
    insertConversation: (row) =>
      void insertConversation.run({ language: 'es', transcriptEmail: null, transcriptSentAt: null, ...row }),
    conversation: (id) => rowOrNull(getConversation.get(id), conversationOf),
    conversationByItem: (itemId) => rowOrNull(byItem.get(itemId), conversationOf),
    latestForVisitor: (visitorId) => rowOrNull(latest.get(visitorId), conversationOf),
    waitingConversations: () => waiting.all().map(conversationOf),
    saveConversation: (row) => void updateConversation.run(row),
    appendMessage(conversationId, message) {
      const bumped = bumpSeq.get(conversationId);
      if (!bumped) throw new Error(`chat conversation ${conversationId} does not exist`);
      const record: MessageRecord = {
        conversation_id: conversationId,
        seq: bumped.last_seq,
        client_id: message.clientId,
        author: message.author,
        author_name: message.authorName,
        text: message.text,
        at: message.at,
        attachment_id: message.attachmentId ?? null,
      };
      insertMessage.run(record);
      const attached = record.attachment_id ? getAttachment.get(record.attachment_id) : undefined;
      return messageOf(record, attached ? { id: attached.id, name: attached.name, mime: attached.mime, size: attached.size } : null);
    },
    messageByClientId: (conversationId, author, clientId) => rowOrNull(byClientId.get(conversationId, author, clientId), joinedMessageOf),
    messagesAfter: (conversationId, afterSeq) => after.all(conversationId, afterSeq).map(joinedMessageOf),
    insertAttachment: (row) => void insertAttachment.run(row),
    attachment: (id) => rowOrNull(getAttachment.get(id), attachmentOf),
    appendWhisper: (conversationId, whisper) => {
      insertWhisper.run({ conversationId, ...whisper });
      const stored = whisperByClient.get(conversationId, whisper.authorId, whisper.clientId);
      if (!stored) throw new Error(`whisper ${whisper.clientId} was not stored`);
      return whisperOf(stored);
    },
    whispers: (conversationId) => whispersOf.all(conversationId).map(whisperOf),
  };
}
