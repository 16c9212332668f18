/**
 * The hub's one WebSocket framing: binary, non-JSON and wrongly shaped frames are told apart
 * (each socket words its own error), the id of a bad request is kept so its error answers it,
 * and both sockets use this reader rather than parsing frames themselves.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { readJsonFrame, stringField } from '../../../src-hub/server/json-frames';

const Ping = z.object({ type: z.literal('ping') });

describe('hub socket frames', () => {
  it('reads a valid text frame and names what is wrong with the others', () => {
    expect(readJsonFrame(Buffer.from('{"type":"ping"}'), false, Ping)).toEqual({ ok: true, frame: { type: 'ping' } });
    expect(readJsonFrame(Buffer.from('{"type":"ping"}'), true, Ping)).toMatchObject({ ok: false, problem: 'binary' });
    expect(readJsonFrame(Buffer.from('{"type":'), false, Ping)).toMatchObject({ ok: false, problem: 'not-json' });
    const wrong = readJsonFrame(Buffer.from('{"type":"pong","id":"r-1"}'), false, Ping);
    expect(wrong).toMatchObject({ ok: false, problem: 'invalid' });
    expect(!wrong.ok && stringField(wrong.json, 'id')).toBe('r-1');
    expect(stringField(42, 'id')).toBeNull();
    expect(stringField({ id: 7 }, 'id')).toBeNull();
    expect(stringField({ clientId: 'x'.repeat(100) }, 'clientId')).toHaveLength(64);
  });

  it('is the only frame parser of the desktop and chat sockets', () => {
    for (const file of ['src-hub/server/desktop-socket.ts', 'src-hub/channels/chat/customer-socket.ts']) {
      const source = readFileSync(file, 'utf8');
      expect(source).not.toMatch(/JSON\.parse|JSON\.stringify/);
      expect(source).toMatch(/readJsonFrame\(/);
    }
  });
});
