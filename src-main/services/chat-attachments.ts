/**
 * Chat files for the renderer: main services upload and download them over the hub's HTTP
 * attachment route with the agent's session token, so the renderer never holds the token nor
 * talks to the hub. Bytes cross the IPC contract as base64.
 */
import type { Logger } from 'pino';
import { CHAT_ATTACHMENTS_PATH, ChatAttachmentType, ChatAttachmentUploaded, type ChatMessage } from '../../src-common/chat';
import type { IpcParams, IpcResult } from '../../src-common/ipc';
import { err, ok, type Result } from '../../src-common/result';

export interface HubAuthorization {
  hubUrl: string;
  token: string;
}

const TIMEOUT_MS = 30_000;
const NOT_SIGNED_IN = 'Sign in to the hub before sending or opening files.';

function hubErrorMessage(json: unknown): string | null {
  if (typeof json !== 'object' || json === null || !('error' in json)) return null;
  const error: unknown = json.error;
  return typeof error === 'object' && error !== null && 'message' in error && typeof error.message === 'string' ? error.message : null;
}

export async function uploadChatFile(auth: HubAuthorization | null, params: IpcParams<'chat.sendFile'>, log: Logger): Promise<Result<ChatMessage>> {
  if (!auth) return err('unauthenticated', NOT_SIGNED_IN);
  const url = new URL(CHAT_ATTACHMENTS_PATH, auth.hubUrl);
  url.searchParams.set('itemId', params.itemId);
  url.searchParams.set('clientId', params.clientId);
  url.searchParams.set('name', params.name);
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { authorization: `Bearer ${auth.token}`, 'content-type': 'application/octet-stream' },
      body: Buffer.from(params.dataBase64, 'base64'),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (cause) {
    log.warn({ err: cause, itemId: params.itemId }, 'chat file upload failed');
    return err('unavailable', 'The file could not reach the hub. Check the connection and send it again.');
  }
  const json: unknown = await response.json().catch(() => null);
  const uploaded = ChatAttachmentUploaded.safeParse(json);
  if (response.ok && uploaded.success) return ok(uploaded.data.message);
  const message = hubErrorMessage(json) ?? `The hub refused the file (${response.status}).`;
  log.info({ status: response.status, itemId: params.itemId }, 'chat file refused by the hub');
  return err(response.status === 413 || response.status === 415 || response.status === 400 ? 'bad-request' : response.status === 403 ? 'forbidden' : 'unavailable', message);
}

export async function downloadChatFile(auth: HubAuthorization | null, attachmentId: string, log: Logger): Promise<Result<IpcResult<'chat.downloadFile'>>> {
  if (!auth) return err('unauthenticated', NOT_SIGNED_IN);
  let response: Response;
  try {
    response = await fetch(new URL(`${CHAT_ATTACHMENTS_PATH}/${encodeURIComponent(attachmentId)}`, auth.hubUrl), {
      headers: { authorization: `Bearer ${auth.token}` },
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (cause) {
    log.warn({ err: cause, attachmentId }, 'chat file download failed');
    return err('unavailable', 'The file could not be fetched from the hub. Check the connection and try again.');
  }
  if (!response.ok) return err('not-found', hubErrorMessage(await response.json().catch(() => null)) ?? 'This file is not available.');
  const mime = ChatAttachmentType.safeParse((response.headers.get('content-type') ?? '').split(';')[0]?.trim());
  if (!mime.success) return err('internal', 'The hub sent a file of an unexpected type.');
  const bytes = Buffer.from(await response.arrayBuffer());
  return ok({ name: dispositionName(response.headers.get('content-disposition')) ?? 'file', mime: mime.data, dataBase64: bytes.toString('base64') });
}

/** The UTF-8 name from `filename*=UTF-8''…` (RFC 6266), else the quoted fallback. */
function dispositionName(header: string | null): string | null {
  if (!header) return null;
  const extended = /filename\*=UTF-8''([^;]+)/i.exec(header)?.[1];
  if (extended) {
    try {
      return decodeURIComponent(extended).slice(0, 255);
    } catch {
      // fall through to the plain name
    }
  }
  return /filename="([^"]*)"/i.exec(header)?.[1]?.slice(0, 255) ?? null;
}
