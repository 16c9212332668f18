/**
 * Calls one IPC op and logs a failure once: the form every renderer intent (agent actions,
 * chat actions) uses, so a failed action is in the log whichever screen started it.
 */
import type { DesktopApi, IpcOpName, IpcParams, IpcResult } from '../../src-common/ipc';
import type { Result } from '../../src-common/result';
import { log } from '../log';

export async function invokeResult<K extends IpcOpName>(api: DesktopApi, op: K, params: IpcParams<K>): Promise<Result<IpcResult<K>>> {
  const result = await api.invoke(op, params);
  if (!result.ok) log.warn(`${op} failed`, result.error);
  return result;
}
