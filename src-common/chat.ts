/**
 * Web chat: the customer-facing widget protocol (browser <-> hub over /ws/chat) and the chat
 * vocabulary the desktop protocol shares (a message, a conversation). Everything a customer
 * sends is untrusted text: the schemas cap sizes, and every view renders it as text.
 *
 * Resume: each conversation numbers its messages 1, 2, 3… (`seq`). A reconnecting widget says
 * the last seq it has and the hub sends exactly the ones after it. Sends carry a client id
 * chosen by the sender; a repeated client id is answered with the stored message, not a copy,
 * so a resend after a lost acknowledgement never doubles a message.
 */
import { z } from 'zod';

export const CHAT_PROTOCOL_VERSION = 1;
export const CHAT_WS_PATH = '/ws/chat';
export const CHAT_WIDGET_SCRIPT_PATH = '/widget.js';
export const CHAT_PAGE_PATH = '/chat';

/** Longest message either side may send, in characters. */
export const CHAT_MAX_TEXT = 4000;
/** Largest frame the hub accepts from a widget, in bytes; bigger frames get a 'too-large' error. */
export const CHAT_MAX_FRAME_BYTES = 16 * 1024;

/** Attachments (upload: POST with the raw bytes; download: GET …/{id}); both carry a Bearer token. */
export const CHAT_ATTACHMENTS_PATH = '/api/chat/attachments';
/** Types the hub can recognise by their first bytes; the hub config chooses which it accepts. */
export const ChatAttachmentType = z.enum(['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'application/pdf', 'text/plain']);
export type ChatAttachmentType = z.infer<typeof ChatAttachmentType>;

/** A file in a conversation. `name` is the sender's untrusted text: shown as text, never used as a path. */
export const ChatAttachment = z.object({
  id: z.string().min(1).max(64),
  name: z.string().max(255),
  mime: ChatAttachmentType,
  size: z.number().int().nonnegative(),
});
export type ChatAttachment = z.infer<typeof ChatAttachment>;

export const ChatAuthor = z.enum(['customer', 'agent', 'system']);
export type ChatAuthor = z.infer<typeof ChatAuthor>;

const ClientId = z.string().min(8).max(64).regex(/^[A-Za-z0-9_-]+$/);

export const ChatMessage = z.object({
  conversationId: z.string().min(1).max(128),
  seq: z.number().int().positive(),
  /** The sender's own id for the message: makes a resend idempotent. */
  clientId: z.string().max(64).nullable(),
  author: ChatAuthor,
  authorName: z.string().max(200),
  text: z.string().max(CHAT_MAX_TEXT),
  at: z.string(),
  /** A message that carries a file; its text is the file's name. */
  attachment: ChatAttachment.nullable().optional(),
});
export type ChatMessage = z.infer<typeof ChatMessage>;

/** The languages the widget (and the hub's customer-facing texts) speak. */
export const ChatLanguage = z.enum(['es', 'ca', 'en']);
export type ChatLanguage = z.infer<typeof ChatLanguage>;

export const ChatConversationState = z.enum(['waiting', 'active', 'closed']);
export type ChatConversationState = z.infer<typeof ChatConversationState>;

export const ChatConversation = z.object({
  id: z.string().min(1).max(128),
  itemId: z.string().min(1).max(128),
  state: ChatConversationState,
  customerName: z.string().max(200),
  topic: z.string().max(128),
  agentName: z.string().max(200).nullable(),
  /** Highest seq so far. */
  lastSeq: z.number().int().nonnegative(),
  /** Highest seq the customer has read; the agent's messages up to it show as read. */
  customerReadSeq: z.number().int().nonnegative(),
  /** Highest seq the agent has read; the customer's messages up to it show as read. */
  agentReadSeq: z.number().int().nonnegative(),
  closedBy: z.enum(['customer', 'agent']).nullable(),
  /** The widget's language when the chat started: the hub's system texts to the customer use it. */
  language: ChatLanguage.optional(),
  /** The customer asked for the transcript by email (sent once, when the chat closes). */
  transcriptRequested: z.boolean().optional(),
});
export type ChatConversation = z.infer<typeof ChatConversation>;

/**
 * A supervisor's note to the agent in a chat. It lives apart from the customer's messages (its
 * own table), so no path that serves the customer (widget, transcript email) can carry it.
 */
export const ChatWhisper = z.object({
  id: z.number().int().positive(),
  itemId: z.string(),
  authorId: z.string(),
  authorName: z.string().max(200),
  text: z.string().max(CHAT_MAX_TEXT),
  at: z.string(),
});
export type ChatWhisper = z.infer<typeof ChatWhisper>;

/** A chat as a desktop reads it: the conversation, its messages, and (agents and supervisors only) the whispers. */
export const ChatTranscript = z.object({ conversation: ChatConversation, messages: z.array(ChatMessage), whispers: z.array(ChatWhisper).optional() });
export type ChatTranscript = z.infer<typeof ChatTranscript>;

export const ChatTopic = z.object({ id: z.string(), label: z.string() });
export type ChatTopic = z.infer<typeof ChatTopic>;

const ChatText = z.string().trim().min(1, 'Write a message first.').max(CHAT_MAX_TEXT, `Messages are limited to ${CHAT_MAX_TEXT} characters.`);

/** The pre-chat form. Email or phone, when given, link the chat to a known customer. */
export const PreChatForm = z.object({
  name: z.string().trim().min(1).max(120),
  email: z.string().trim().max(254).optional(),
  phone: z.string().trim().max(40).optional(),
  topic: z.string().min(1).max(128),
  /** First message, optional: the customer may also write after the form. */
  text: z.string().trim().max(CHAT_MAX_TEXT).optional(),
  /** "Email me the transcript": honoured only with an email. */
  transcriptByEmail: z.boolean().optional(),
  /** The widget's language; overrides the one the hello gave. */
  language: z.string().max(16).optional(),
});
export type PreChatForm = z.infer<typeof PreChatForm>;

// ---- widget -> hub ----
export const ChatClientFrame = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('hello'),
    protocol: z.number().int(),
    /** The signed visitor token from an earlier welcome; null on a first visit. */
    visitorToken: z.string().max(2000).nullable(),
    /** Last message seq this widget has shown; null when it has none. */
    lastSeq: z.number().int().nonnegative().nullable(),
    language: z.string().max(16).optional(),
  }),
  z.object({ type: z.literal('start'), form: PreChatForm }),
  z.object({ type: z.literal('message'), clientId: ClientId, text: ChatText }),
  z.object({ type: z.literal('typing'), typing: z.boolean() }),
  z.object({ type: z.literal('read'), upToSeq: z.number().int().nonnegative() }),
  z.object({ type: z.literal('leave') }),
  /** "Email me the transcript" (e.g. from the closed-chat screen): to the email the visitor gave. */
  z.object({ type: z.literal('email-transcript') }),
  z.object({ type: z.literal('ping') }),
]);
export type ChatClientFrame = z.infer<typeof ChatClientFrame>;

