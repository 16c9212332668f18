/**
 * Wraps a DesktopApi so every result and event is checked against the src-common schemas
 * before the renderer sees it. The web bridge validates frames itself; the Electron preload
 * passes main's answers through, so the renderer checks them here (rule 2: every boundary
 * validates at run time).
 */
import { IpcEvents, IpcOps, type DesktopApi, type IpcEventName, type IpcEventPayload, type IpcOpName, type IpcParams, type IpcResult } from '../../src-common/ipc';
import { log } from '../log';
import { DesktopError, toAppError } from './desktop-error';

export function withValidation(inner: DesktopApi): DesktopApi {
  return {
    async invoke<K extends IpcOpName>(op: K, params: IpcParams<K>): Promise<IpcResult<K>> {
      let raw: unknown;
      try {
        raw = await inner.invoke(op, params);
      } catch (caught) {
        const error = toAppError(caught);
        throw new DesktopError(error.code, error.message);
      }
      const parsed = IpcOps[op].result.safeParse(raw);
      if (!parsed.success) {
        log.error(`result of ${op} rejected`, parsed.error.message);
        throw new DesktopError('internal', 'The desktop service sent an answer this window cannot read.');
      }
      return parsed.data as IpcResult<K>;
    },
    on<K extends IpcEventName>(name: K, listener: (payload: IpcEventPayload<K>) => void): () => void {
      return inner.on(name, (payload: unknown) => {
        const parsed = IpcEvents[name].safeParse(payload);
        if (parsed.success) listener(parsed.data as IpcEventPayload<K>);
        else log.warn(`event ${name} rejected`, parsed.error.message);
      });
    },
  };
}
