/**
 * The chat channel's section of the hub config: the widget's and the agents' limits, and the one
 * set of attachment rules (size, types, virus scanner) that email attachments share.
 */
import { z } from 'zod';
import { ChatAttachmentType } from './chat';

/**
 * The attachment store's scanner: a command given each file's bytes on stdin; exit 0 clean,
 * 1 infected, anything else an error (ClamAV's convention: ["clamdscan", "--no-summary", "-"]).
 */
export const AttachmentScanConfig = z
  .object({
    command: z.array(z.string().min(1).max(1000)).min(1).max(50),
    timeoutSeconds: z.number().int().min(1).max(300).default(30),
    /** When the scanner fails or does not answer: refuse the file (default) or let it through. */
    onError: z.enum(['refuse', 'accept']).default('refuse'),
  })
  .strict();
export type AttachmentScanConfig = z.infer<typeof AttachmentScanConfig>;

/**
 * Web chat limits on the public widget endpoints (src-hub/channels/chat/README.md, "Limits").
 * A customer is limited per visitor (the widget's signed visitor token) and per conversation;
 * the remote address only has a much higher ceiling, since an office behind one NAT shares it.
 * Behind a reverse proxy every visitor shares the proxy's address: raise the address ceilings.
 */
export const ChatConfig = z
  .object({
    /** Per socket: a burst of messages, then a steady rate. */
    messageBurst: z.number().int().min(1).max(1000).default(8),
    messagesPerMinute: z.number().min(1).max(60_000).default(30),
    /** New chats per visitor. */
    startsPerVisitorBurst: z.number().int().min(1).max(100_000).default(3),
    startsPerVisitorPerMinute: z.number().min(0.1).max(100_000).default(1),
    /** New chats per remote address: the ceiling. */
    startsPerAddressBurst: z.number().int().min(1).max(100_000).default(100),
    startsPerAddressPerMinute: z.number().min(0.1).max(100_000).default(30),
    /** New widget sockets per remote address: the ceiling. */
    socketsPerAddressBurst: z.number().int().min(1).max(100_000).default(300),
    socketsPerAddressPerSecond: z.number().min(0.1).max(100_000).default(10),
    /** Files per sender (a visitor, or an agent). */
    uploadsPerVisitorBurst: z.number().int().min(1).max(100_000).default(10),
    uploadsPerVisitorPerMinute: z.number().min(0.1).max(100_000).default(12),
    /** Files per conversation, both sides together (disk per chat). */
    uploadsPerConversationBurst: z.number().int().min(1).max(100_000).default(20),
    uploadsPerConversationPerMinute: z.number().min(0.1).max(100_000).default(20),
    /** Files from visitors per remote address: the ceiling. */
    uploadsPerAddressBurst: z.number().int().min(1).max(100_000).default(200),
    uploadsPerAddressPerMinute: z.number().min(0.1).max(100_000).default(120),
    /**
     * A customer waiting in queue whose widget has been gone this long (tab closed, connection
     * lost) has left: the chat is abandoned instead of offered to an agent. Moving to another
     * page of the site or a reconnect takes seconds.
     */
    waitingCustomerGoneSeconds: z.number().int().min(10).max(86_400).default(120),
    /** Largest attachment either side may send, in bytes (checked on the bytes received). */
    attachmentMaxBytes: z.number().int().min(1).max(100 * 1024 * 1024).default(5 * 1024 * 1024),
    /** Accepted attachment types, recognised by their first bytes, never by name or declared type. */
    attachmentTypes: z.array(ChatAttachmentType).min(1).default(['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'application/pdf', 'text/plain']),
    /** A virus scanner every chat and email file goes through (src-hub/attachments/attachment-scan.ts). */
    attachmentScan: AttachmentScanConfig.optional(),
  })
  .strict();
export type ChatConfig = z.infer<typeof ChatConfig>;