export const ChatErrorCode = z.enum(['bad-frame', 'too-large', 'rate-limited', 'no-conversation', 'closed', 'bad-form', 'unavailable', 'protocol', 'no-email']);
export type ChatErrorCode = z.infer<typeof ChatErrorCode>;

/** What the widget remembers about a returning visitor to pre-fill the form. */
export const VisitorProfile = z.object({ name: z.string().max(120), email: z.string().max(254), phone: z.string().max(40) });
export type VisitorProfile = z.infer<typeof VisitorProfile>;

// ---- hub -> widget ----
export const ChatServerFrame = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('welcome'),
    protocol: z.number().int(),
    visitorToken: z.string(),
    /** The visitor's open (or just closed) conversation, if any. */
    conversation: ChatConversation.nullable(),
    topics: z.array(ChatTopic),
    /** Known when this browser chatted before: the form is filled in. */
    profile: VisitorProfile.nullable(),
  }),
  z.object({ type: z.literal('conversation'), conversation: ChatConversation }),
  z.object({ type: z.literal('message'), message: ChatMessage }),
  z.object({ type: z.literal('typing'), typing: z.boolean(), name: z.string().max(200) }),
  z.object({
    type: z.literal('error'),
    code: ChatErrorCode,
    message: z.string(),
    /** The client id of the send that failed, so the widget can mark that message. */
    clientId: z.string().nullable(),
    /** With `rate-limited`: whole seconds to wait before trying again (as HTTP's Retry-After). */
    retryAfter: z.number().int().positive().optional(),
  }),
  z.object({ type: z.literal('pong') }),
]);
export type ChatServerFrame = z.infer<typeof ChatServerFrame>;

/** 'es', 'ca' or 'en' from a language tag ("ca-ES" → 'ca'); null when none of them. */
export function chatLanguageOf(tag: string | null | undefined): ChatLanguage | null {
  const parsed = ChatLanguage.safeParse(tag?.toLowerCase().split('-')[0]);
  return parsed.success ? parsed.data : null;
}

/** The upload's answer: the stored message (a repeated client id answers the first one). */
export const ChatAttachmentUploaded = z.object({ message: ChatMessage });
export type ChatAttachmentUploaded = z.infer<typeof ChatAttachmentUploaded>;

// ---- desktop side: what the agent's desktop receives about its chats ----
/** Durable hub events (stored, numbered, replayed on resume): what the conversation became. */
export const ChatHubEvent = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('chat-message'), itemId: z.string(), message: ChatMessage }),
  z.object({ kind: z.literal('chat-read'), itemId: z.string(), conversation: ChatConversation }),
  z.object({ kind: z.literal('chat-closed'), itemId: z.string(), conversation: ChatConversation }),
  /** To the agent holding the chat and to supervisors monitoring it; never to the customer. */
  z.object({ kind: z.literal('chat-whisper'), itemId: z.string(), whisper: ChatWhisper }),
  /** To the agent, when the centre tells agents they are monitored: who started or stopped. */
  z.object({ kind: z.literal('chat-monitoring'), itemId: z.string(), supervisorId: z.string(), supervisorName: z.string().max(200), monitoring: z.boolean() }),
]);
export type ChatHubEvent = z.infer<typeof ChatHubEvent>;
/**
 * The customer is typing: a live update, never stored or replayed, since a typing flag from
 * before a reconnect says nothing true any more.
 */
export const ChatTypingUpdate = z.object({ kind: z.literal('chat-typing'), itemId: z.string(), typing: z.boolean() });
export type ChatTypingUpdate = z.infer<typeof ChatTypingUpdate>;
/** Everything the desktop's chat panels follow, whichever way it came. */
export const ChatDesktopEvent = z.discriminatedUnion('kind', [...ChatHubEvent.options, ChatTypingUpdate]);
export type ChatDesktopEvent = z.infer<typeof ChatDesktopEvent>;
