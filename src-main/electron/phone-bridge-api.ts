/**
 * Builds the phone bridge the agent window's preload exposes as window.centralitaPhoneBridge: the
 * PhoneOps and phone events, nothing else (allow-list), over ipcRenderer. The renderer's
 * ipc-phone-host.ts turns it into a PhoneHost. Main checks sender and params again.
 */
import type { PhoneBridgeApi, PhoneOpName, PhoneOpParamsInput, PhoneOpResult, PhonePushEventName, PhonePushPayload } from '../../src-common/ipc';
import type { AppError, Result } from '../../src-common/result';
import type { RendererIpc } from './desktop-api';
import { isPhoneOpName, isPhonePushEventName, phoneOpChannel, phonePushChannel } from './phone-channels';

function isResult(value: unknown): value is Result<unknown> {
  return typeof value === 'object' && value !== null && typeof (value as { ok?: unknown }).ok === 'boolean';
}

const rejection = (error: AppError): Promise<never> => Promise.reject(error);

export function createPhoneBridgeApi(ipc: RendererIpc): PhoneBridgeApi {
  async function invoke<K extends PhoneOpName>(op: K, params: PhoneOpParamsInput<K>): Promise<PhoneOpResult<K>> {
    if (!isPhoneOpName(op)) return rejection({ code: 'bad-request', message: 'Unknown phone operation.' });
    const answer = await ipc.invoke(phoneOpChannel(op), params);
    if (!isResult(answer)) return rejection({ code: 'internal', message: 'The desktop sent an unreadable answer.' });
    if (!answer.ok) return rejection(answer.error);
    // main validated the phone window's answer against PhoneOps[op].result before relaying it.
    return answer.value as PhoneOpResult<K>;
  }

  function on<K extends PhonePushEventName>(name: K, listener: (payload: PhonePushPayload<K>) => void): () => void {
    if (!isPhonePushEventName(name)) throw new Error(`Unknown phone event "${String(name)}".`);
    if (typeof listener !== 'function') throw new Error('A listener function is required.');
    const channel = phonePushChannel(name);
    const relay = (_event: unknown, payload: unknown): void => listener(payload as PhonePushPayload<K>);
    ipc.on(channel, relay);
    return () => {
      ipc.removeListener(channel, relay);
    };
  }

  return Object.freeze({ invoke, on });
}
