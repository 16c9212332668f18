/**
 * Calls one IPC op and turns a rejection into a Result value, logged once: the form every
 * renderer intent (agent actions, chat actions) wants, so UI code never handles throws.
 */
import type { DesktopApi, IpcOpName, IpcParams, IpcResult } from '../../src-common/ipc';
import type { Result } from '../../src-common/result';
import { log } from '../log';
import { toAppError } from './desktop-error';

export async function invokeResult<K extends IpcOpName>(api: DesktopApi, op: K, params: IpcParams<K>): Promise<Result<IpcResult<K>>> {
  try {
    return { ok: true, value: await api.invoke(op, params) };
  } catch (caught) {
    const error = toAppError(caught);
    log.warn(`${op} failed`, error);
    return { ok: false, error };
  }
}
