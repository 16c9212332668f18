/**
 * Channel names of the phone relay (agent window ⇄ main ⇄ hidden phone window). Kept apart from
 * the desktop API's channels so the agent window's allow-list and the phone window's are two
 * different, small sets. Only types come from the contract: preloads stay free of zod.
 */
import type { IPC_CHANNEL_PREFIX, PhoneOpName, PhonePushEventName } from '../../src-common/ipc';

const PREFIX: typeof IPC_CHANNEL_PREFIX = 'centralita:';

const PHONE_OP_ALLOW_LIST: Readonly<Record<PhoneOpName, true>> = {
  'phone.start': true,
  'phone.stop': true,
  'phone.execute': true,
  'phone.setCallStandby': true,
  'phone.snapshot': true,
  'phone.setAudioDevices': true,
  'phone.listAudioDevices': true,
  'phone.watchMicrophone': true,
  'phone.unwatchMicrophone': true,
  'phone.playSpeakerTest': true,
  'phone.playRingtoneTest': true,
  'phone.remoteAudioLevel': true,
};
const PHONE_EVENT_ALLOW_LIST: Readonly<Record<PhonePushEventName, true>> = { phone: true, 'phone-mic-level': true };

export const isPhoneOpName = (name: unknown): name is PhoneOpName => typeof name === 'string' && Object.hasOwn(PHONE_OP_ALLOW_LIST, name);
export const isPhonePushEventName = (name: unknown): name is PhonePushEventName => typeof name === 'string' && Object.hasOwn(PHONE_EVENT_ALLOW_LIST, name);
export const allowedPhoneOpNames = (): PhoneOpName[] => Object.keys(PHONE_OP_ALLOW_LIST) as PhoneOpName[];

/** Agent window → main (invoke). */
export const phoneOpChannel = (op: PhoneOpName): string => `${PREFIX}${op}`;
/** Main → agent window (send). */
export const phonePushChannel = (name: PhonePushEventName): string => `${PREFIX}event:${name}`;

/** Main ⇄ phone window. */
export const PHONE_WINDOW_CHANNELS = {
  /** main → phone window: a PhoneWindowRequest. */
  request: `${PREFIX}phone-window:request`,
  /** phone window → main: a PhoneWindowReply. */
  reply: `${PREFIX}phone-window:reply`,
  /** phone window → main: a PhoneWindowPush (phone events, mic levels). */
  push: `${PREFIX}phone-window:push`,
  /** phone window → main: the page serves requests now (after each load). */
  ready: `${PREFIX}phone-window:ready`,
} as const;
