/**
 * Email attachments over HTTP (EMAIL_ATTACHMENTS_PATH in src-common/email.ts), for desktops
 * only (a Bearer session token). Upload: a file for a reply to the email the agent holds, under
 * the same size limit and type allow-list as chat files (recognised by its bytes), stored under
 * the data folder. Download: an attachment of a stored message, to the agent holding its email
 * or a supervisor, always as a download no browser renders or sniffs; a customer's attachment
 * is cut from the raw message as received, so nothing was unpacked to disk before anyone asked.
 */
import { randomUUID } from 'node:crypto';
import { createReadStream, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import { EMAIL_ATTACHMENTS_PATH, type EmailUpload } from '../../../src-common/email';
import type { ChatConfig } from '../../../src-common/chat-config';
import type { Authenticator } from '../../auth/sessions';
import { scanRefusalFor } from '../../attachments/attachment-scan';
import { attachmentDisposition, cleanAttachmentName, sniffAttachmentType } from '../../attachments/attachment-type';
import { iso, type Clock } from '../../clock';
import type { HubLogger } from '../../log';
import type { EmailUploadRow } from '../../storage/email-repository';
import type { HubStore } from '../../storage/repositories';
import { sendError, sendJson } from '../../server/http-replies';
import { mediaType, readBytes } from '../../server/http-request';
import { MAX_PARSE_BYTES } from './parse-mail';

export interface EmailAttachmentRouteDeps {
  store: HubStore;
  sessions: Authenticator;
  /** The one set of attachment rules: chat's size limit and type allow-list. */
  limits: Pick<ChatConfig, 'attachmentMaxBytes' | 'attachmentTypes' | 'attachmentScan'>;
  dataDir: string;
  clock: Clock;
  log: HubLogger;
}

const DOWNLOAD_HEADERS = {
  'x-content-type-options': 'nosniff',
  'content-security-policy': "sandbox; default-src 'none'",
  'cache-control': 'private, no-store',
};
const MESSAGE_ID = /^em-[0-9a-f-]{36}$/;
const FORM_TYPES: ReadonlySet<string> = new Set(['multipart/form-data', 'application/x-www-form-urlencoded']);

export function emailUploadsFolder(dataDir: string): string {
  return path.join(dataDir, 'email-attachments');
}

/** Where an upload's bytes are on disk, or null when the file is gone. */
export function uploadFilePath(dataDir: string, upload: EmailUploadRow): string | null {
  const file = path.join(emailUploadsFolder(dataDir), upload.file);
  return existsSync(file) ? file : null;
}

export function createEmailAttachmentRoutes(deps: EmailAttachmentRouteDeps): (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<boolean> {
  const folder = emailUploadsFolder(deps.dataDir);
  mkdirSync(folder, { recursive: true, mode: 0o700 });
  const maxMb = Math.round((deps.limits.attachmentMaxBytes / (1024 * 1024)) * 10) / 10;

  async function caller(req: IncomingMessage): Promise<{ userId: string; role: string } | null> {
    const token = /^Bearer (.+)$/i.exec(req.headers.authorization ?? '')?.[1];
    if (!token) return null;
    const user = await deps.sessions.authenticate(token);
    return user.ok ? { userId: user.value.userId, role: user.value.role } : null;
  }

  async function upload(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const who = await caller(req);
    if (!who) return sendError(res, { code: 'unauthenticated', message: 'Sign in before attaching a file.' });
    // Settled before the body is read, so a stranger's bytes are never stored.
    const item = deps.store.items.get(url.searchParams.get('itemId') ?? '');
    if (!item || item.channel !== 'email' || item.agentId !== who.userId || item.state !== 'accepted') {
      return sendError(res, { code: 'forbidden', message: 'Accept this email before attaching files to the reply.' });
    }
    if (FORM_TYPES.has(mediaType(req))) return sendError(res, { code: 'bad-request', message: "Send the file's own bytes as the request body, not a form." }, 415);
    const received = await readBytes(req, deps.limits.attachmentMaxBytes);
    if (!received.ok && received.status === 413) return sendError(res, { code: 'bad-request', message: `The file is too large: the limit is ${maxMb} MB.` }, 413);
    if (!received.ok) return sendError(res, received.error, received.status);
    const mime = sniffAttachmentType(received.value);
    if (!mime || !deps.limits.attachmentTypes.includes(mime)) {
      return sendError(res, { code: 'bad-request', message: 'This type of file cannot be sent. Attach an image (PNG, JPEG, GIF, WebP), a PDF or a plain text file.' }, 415);
    }
    const refused = await scanRefusalFor(deps.limits.attachmentScan, received.value, deps.log, { itemId: item.id, userId: who.userId, mime, size: received.value.length });
    if (refused) return sendError(res, refused.error, refused.status);
    const row: EmailUploadRow = {
      id: `eatt-${randomUUID()}`,
      itemId: item.id,
      userId: who.userId,
      file: `${randomUUID()}.bin`,
      name: cleanAttachmentName(url.searchParams.get('name') ?? ''),
      mime,
      size: received.value.length,
      createdAt: iso(deps.clock.now()),
    };
    writeFileSync(path.join(folder, row.file), received.value, { flag: 'wx', mode: 0o600 });
    deps.store.email.insertUpload(row);
    deps.log.info({ uploadId: row.id, itemId: item.id, mime, size: row.size }, 'email attachment uploaded');
    const body: EmailUpload = { id: row.id, name: row.name, mime, size: row.size };
    sendJson(res, 201, body);
  }

  async function download(req: IncomingMessage, res: ServerResponse, messageId: string, index: number): Promise<void> {
    const who = await caller(req);
    if (!who) return sendError(res, { code: 'unauthenticated', message: 'Sign in to download this file.' });
    const message = MESSAGE_ID.test(messageId) ? deps.store.email.get(messageId) : null;
    const item = message?.itemId ? deps.store.items.get(message.itemId) : null;
    const allowed = item && (who.role !== 'agent' || item.agentId === who.userId);
    const missing = { code: 'not-found', message: 'This file does not exist or is not yours to download.' } as const;
    // Someone else's file answers exactly like a missing one, so ids cannot be probed.
    if (!message || !allowed) return sendError(res, missing);
    const found = message.direction === 'out' ? outgoing(message.attachmentsJson, index) : await incoming(message.raw, index);
    if (!found) return sendError(res, missing);
    // A customer's file is scanned when someone asks for it (ours were scanned on upload).
    if ('bytes' in found) {
      const refused = await scanRefusalFor(deps.limits.attachmentScan, found.bytes, deps.log, { messageId, index, size: found.bytes.length });
      if (refused) return sendError(res, refused.error, refused.status);
    }
    res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-disposition': attachmentDisposition(cleanAttachmentName(found.name)), ...DOWNLOAD_HEADERS });
    if (req.method === 'HEAD') return void res.end();
    if ('bytes' in found) return void res.end(found.bytes);
    createReadStream(found.path)
      .on('error', (cause) => {
        deps.log.error({ err: cause, messageId }, 'email attachment file unreadable');
        res.destroy();
      })
      .pipe(res);
  }

  function outgoing(attachmentsJson: string, index: number): { name: string; path: string } | null {
    const parsed: unknown = JSON.parse(attachmentsJson);
    const entry: unknown = Array.isArray(parsed) ? parsed[index] : undefined;
    const uploadId = typeof entry === 'object' && entry !== null && 'uploadId' in entry && typeof entry.uploadId === 'string' ? entry.uploadId : null;
    const upload = uploadId ? deps.store.email.upload(uploadId) : null;
    const file = upload ? uploadFilePath(deps.dataDir, upload) : null;
    return upload && file ? { name: upload.name, path: file } : null;
  }

  async function incoming(raw: Buffer | null, index: number): Promise<{ name: string; bytes: Buffer } | null> {
    if (!raw || raw.length > MAX_PARSE_BYTES) return null;
    try {
      // The same parse as the intake's, so the index means the same attachment as the listing.
      const mail = await simpleParser(raw, { skipTextToHtml: true, skipImageLinks: true, skipTextLinks: true, keepCidLinks: true });
      const part = mail.attachments[index];
      return part ? { name: part.filename ?? `attachment-${index + 1}`, bytes: part.content } : null;
    } catch {
      return null;
    }
  }

  return async (req, res, url) => {
    if (url.pathname !== EMAIL_ATTACHMENTS_PATH && !url.pathname.startsWith(`${EMAIL_ATTACHMENTS_PATH}/`)) return false;
    const downloadMatch = /^\/api\/email\/attachments\/([^/]+)\/(\d{1,4})$/.exec(url.pathname);
    if (req.method === 'POST' && url.pathname === EMAIL_ATTACHMENTS_PATH) await upload(req, res, url);
    else if ((req.method === 'GET' || req.method === 'HEAD') && downloadMatch?.[1] && downloadMatch[2]) await download(req, res, downloadMatch[1], Number(downloadMatch[2]));
    else sendError(res, { code: 'bad-request', message: `${req.method ?? 'This method'} is not allowed here.` }, 405);
    return true;
  };
}
