/**
 * Who may call main over IPC. A request is trusted only when it comes from the top frame of
 * one of our own windows showing one of our own pages: an iframe, a page that navigated away,
 * or a destroyed frame (null) is refused before any params are looked at.
 */
import type { IpcMainEvent } from 'electron';
import { isAppUrl } from './app-origin';

export interface IpcSenderFacts {
  /** webContents id of the sender. */
  senderId: number;
  /** URL of the sending frame, or null when the frame is gone. */
  frameUrl: string | null;
  /** Whether the sending frame is the top frame of its webContents. */
  isMainFrame: boolean;
}

export function isTrustedIpcSender(facts: IpcSenderFacts, trustedSenderIds: ReadonlySet<number>): boolean {
  if (!trustedSenderIds.has(facts.senderId)) return false;
  if (!facts.isMainFrame || facts.frameUrl === null) return false;
  return isAppUrl(facts.frameUrl);
}

/** The part of an IPC event (invoke or send) the sender check reads. */
export type IpcSenderEvent = Pick<IpcMainEvent, 'sender' | 'senderFrame'>;

export function senderFactsOf(event: IpcSenderEvent): IpcSenderFacts {
  const frame = event.senderFrame;
  return {
    senderId: event.sender.id,
    frameUrl: frame ? frame.url : null,
    // Compared by frame-tree id, not object identity: Electron may hand out different wrappers for one frame.
    isMainFrame: frame !== null && frame.parent === null && frame.frameTreeNodeId === event.sender.mainFrame.frameTreeNodeId,
  };
}
