/**
 * Channel names of the Electron transport and the allow-lists the preload enforces. Ops and
 * events share the app prefix so main can refuse any other channel; events sit under "event:"
 * so an op can never be spoofed as one.
 *
 * Only types are imported from the contract: the preload bundle stays a few kilobytes instead of
 * carrying zod into every page load. The Record types make the compiler reject a missing or
 * unknown name, so these lists cannot drift from src-common/ipc.ts.
 */
import type { IPC_CHANNEL_PREFIX, IpcEventName, IpcOpName } from '../../src-common/ipc';

const PREFIX: typeof IPC_CHANNEL_PREFIX = 'centralita:';

const OP_ALLOW_LIST: Readonly<Record<IpcOpName, true>> = {
  'view.get': true,
  'session.login': true,
  'session.logout': true,
  'agent.setState': true,
  'offer.accept': true,
  'offer.decline': true,
  'item.end': true,
  'item.wrapUp': true,
  'customer.context': true,
  'settings.get': true,
  'settings.set': true,
  'chat.send': true,
  'chat.typing': true,
  'chat.markRead': true,
  'chat.transcript': true,
  'chat.sendFile': true,
  'chat.downloadFile': true,
  'item.transfer': true,
  'customer.addNote': true,
  'customer.addFollowUp': true,
  'customer.completeFollowUp': true,
  'call.startOutbound': true,
  'call.transfer': true,
  'outbox.retry': true,
  'outbox.discard': true,
  'diagnostics.export': true,
  'desktop.phoneReadiness': true,
  'customer.search': true,
  'supervisor.forceState': true,
  'supervisor.audit': true,
  'supervisor.intervals': true,
  'supervisor.monitorChat': true,
  'supervisor.stopMonitoringChat': true,
  'supervisor.whisper': true,
  'supervisor.barge': true,
  'supervisor.takeOver': true,
  'supervisor.moveWaiting': true,
  'supervisor.setSkills': true,
  'supervisor.superviseCall': true,
  'call.redeemSupervision': true,
  'call.reportQuality': true,
  'diagnostics.saveSipTrace': true,
  'email.thread': true,
  'email.draft': true,
  'email.saveDraft': true,
  'email.reply': true,
  'email.attachFile': true,
  'email.downloadAttachment': true,
};

const EVENT_ALLOW_LIST: Readonly<Record<IpcEventName, true>> = { view: true, customer: true, settings: true, chat: true, email: true, dial: true, hotkey: true, network: true };

export const isIpcOpName = (name: unknown): name is IpcOpName => typeof name === 'string' && Object.hasOwn(OP_ALLOW_LIST, name);
export const isIpcEventName = (name: unknown): name is IpcEventName => typeof name === 'string' && Object.hasOwn(EVENT_ALLOW_LIST, name);
export const allowedOpNames = (): IpcOpName[] => Object.keys(OP_ALLOW_LIST) as IpcOpName[];
export const allowedEventNames = (): IpcEventName[] => Object.keys(EVENT_ALLOW_LIST) as IpcEventName[];

export const opChannel = (op: IpcOpName): string => `${PREFIX}${op}`;
export const eventChannel = (name: IpcEventName): string => `${PREFIX}event:${name}`;
