/**
 * Wraps a DesktopApi so every result and event is checked against the src-common schemas
 * before the renderer sees it. The web bridge validates frames itself; the Electron preload
 * passes main's answers through, so the renderer checks them here (every boundary validates at
 * run time). Failures stay values: nothing here throws.
 */
import { IpcEvents, IpcOps, type DesktopApi, type IpcEventName, type IpcEventPayload, type IpcOpName, type IpcParams, type IpcResult } from '../../src-common/ipc';
import { err, ok, type Result } from '../../src-common/result';
import { log } from '../log';

export function withValidation(inner: DesktopApi): DesktopApi {
  return {
    async invoke<K extends IpcOpName>(op: K, params: IpcParams<K>): Promise<Result<IpcResult<K>>> {
      let answer: Result<unknown>;
      try {
        answer = await inner.invoke(op, params);
      } catch (caught) {
        // A transport that breaks its promise not to throw still gives the renderer a value.
        log.error(`${op} threw`, caught);
        return err('internal', 'The desktop service failed unexpectedly.');
      }
      if (!answer.ok) return answer;
      const parsed = IpcOps[op].result.safeParse(answer.value);
      if (!parsed.success) {
        log.error(`result of ${op} rejected`, parsed.error.message);
        return err('internal', 'The desktop service sent an answer this window cannot read.');
      }
      return ok(parsed.data as IpcResult<K>);
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
