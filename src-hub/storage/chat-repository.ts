/**
 * Storage seam for web chat (visitors, conversations, messages). Like the other repositories,
 * synchronous and called inside the contact center's transactions, so a message, its hub
 * event and an idempotency record commit together.
 */
import type { ChatAttachment, ChatAuthor, ChatConversation, ChatLanguage, ChatMessage, ChatWhisper } from '../../src-common/chat';

export interface ChatVisitorRow {
  id: string;
  name: string;
  email: string;
  phone: string;
  customerId: string | null;
  createdAt: string;
  seenAt: string;
}

export interface ChatConversationRow extends ChatConversation {
  visitorId: string;
  /** Migration 005: the widget's language, for every system text the hub sends the customer. */
  language: ChatLanguage;
  /** Where the transcript goes when the chat closes; null when nobody asked for it. */
  transcriptEmail: string | null;
  /** When the transcript was handed to the mailer; set once, so it is sent once. */
  transcriptSentAt: string | null;
  createdAt: string;
  closedAt: string | null;
}

/** A new conversation; language defaults to Spanish and no transcript is requested. */
export type NewChatConversation = Omit<ChatConversationRow, 'language' | 'transcriptEmail' | 'transcriptSentAt'> &
  Partial<Pick<ChatConversationRow, 'language' | 'transcriptEmail' | 'transcriptSentAt'>>;

export interface NewChatMessage {
  clientId: string | null;
  author: ChatAuthor;
  authorName: string;
  text: string;
  at: string;
  /** Set for a message that carries a file (stored first with insertAttachment). */
  attachmentId?: string | null;
}

export interface ChatAttachmentRow extends ChatAttachment {
  conversationId: string;
  /** The generated file name under the hub's attachment folder. */
  file: string;
  uploadedBy: 'customer' | 'agent';
  createdAt: string;
}

export interface ChatRepository {
  visitor(id: string): ChatVisitorRow | null;
  saveVisitor(row: ChatVisitorRow): void;
  insertConversation(row: NewChatConversation): void;
  conversation(id: string): ChatConversationRow | null;
  conversationByItem(itemId: string): ChatConversationRow | null;
  /** The visitor's newest conversation (open or not). */
  latestForVisitor(visitorId: string): ChatConversationRow | null;
  /** Conversations no agent has taken yet (their customer is waiting in queue). */
  waitingConversations(): ChatConversationRow[];
  saveConversation(row: ChatConversationRow): void;
  /** Numbers the message (last seq + 1), stores it and advances the conversation. */
  appendMessage(conversationId: string, message: NewChatMessage): ChatMessage;
  messageByClientId(conversationId: string, author: ChatAuthor, clientId: string): ChatMessage | null;
  messagesAfter(conversationId: string, afterSeq: number): ChatMessage[];
  insertAttachment(row: ChatAttachmentRow): void;
  attachment(id: string): ChatAttachmentRow | null;
  /** Stores a supervisor's whisper (migration 013); a repeated clientId answers the stored one. */
  appendWhisper(conversationId: string, whisper: NewChatWhisper): ChatWhisper;
  whispers(conversationId: string): ChatWhisper[];
}

export interface NewChatWhisper {
  itemId: string;
  clientId: string;
  authorId: string;
  authorName: string;
  text: string;
  at: string;
}
