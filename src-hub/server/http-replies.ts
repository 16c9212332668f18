/**
 * How every hub HTTP route answers: JSON bodies, `{ error: { code, message } }` on failure with
 * the status that error code means. Shared by the hub's own routes and the channels' routes so
 * a client sees one convention everywhere (reading requests: http-request.ts).
 */
import type { ServerResponse } from 'node:http';
import type { AppError, Result } from '../../src-common/result';

export const HTTP_STATUS: Readonly<Record<AppError['code'], number>> = {
  'bad-request': 400,
  unauthenticated: 401,
  forbidden: 403,
  'not-found': 404,
  conflict: 409,
  'rate-limited': 429,
  unavailable: 503,
  internal: 500,
};

/** `headers` adds route-specific headers (e.g. CORS for the public chat endpoints). */
export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Readonly<Record<string, string>> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { ...headers, 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), 'cache-control': 'no-store' });
  res.end(text);
}

/** The status defaults to what the error code means; a route may be more precise (413, 405). */
export function sendError(res: ServerResponse, error: AppError, status = HTTP_STATUS[error.code], headers: Readonly<Record<string, string>> = {}): void {
  sendJson(res, status, { error }, headers);
}

export function sendResult<T>(res: ServerResponse, result: Result<T>, status = 200): void {
  if (result.ok) sendJson(res, status, result.value);
  else sendError(res, result.error);
}
