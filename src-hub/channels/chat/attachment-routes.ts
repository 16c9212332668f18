/**
 * Chat attachments over HTTP. Upload: `POST /api/chat/attachments?clientId=…&name=…` with the
 * raw bytes as the body and `Authorization: Bearer <visitor token>` (the visitor's open chat)
 * or `Bearer <desktop session token>` plus `&itemId=…` (the chat the agent holds). The hub
 * checks the size while reading, recognises the type from the bytes (allow-list in the hub
 * config), writes the file under the data directory with a generated name and stores the
 * message that carries it. Download: `GET /api/chat/attachments/{id}`, to the conversation's
 * visitor, the agent holding the chat or a supervisor, always as a download that no browser
 * will render or sniff.
 *
 * The widget runs on customers' websites, so these routes answer CORS for any origin; they
 * need a Bearer token, never a cookie, so another site gains nothing from that.
 */
import { randomUUID } from 'node:crypto';
import { createReadStream, mkdirSync, unlinkSync, writeFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { CHAT_ATTACHMENTS_PATH, type ChatAttachmentUploaded } from '../../../src-common/chat';
import type { ChatConfig } from '../../../src-common/chat-config';
import type { AppError } from '../../../src-common/result';
import type { Authenticator } from '../../auth/sessions';
import { iso, type Clock } from '../../clock';
import type { HubLogger } from '../../log';
import type { ChatAttachmentRow } from '../../storage/chat-repository';
import type { HubStore } from '../../storage/repositories';
import * as replies from '../../server/http-replies';
import { HTTP_STATUS } from '../../server/http-replies';
import { mediaType, plainAddress, readBytes } from '../../server/http-request';
import { scanRefusalFor } from '../../attachments/attachment-scan';
import { attachmentDisposition, cleanAttachmentName, sniffAttachmentType } from '../../attachments/attachment-type';
import type { ChatService } from './chat-service';
import type { LayeredLimit } from './rate-limit';
import type { VisitorTokens } from './visitor-tokens';

export interface AttachmentRouteDeps {
  service: ChatService;
  store: HubStore;
  visitorTokens: VisitorTokens;
  /** Desktop access tokens, checked against the store: the caller's current role decides. */
  sessions: Authenticator;
  config: ChatConfig;
  dataDir: string;
  clock: Clock;
  log: HubLogger;
  /** Per sender, per conversation, and a per-address ceiling for visitors (rate-limit.ts). */
  uploads: LayeredLimit;
}

type Uploader = { kind: 'visitor'; visitorId: string } | { kind: 'user'; userId: string; role: string };

const CORS_HEADERS = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'GET, POST, OPTIONS',
  'access-control-allow-headers': 'authorization, content-type',
  'access-control-expose-headers': 'content-disposition, retry-after',
  'access-control-max-age': '600',
};

const sendJson = (res: ServerResponse, status: number, body: unknown): void => replies.sendJson(res, status, body, CORS_HEADERS);
const sendError = (res: ServerResponse, error: AppError, status = HTTP_STATUS[error.code], headers: Readonly<Record<string, string>> = {}): void =>
  replies.sendError(res, error, status, { ...CORS_HEADERS, ...headers });

/** A browser form's envelope would be stored as the file; the route wants the raw bytes. */
const FORM_TYPES: ReadonlySet<string> = new Set(['multipart/form-data', 'application/x-www-form-urlencoded']);
const CLIENT_ID = /^[A-Za-z0-9_-]{8,64}$/;
const ATTACHMENT_ID = /^att-[0-9a-f-]{36}$/;

