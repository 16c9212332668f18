/**
 * The one JSON framing of the hub's WebSockets (the desktop socket and the customers' chat
 * socket): how a text frame is read (binary refused, JSON parsed, shape checked against the
 * socket's zod schema) and how a frame is sent (never to a closed socket, and a peer that stopped
 * reading is dropped instead of making the hub buffer for it without bound).
 */
import type { RawData, WebSocket } from 'ws';
import type { z } from 'zod';

export type ReadFrame<T> =
  | { ok: true; frame: T }
  | {
      ok: false;
      /** What was wrong, for the socket's own error wording. */
      problem: 'binary' | 'not-json' | 'invalid';
      /** The schema's first complaint, when the shape was wrong. */
      issue: string | null;
      /** The parsed JSON when there was some, so an error can name the request it answers. */
      json: unknown;
    };

export function readJsonFrame<S extends z.ZodType>(data: RawData, isBinary: boolean, schema: S): ReadFrame<z.output<S>> {
  if (isBinary) return { ok: false, problem: 'binary', issue: null, json: undefined };
  let json: unknown;
  try {
    json = JSON.parse(data.toString());
  } catch {
    return { ok: false, problem: 'not-json', issue: null, json: undefined };
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) return { ok: false, problem: 'invalid', issue: parsed.error.issues[0]?.message ?? 'unknown shape', json };
  return { ok: true, frame: parsed.data };
}

/** A string field of a frame that failed validation (its request id, its client id), or null. */
export function stringField(json: unknown, key: string, maxLength = 64): string | null {
  if (typeof json !== 'object' || json === null || !(key in json)) return null;
  const value: unknown = (json as Record<string, unknown>)[key];
  return typeof value === 'string' ? value.slice(0, maxLength) : null;
}

/**
 * Sends frames of one socket. A peer whose unread data passes `maxBufferedBytes` is closed with
 * 1013 (it resumes from its last seq when it reconnects, so nothing is lost).
 */
export function frameSender<T>(ws: WebSocket, maxBufferedBytes: number, onTooFarBehind: (buffered: number) => void): (frame: T) => void {
  return (frame) => {
    if (ws.readyState !== ws.OPEN) return;
    if (ws.bufferedAmount > maxBufferedBytes) {
      onTooFarBehind(ws.bufferedAmount);
      ws.close(1013, 'too far behind; resume');
      return;
    }
    ws.send(JSON.stringify(frame));
  };
}
