/**
 * Builds the DesktopApi the preload exposes as window.centralita from a narrow view of
 * ipcRenderer. Only the ops and events of the IPC contract pass (allow-list); the page never
 * gets ipcRenderer itself, the IPC event object or any other channel.
 */
import type { DesktopApi, IpcEventName, IpcEventPayload, IpcOpName, IpcParams, IpcResult } from '../../src-common/ipc';
import type { ErrorCode, Result } from '../../src-common/result';
import { eventChannel, isIpcEventName, isIpcOpName, opChannel } from './ipc-channels';

/** The part of Electron's ipcRenderer the preload uses. */
export interface RendererIpc {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

/**
 * An error value built by hand: result.ts's err() would pull zod into the preload bundle, which
 * must stay a few kilobytes (checked by the bundle test).
 */
export const failure = (code: ErrorCode, message: string): Result<never> => ({ ok: false, error: { code, message } });

function isResult(value: unknown): value is Result<unknown> {
  return typeof value === 'object' && value !== null && typeof (value as { ok?: unknown }).ok === 'boolean';
}

/**
 * Invokes one allow-listed channel and hands main's Result on as a plain value (contextBridge
 * copies plain objects faithfully; thrown errors lose their fields). Never rejects.
 */
export async function invokeChannel(ipc: RendererIpc, channel: string, params: unknown): Promise<Result<unknown>> {
  let answer: unknown;
  try {
    answer = await ipc.invoke(channel, params);
  } catch {
    return failure('unavailable', 'The desktop service did not answer.');
  }
  return isResult(answer) ? answer : failure('internal', 'The desktop sent an unreadable answer.');
}

/** Relays one allow-listed push channel; the IPC event object (sender, ports) stays here, the page only receives the payload. */
export function relayChannel(ipc: RendererIpc, channel: string, listener: (payload: unknown) => void): () => void {
  if (typeof listener !== 'function') throw new Error('A listener function is required.');
  const relay = (_event: unknown, payload: unknown): void => listener(payload);
  ipc.on(channel, relay);
  return () => {
    ipc.removeListener(channel, relay);
  };
}

export function createDesktopApi(ipc: RendererIpc): DesktopApi {
  async function invoke<K extends IpcOpName>(op: K, params: IpcParams<K>): Promise<Result<IpcResult<K>>> {
    if (!isIpcOpName(op)) return failure('bad-request', 'Unknown operation.');
    // main services answer each op with that op's result type (IpcOps); the renderer checks it again.
    return (await invokeChannel(ipc, opChannel(op), params)) as Result<IpcResult<K>>;
  }

  function on<K extends IpcEventName>(name: K, listener: (payload: IpcEventPayload<K>) => void): () => void {
    if (!isIpcEventName(name)) throw new Error(`Unknown event "${String(name)}".`);
    return relayChannel(ipc, eventChannel(name), listener as (payload: unknown) => void);
  }

  return Object.freeze({ invoke, on });
}
