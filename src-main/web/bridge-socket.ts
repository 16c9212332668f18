/**
 * One bridge socket: BridgeClientFrame in, BridgeServerFrame out, exactly the IPC contract.
 * A frame that is not valid gets a 'bad-request' result and the socket stays open: a bug in
 * one call must not cut the agent off.
 */
import type { Logger } from 'pino';
import WebSocket from 'ws';
import { BridgeClientFrame, type BridgeServerFrame } from '../../src-common/ipc';
import { err } from '../../src-common/result';
import type { MainServices } from '../services/main-services';
import type { EventSink } from './client-sessions';

export function eventSinkFor(socket: WebSocket): EventSink {
  return (name, payload) => send(socket, { type: 'event', name, payload });
}

export function serveBridgeSocket(socket: WebSocket, services: MainServices, log: Logger): void {
  socket.on('message', (data, isBinary) => {
    void handleFrame(socket, services, isBinary ? null : data.toString(), log);
  });
}

async function handleFrame(socket: WebSocket, services: MainServices, text: string | null, log: Logger): Promise<void> {
  let json: unknown;
  try {
    json = text === null ? null : JSON.parse(text);
  } catch {
    json = null;
  }
  const frame = BridgeClientFrame.safeParse(json);
  if (!frame.success) {
    log.warn({ issues: frame.error.issues.slice(0, 3) }, 'invalid bridge frame');
    send(socket, { type: 'result', id: idOf(json), result: err('bad-request', 'Invalid bridge frame: expected {type:"invoke", id, op, params}.') });
    return;
  }
  const result = await services.invoke(frame.data.op, frame.data.params);
  send(socket, { type: 'result', id: frame.data.id, result });
}

/** Echo the caller's id when it is usable, so its promise settles; -1 otherwise. */
function idOf(json: unknown): number {
  const id = typeof json === 'object' && json !== null ? (json as { id?: unknown }).id : undefined;
  return typeof id === 'number' && Number.isInteger(id) ? id : -1;
}

function send(socket: WebSocket, frame: BridgeServerFrame): void {
  if (socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify(frame));
}
