/**
 * Builds the DesktopApi the preload exposes as window.centralita from a narrow view of
 * ipcRenderer. Only the ops and events of the IPC contract pass (allow-list); the page never
 * gets ipcRenderer itself, the IPC event object or any other channel.
 */
import type { DesktopApi, IpcEventName, IpcEventPayload, IpcOpName, IpcParams, IpcResult } from '../../src-common/ipc';
import type { AppError, Result } from '../../src-common/result';
import { eventChannel, isIpcEventName, isIpcOpName, opChannel } from './ipc-channels';

/** The part of Electron's ipcRenderer the preload uses. */
export interface RendererIpc {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

function isResult(value: unknown): value is Result<unknown> {
  return typeof value === 'object' && value !== null && typeof (value as { ok?: unknown }).ok === 'boolean';
}

// Rejections are plain AppError objects: contextBridge drops Error subclasses' fields, and the
// renderer's toAppError reads { code, message } from whatever it receives.
export const rejection = (error: AppError): Promise<never> => Promise.reject(error);

/**
 * Invokes one allow-listed channel and unwraps main's Result: the value, or a rejection with the
 * AppError. The answer's shape per op is main's promise (it validated it), so callers cast.
 */
export async function invokeChannel(ipc: RendererIpc, channel: string, params: unknown): Promise<unknown> {
  const answer = await ipc.invoke(channel, params);
  if (!isResult(answer)) return rejection({ code: 'internal', message: 'The desktop sent an unreadable answer.' });
  if (!answer.ok) return rejection(answer.error);
  return answer.value;
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
  async function invoke<K extends IpcOpName>(op: K, params: IpcParams<K>): Promise<IpcResult<K>> {
    if (!isIpcOpName(op)) return rejection({ code: 'bad-request', message: 'Unknown operation.' });
    // main services answer each op with that op's result type (IpcOps); the page trusts main.
    return (await invokeChannel(ipc, opChannel(op), params)) as IpcResult<K>;
  }

  function on<K extends IpcEventName>(name: K, listener: (payload: IpcEventPayload<K>) => void): () => void {
    if (!isIpcEventName(name)) throw new Error(`Unknown event "${String(name)}".`);
    return relayChannel(ipc, eventChannel(name), listener as (payload: unknown) => void);
  }

  return Object.freeze({ invoke, on });
}
