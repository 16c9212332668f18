/** SQLite implementation of the chat repository (tables from migration 002). */
import type { ChatAuthor, ChatConversationState, ChatMessage } from '../../../src-common/chat';
import type { ChatConversationRow, ChatRepository, ChatVisitorRow } from '../chat-repository';
import type { SqliteDb } from '../database';

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
}

interface MessageRecord {
  conversation_id: string;
  seq: number;
  client_id: string | null;
  author: ChatAuthor;
  author_name: string;
  text: string;
  at: string;
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
});

const messageOf = (r: MessageRecord): ChatMessage => ({
  conversationId: r.conversation_id,
  seq: r.seq,
  clientId: r.client_id,
  author: r.author,
  authorName: r.author_name,
  text: r.text,
  at: r.at,
});

export function sqliteChat(db: SqliteDb): ChatRepository {
  const getVisitor = db.prepare<[string], VisitorRecord>('SELECT * FROM chat_visitors WHERE id = ?');
  const putVisitor = db.prepare(
    `INSERT INTO chat_visitors (id, name, email, phone, customer_id, created_at, seen_at)
     VALUES (@id, @name, @email, @phone, @customerId, @createdAt, @seenAt)
     ON CONFLICT(id) DO UPDATE SET name = excluded.name, email = excluded.email, phone = excluded.phone,
       customer_id = excluded.customer_id, seen_at = excluded.seen_at`,
  );
  const insertConversation = db.prepare(
    `INSERT INTO chat_conversations (id, visitor_id, item_id, state, customer_name, topic, agent_name, last_seq,
       customer_read_seq, agent_read_seq, closed_by, created_at, closed_at)
     VALUES (@id, @visitorId, @itemId, @state, @customerName, @topic, @agentName, @lastSeq,
       @customerReadSeq, @agentReadSeq, @closedBy, @createdAt, @closedAt)`,
  );
  const updateConversation = db.prepare(
    `UPDATE chat_conversations SET state = @state, customer_name = @customerName, agent_name = @agentName,
       last_seq = @lastSeq, customer_read_seq = @customerReadSeq, agent_read_seq = @agentReadSeq,
       closed_by = @closedBy, closed_at = @closedAt WHERE id = @id`,
  );
  const getConversation = db.prepare<[string], ConversationRecord>('SELECT * FROM chat_conversations WHERE id = ?');
  const byItem = db.prepare<[string], ConversationRecord>('SELECT * FROM chat_conversations WHERE item_id = ?');
  const latest = db.prepare<[string], ConversationRecord>(
    'SELECT * FROM chat_conversations WHERE visitor_id = ? ORDER BY created_at DESC, rowid DESC LIMIT 1',
  );
  const bumpSeq = db.prepare<[string], { last_seq: number }>(
    'UPDATE chat_conversations SET last_seq = last_seq + 1 WHERE id = ? RETURNING last_seq',
  );
  const insertMessage = db.prepare(
    `INSERT INTO chat_messages (conversation_id, seq, client_id, author, author_name, text, at)
     VALUES (@conversation_id, @seq, @client_id, @author, @author_name, @text, @at)`,
  );
  const byClientId = db.prepare<[string, string, string], MessageRecord>(
    'SELECT * FROM chat_messages WHERE conversation_id = ? AND author = ? AND client_id = ?',
  );
  const after = db.prepare<[string, number], MessageRecord>('SELECT * FROM chat_messages WHERE conversation_id = ? AND seq > ? ORDER BY seq');

  return {
    visitor: (id) => {
      const r = getVisitor.get(id);
      return r ? visitorOf(r) : null;
    },
    saveVisitor: (row) => void putVisitor.run(row),
    insertConversation: (row) => void insertConversation.run(row),
    conversation: (id) => {
      const r = getConversation.get(id);
      return r ? conversationOf(r) : null;
    },
    conversationByItem: (itemId) => {
      const r = byItem.get(itemId);
      return r ? conversationOf(r) : null;
    },
    latestForVisitor: (visitorId) => {
      const r = latest.get(visitorId);
      return r ? conversationOf(r) : null;
    },
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
      };
      insertMessage.run(record);
      return messageOf(record);
    },
    messageByClientId: (conversationId, author, clientId) => {
      const r = byClientId.get(conversationId, author, clientId);
      return r ? messageOf(r) : null;
    },
    messagesAfter: (conversationId, afterSeq) => after.all(conversationId, afterSeq).map(messageOf),
  };
}
