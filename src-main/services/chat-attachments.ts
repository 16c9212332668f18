/** Chat files for the renderer, through the hub's chat attachment route (hub-files.ts). */
import type { Logger } from 'pino';
import { CHAT_ATTACHMENTS_PATH, ChatAttachmentType, ChatAttachmentUploaded, type ChatMessage } from '../../src-common/chat';
import type { IpcParams, IpcResult } from '../../src-common/ipc';
import { err, ok, type Result } from '../../src-common/result';
import { downloadFromHub, NOT_SIGNED_IN, uploadToHub, type HubAuthorization } from './hub-files';

export type { HubAuthorization } from './hub-files';

export async function uploadChatFile(auth: HubAuthorization | null, params: IpcParams<'chat.sendFile'>, log: Logger): Promise<Result<ChatMessage>> {
  if (!auth) return err('unauthenticated', NOT_SIGNED_IN);
  const url = new URL(CHAT_ATTACHMENTS_PATH, auth.hubUrl);
  url.searchParams.set('itemId', params.itemId);
  url.searchParams.set('clientId', params.clientId);
  url.searchParams.set('name', params.name);
  const answered = await uploadToHub(auth, url, Buffer.from(params.dataBase64, 'base64'), log, { itemId: params.itemId });
  if (!answered.ok) return answered;
  const uploaded = ChatAttachmentUploaded.safeParse(answered.value);
  return uploaded.success ? ok(uploaded.data.message) : err('internal', 'The hub answered the upload in an unexpected way.');
}

export async function downloadChatFile(auth: HubAuthorization | null, attachmentId: string, log: Logger): Promise<Result<IpcResult<'chat.downloadFile'>>> {
  if (!auth) return err('unauthenticated', NOT_SIGNED_IN);
  const file = await downloadFromHub(auth, new URL(`${CHAT_ATTACHMENTS_PATH}/${encodeURIComponent(attachmentId)}`, auth.hubUrl), log, { attachmentId });
  if (!file.ok) return file;
  const mime = ChatAttachmentType.safeParse(file.value.contentType);
  if (!mime.success) return err('internal', 'The hub sent a file of an unexpected type.');
  return ok({ name: file.value.name, mime: mime.data, dataBase64: file.value.bytes.toString('base64') });
}
