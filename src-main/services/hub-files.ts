/**
 * Files between the renderer and the hub's attachment routes (chat files, email attachments):
 * main services upload and download them over HTTP with the agent's session token, so the
 * renderer never holds the token nor talks to the hub. Bytes cross the IPC contract as base64.
 */
import type { Logger } from 'pino';
import { err, ok, type Result } from '../../src-common/result';

export interface HubAuthorization {
  hubUrl: string;
  token: string;
}

const TIMEOUT_MS = 30_000;
export const NOT_SIGNED_IN = 'Sign in to the hub before sending or opening files.';

function hubErrorMessage(json: unknown): string | null {
  if (typeof json !== 'object' || json === null || !('error' in json)) return null;
  const error: unknown = json.error;
  return typeof error === 'object' && error !== null && 'message' in error && typeof error.message === 'string' ? error.message : null;
}

/** POSTs the bytes and answers the hub's JSON, or the hub's reason in the agent's terms. */
export async function uploadToHub(auth: HubAuthorization, url: URL, bytes: Buffer<ArrayBuffer>, log: Logger, what: Record<string, unknown>): Promise<Result<unknown>> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { authorization: `Bearer ${auth.token}`, 'content-type': 'application/octet-stream' },
      body: bytes,
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (cause) {
    log.warn({ err: cause, ...what }, 'file upload failed');
    return err('unavailable', 'The file could not reach the hub. Check the connection and send it again.');
  }
  const json: unknown = await response.json().catch(() => null);
  if (response.ok) return ok(json);
  const message = hubErrorMessage(json) ?? `The hub refused the file (${response.status}).`;
  log.info({ status: response.status, ...what }, 'file refused by the hub');
  return err(response.status === 413 || response.status === 415 || response.status === 400 ? 'bad-request' : response.status === 403 ? 'forbidden' : 'unavailable', message);
}

/** GETs a download: its bytes, its name (Content-Disposition) and its declared type. */
export async function downloadFromHub(auth: HubAuthorization, url: URL, log: Logger, what: Record<string, unknown>): Promise<Result<{ name: string; contentType: string; bytes: Buffer }>> {
  let response: Response;
  try {
    response = await fetch(url, { headers: { authorization: `Bearer ${auth.token}` }, signal: AbortSignal.timeout(TIMEOUT_MS) });
  } catch (cause) {
    log.warn({ err: cause, ...what }, 'file download failed');
    return err('unavailable', 'The file could not be fetched from the hub. Check the connection and try again.');
  }
  if (!response.ok) return err('not-found', hubErrorMessage(await response.json().catch(() => null)) ?? 'This file is not available.');
  const bytes = Buffer.from(await response.arrayBuffer());
  return ok({ name: dispositionName(response.headers.get('content-disposition')) ?? 'file', contentType: (response.headers.get('content-type') ?? '').split(';')[0]?.trim() ?? '', bytes });
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
