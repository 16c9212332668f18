/**
 * Builds what the hidden phone window's preload exposes as window.centralitaPhoneWindow: serve
 * main's requests and push events, on the phone-window channels only. The page never gets
 * ipcRenderer; main checks that these messages come from the phone window and validates them.
 */
import type { PhoneWindowApi } from '../../src-common/ipc';
import { isPhoneOpName, isPhonePushEventName, PHONE_WINDOW_CHANNELS } from './phone-channels';

/** The part of ipcRenderer the phone preload uses. */
export interface PhoneWindowIpc {
  send(channel: string, ...args: unknown[]): void;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

function requestOf(raw: unknown): { id: number; op: string; params: unknown } | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const { id, op, params } = raw as { id?: unknown; op?: unknown; params?: unknown };
  return typeof id === 'number' && typeof op === 'string' ? { id, op, params } : null;
}

export function createPhoneWindowApi(ipc: PhoneWindowIpc): PhoneWindowApi {
  // The latest handler answers: serving again (a page that re-creates its host) replaces it.
  let current: Parameters<PhoneWindowApi['serve']>[0] | null = null;
  const api: PhoneWindowApi = {
    serve(handler) {
      if (typeof handler !== 'function') throw new Error('A handler function is required.');
      const first = current === null;
      current = handler;
      if (first) {
        ipc.on(PHONE_WINDOW_CHANNELS.request, (_event, raw) => {
          const request = requestOf(raw);
          const serving = current;
          if (!request || !serving) return;
          const answer = isPhoneOpName(request.op)
            ? serving(request.op, request.params)
            : Promise.resolve({ ok: false as const, error: { code: 'bad-request', message: 'Unknown phone operation.' } });
          void answer
            .catch((cause: unknown) => ({ ok: false as const, error: { code: 'internal', message: String(cause) } }))
            .then((result: unknown) => ipc.send(PHONE_WINDOW_CHANNELS.reply, { id: request.id, result }));
        });
      }
      ipc.send(PHONE_WINDOW_CHANNELS.ready);
    },
    push(name, payload) {
      if (!isPhonePushEventName(name)) throw new Error(`Unknown phone event "${String(name)}".`);
      ipc.send(PHONE_WINDOW_CHANNELS.push, { name, payload });
    },
  };
  return Object.freeze(api);
}
