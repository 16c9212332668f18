/** Email attachments for the renderer, through the hub's email attachment route (hub-files.ts). */
import type { Logger } from 'pino';
import { EMAIL_ATTACHMENTS_PATH, EmailUpload } from '../../src-common/email';
import type { IpcParams, IpcResult } from '../../src-common/ipc';
import { err, ok, type Result } from '../../src-common/result';
import { downloadFromHub, NOT_SIGNED_IN, uploadToHub, type HubAuthorization } from './hub-files';

export async function uploadEmailFile(auth: HubAuthorization | null, params: IpcParams<'email.attachFile'>, log: Logger): Promise<Result<EmailUpload>> {
  if (!auth) return err('unauthenticated', NOT_SIGNED_IN);
  const url = new URL(EMAIL_ATTACHMENTS_PATH, auth.hubUrl);
  url.searchParams.set('itemId', params.itemId);
  url.searchParams.set('name', params.name);
  const answered = await uploadToHub(auth, url, Buffer.from(params.dataBase64, 'base64'), log, { itemId: params.itemId });
  if (!answered.ok) return answered;
  const upload = EmailUpload.safeParse(answered.value);
  return upload.success ? ok(upload.data) : err('internal', 'The hub answered the upload in an unexpected way.');
}

/** Any type comes back as a download: the renderer saves it, never shows it. */
export async function downloadEmailFile(auth: HubAuthorization | null, params: IpcParams<'email.downloadAttachment'>, log: Logger): Promise<Result<IpcResult<'email.downloadAttachment'>>> {
  if (!auth) return err('unauthenticated', NOT_SIGNED_IN);
  const url = new URL(`${EMAIL_ATTACHMENTS_PATH}/${encodeURIComponent(params.messageId)}/${params.index}`, auth.hubUrl);
  const file = await downloadFromHub(auth, url, log, { messageId: params.messageId, index: params.index });
  if (!file.ok) return file;
  return ok({ name: file.value.name, dataBase64: file.value.bytes.toString('base64') });
}