export function createAttachmentRoutes(deps: AttachmentRouteDeps): (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<boolean> {
  const folder = path.join(deps.dataDir, 'chat-attachments');
  mkdirSync(folder, { recursive: true, mode: 0o700 });
  const maxMb = Math.round((deps.config.attachmentMaxBytes / (1024 * 1024)) * 10) / 10;

  async function who(req: IncomingMessage): Promise<Uploader | null> {
    const token = /^Bearer (.+)$/i.exec(req.headers.authorization ?? '')?.[1];
    if (!token) return null;
    const now = deps.clock.now();
    const visitorId = await deps.visitorTokens.verify(token, now);
    if (visitorId) return { kind: 'visitor', visitorId };
    const user = await deps.sessions.authenticate(token);
    return user.ok ? { kind: 'user', userId: user.value.userId, role: user.value.role } : null;
  }

  async function upload(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const caller = await who(req);
    if (!caller) return sendError(res, { code: 'unauthenticated', message: 'Sign in (or open the chat) before sending a file.' });
    const clientId = url.searchParams.get('clientId') ?? '';
    if (!CLIENT_ID.test(clientId)) return sendError(res, { code: 'bad-request', message: 'The upload needs a client id (8 to 64 letters, digits, - or _).' });

    // Where the file goes is settled before reading the body, so a stranger's bytes are never stored.
    let conversationId: string;
    if (caller.kind === 'visitor') {
      const conversation = deps.service.currentConversation(caller.visitorId);
      if (!conversation || conversation.state === 'closed') return sendError(res, { code: 'conflict', message: 'Start a chat before sending a file.' });
      conversationId = conversation.id;
    } else {
      const held = deps.service.agentConversation({ userId: caller.userId }, url.searchParams.get('itemId') ?? '');
      if (!held.ok) return sendError(res, held.error);
      conversationId = held.value.id;
    }
    // Uploads cost disk. Limited per person and per chat, so one office behind one address is not one sender.
    const keys = caller.kind === 'visitor' ? { visitor: caller.visitorId, address: plainAddress(req.socket.remoteAddress) } : { user: caller.userId };
    const allowed = deps.uploads.take({ ...keys, conversation: conversationId }, deps.clock.now());
    if (!allowed.ok) {
      const message = `Too many files in a short time. Wait ${allowed.retryAfter} s and send it again.`;
      return sendError(res, { code: 'rate-limited', message }, 429, { 'retry-after': String(allowed.retryAfter) });
    }

    if (FORM_TYPES.has(mediaType(req))) {
      return sendError(res, { code: 'bad-request', message: "Send the file's own bytes as the request body, not a form." }, 415);
    }
    const received = await readBytes(req, deps.config.attachmentMaxBytes);
    if (!received.ok && received.status === 413) return sendError(res, { code: 'bad-request', message: `The file is too large: the limit is ${maxMb} MB.` }, 413);
    if (!received.ok) return sendError(res, received.error, received.status);
    const bytes = received.value;
    const mime = sniffAttachmentType(bytes);
    if (!mime || !deps.config.attachmentTypes.includes(mime)) {
      return sendError(res, { code: 'bad-request', message: 'This type of file cannot be sent. Send an image (PNG, JPEG, GIF, WebP), a PDF or a plain text file.' }, 415);
    }
    const name = cleanAttachmentName(url.searchParams.get('name') ?? '');
    const refused = await scanRefusalFor(deps.config.attachmentScan, bytes, deps.log, { conversationId, from: caller.kind, mime, size: bytes.length });
    if (refused) return sendError(res, refused.error, refused.status);
    const id = `att-${randomUUID()}`;
    const row: ChatAttachmentRow = {
      id,
      conversationId,
      file: `${randomUUID()}.bin`,
      name,
      mime,
      size: bytes.length,
      uploadedBy: caller.kind === 'visitor' ? 'customer' : 'agent',
      createdAt: iso(deps.clock.now()),
    };
    const filePath = path.join(folder, row.file);
    writeFileSync(filePath, bytes, { flag: 'wx', mode: 0o600 });
    let stored: ReturnType<ChatService['customerMessage']>;
    try {
      stored =
        caller.kind === 'visitor'
          ? deps.service.customerMessage(conversationId, clientId, name, row)
          : deps.service.agentMessage({ userId: caller.userId }, url.searchParams.get('itemId') ?? '', clientId, name, row);
    } catch (cause) {
      unlinkSync(filePath);
      throw cause;
    }
    // A refusal, or a resend answered with the first copy, leaves this file unused.
    if (!stored.ok || stored.value.attachment?.id !== id) unlinkSync(filePath);
    if (!stored.ok) return sendError(res, stored.error);
    deps.log.info({ attachmentId: stored.value.attachment?.id, conversationId, mime, size: bytes.length, by: row.uploadedBy }, 'chat attachment stored');
    const body: ChatAttachmentUploaded = { message: stored.value };
    sendJson(res, 201, body);
  }

  async function download(req: IncomingMessage, res: ServerResponse, id: string): Promise<void> {
    const caller = await who(req);
    if (!caller) return sendError(res, { code: 'unauthenticated', message: 'Sign in (or open the chat) to download this file.' });
    const row = ATTACHMENT_ID.test(id) ? deps.store.chat.attachment(id) : null;
    const conversation = row ? deps.store.chat.conversation(row.conversationId) : null;
    const allowed = conversation && deps.service.mayRead(conversation, caller.kind === 'visitor' ? { visitorId: caller.visitorId } : caller);
    // Someone else's file answers exactly like a missing one, so ids cannot be probed.
    if (!row || !allowed) return sendError(res, { code: 'not-found', message: 'This file does not exist or is not yours to download.' });
    res.writeHead(200, {
      ...CORS_HEADERS,
      'content-type': row.mime,
      'content-length': row.size,
      'content-disposition': attachmentDisposition(row.name),
      'x-content-type-options': 'nosniff',
      'content-security-policy': "sandbox; default-src 'none'",
      'cache-control': 'private, no-store',
      'cross-origin-resource-policy': 'cross-origin',
    });
    if (req.method === 'HEAD') return void res.end();
    createReadStream(path.join(folder, row.file))
      .on('error', (cause) => {
        deps.log.error({ err: cause, attachmentId: id }, 'chat attachment file unreadable');
        res.destroy();
      })
      .pipe(res);
  }

  return async (req, res, url) => {
    const prefix = `${CHAT_ATTACHMENTS_PATH}/`;
    if (url.pathname !== CHAT_ATTACHMENTS_PATH && !url.pathname.startsWith(prefix)) return false;
    if (req.method === 'OPTIONS') {
      res.writeHead(204, CORS_HEADERS);
      res.end();
    } else if (req.method === 'POST' && url.pathname === CHAT_ATTACHMENTS_PATH) {
      await upload(req, res, url);
    } else if ((req.method === 'GET' || req.method === 'HEAD') && url.pathname.startsWith(prefix)) {
      // Ids are plain ASCII, so the segment is compared as sent, never decoded.
      await download(req, res, url.pathname.slice(prefix.length));
    } else {
      sendError(res, { code: 'bad-request', message: `${req.method ?? 'This method'} is not allowed here.` }, 405);
    }
    return true;
  };
}
