/**
 * Wires the IPC contract to main services: one ipcMain.handle per op, each checking the sender
 * before anything else, and every services event forwarded to the trusted windows.
 */
import { ipcMain, type WebContents } from 'electron';
import { IPC_OP_NAMES, type IpcEventName, type IpcEventPayload } from '../../src-common/ipc';
import { err, type Result } from '../../src-common/result';
import type { MainServices } from '../services/main-services';
import { eventChannel, opChannel } from './ipc-channels';
import { isTrustedIpcSender, senderFactsOf } from './ipc-sender';
import type { Logger } from 'pino';

/** Registers every op; returns a function that removes the handlers again (used on quit). */
export function registerIpcHandlers(services: MainServices, trustedSenderIds: () => ReadonlySet<number>, log: Logger): () => void {
  for (const op of IPC_OP_NAMES) {
    ipcMain.handle(opChannel(op), async (event, params: unknown): Promise<Result<unknown>> => {
      const facts = senderFactsOf(event);
      if (!isTrustedIpcSender(facts, trustedSenderIds())) {
        log.warn({ op, senderId: facts.senderId, frameUrl: facts.frameUrl }, 'IPC refused: untrusted sender');
        return err('forbidden', 'This window may not use the desktop.');
      }
      return services.invoke(op, params);
    });
  }
  return () => {
    for (const op of IPC_OP_NAMES) ipcMain.removeHandler(opChannel(op));
  };
}

/** Sends every services event to the windows that are allowed to hear it. */
export function forwardServiceEvents(services: MainServices, targets: () => readonly WebContents[]): () => void {
  return services.onEvent(<K extends IpcEventName>(name: K, payload: IpcEventPayload<K>) => {
    for (const contents of targets()) {
      if (!contents.isDestroyed()) contents.send(eventChannel(name), payload);
    }
  });
}
