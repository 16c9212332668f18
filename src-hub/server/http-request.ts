/**
 * How every hub HTTP route reads a request. The target (path and query) is parsed without
 * throwing and checked for malformed percent-encoding once, before any route sees it; bodies
 * are read with a size limit and an expected content type, and a client that goes away
 * mid-body is just a refused request. Whatever the client got wrong is a `Refusal` with a
 * status below 500 (400, 413, 415) and a sentence saying what to fix: a 500 means a hub bug.
 */
import type { IncomingMessage } from 'node:http';
import type { AppError, Ok } from '../../src-common/result';

/** An `Err` plus the HTTP status that says what kind of client mistake it is. */
export interface Refusal {
  ok: false;
  status: number;
  error: AppError;
}
export type Parsed<T> = Ok<T> | Refusal;

export const refuse = (status: number, message: string): Refusal => ({ ok: false, status, error: { code: 'bad-request', message } });

/** Every key and value of a query string or form body decodes (`+` is a space there). */
function decodesAsForm(text: string): boolean {
  try {
    for (const part of text.split(/[&=]/)) decodeURIComponent(part.replace(/\+/g, ' '));
    return true;
  } catch {
    return false;
  }
}

/**
 * The request target as a URL. WHATWG URL parsing leaves a bad escape such as `%zz` or `%E0%A4`
 * in place, so without this check a route decoding a path segment would throw on it.
 */
export function parseTarget(rawUrl: string | undefined): Parsed<URL> {
  const raw = rawUrl ?? '/';
  if (!URL.canParse(raw, 'http://hub.invalid')) return refuse(400, 'The request target is not a valid URL path.');
  const url = new URL(raw, 'http://hub.invalid');
  try {
    decodeURIComponent(url.pathname);
  } catch {
    return refuse(400, 'The path has a malformed percent-encoding (each % must be followed by two hex digits of valid UTF-8).');
  }
  if (!decodesAsForm(url.search.slice(1))) {
    return refuse(400, 'The query string has a malformed percent-encoding (each % must be followed by two hex digits of valid UTF-8).');
  }
  return { ok: true, value: url };
}

/** `::ffff:10.0.0.1` and `10.0.0.1` are one client address; '' when the socket has none. */
export function plainAddress(address: string | undefined): string {
  return (address ?? '').replace(/^::ffff:/, '');
}

/** The media type of the request without parameters, lower case; '' when none was sent. */
export function mediaType(req: IncomingMessage): string {
  return (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

/**
 * The body, or a refusal: 413 past `maxBytes` (the rest is read and dropped, so the client
 * still gets the answer instead of a reset), 400 when the client stops before the end.
 */
export async function readBytes(req: IncomingMessage, maxBytes: number): Promise<Parsed<Buffer>> {
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of req) {
      const buf = chunk as Buffer;
      size += buf.length;
      if (size <= maxBytes) chunks.push(buf);
    }
  } catch {
    return refuse(400, 'The request body was cut off before its end.');
  }
  if (size > maxBytes) return refuse(413, `The request body is too large: the limit is ${formatBytes(maxBytes)}.`);
  return { ok: true, value: Buffer.concat(chunks) };
}

function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;
  return bytes >= 1024 ? `${Math.round(bytes / 1024)} KB` : `${bytes} bytes`;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

function decodeText(bytes: Buffer): string | null {
  try {
    return utf8.decode(bytes);
  } catch {
    return null;
  }
}

/**
 * JSON bodies. Besides application/json (and +json types), a missing type and text/plain are
 * taken, as fetch() sends text/plain for a string body; a form or a file is refused with 415.
 */
export async function readJson(req: IncomingMessage, maxBytes: number): Promise<Parsed<unknown>> {
  const type = mediaType(req);
  if (type !== '' && type !== 'application/json' && type !== 'text/plain' && !type.endsWith('+json')) {
    return refuse(415, `Send the body as JSON (Content-Type: application/json), not ${type}.`);
  }
  const bytes = await readBytes(req, maxBytes);
  if (!bytes.ok) return bytes;
  if (bytes.value.length === 0) return refuse(400, 'The request body is empty; send JSON.');
  const text = decodeText(bytes.value);
  if (text === null) return refuse(400, 'The request body is not valid UTF-8 text.');
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return refuse(400, 'The request body is not valid JSON (cut off or malformed).');
  }
}

/** application/x-www-form-urlencoded bodies (what SIP servers' HTTP clients post). */
export async function readForm(req: IncomingMessage, maxBytes: number): Promise<Parsed<URLSearchParams>> {
  const type = mediaType(req);
  if (type !== '' && type !== 'application/x-www-form-urlencoded' && type !== 'text/plain') {
    return refuse(415, `Send the parameters as a form (Content-Type: application/x-www-form-urlencoded), not ${type}.`);
  }
  const bytes = await readBytes(req, maxBytes);
  if (!bytes.ok) return bytes;
  const text = decodeText(bytes.value);
  if (text === null || !decodesAsForm(text)) return refuse(400, 'The form body is not valid URL-encoded UTF-8 text.');
  return { ok: true, value: new URLSearchParams(text) };
}
