/**
 * Builds the phone bridge the agent window's preload exposes as window.centralitaPhoneBridge: the
 * PhoneOps and phone events, nothing else (allow-list), over ipcRenderer. The renderer's
 * ipc-phone-host.ts turns it into a PhoneHost. Main checks sender and params again.
 */
import type { PhoneBridgeApi, PhoneOpName, PhoneOpParamsInput, PhoneOpResult, PhonePushEventName, PhonePushPayload } from '../../src-common/ipc';
import type { Result } from '../../src-common/result';
import { failure, invokeChannel, relayChannel, type RendererIpc } from './desktop-api';
import { isPhoneOpName, isPhonePushEventName, phoneOpChannel, phonePushChannel } from './phone-channels';

export function createPhoneBridgeApi(ipc: RendererIpc): PhoneBridgeApi {
  async function invoke<K extends PhoneOpName>(op: K, params: PhoneOpParamsInput<K>): Promise<Result<PhoneOpResult<K>>> {
    if (!isPhoneOpName(op)) return failure('bad-request', 'Unknown phone operation.');
    // main validated the phone window's answer against PhoneOps[op].result before relaying it.
    return (await invokeChannel(ipc, phoneOpChannel(op), params)) as Result<PhoneOpResult<K>>;
  }

  function on<K extends PhonePushEventName>(name: K, listener: (payload: PhonePushPayload<K>) => void): () => void {
    if (!isPhonePushEventName(name)) throw new Error(`Unknown phone event "${String(name)}".`);
    return relayChannel(ipc, phonePushChannel(name), listener as (payload: unknown) => void);
  }

  return Object.freeze({ invoke, on });
}
