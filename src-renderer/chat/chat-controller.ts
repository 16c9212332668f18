/**
 * What the chat workspace asks main to do, and how main's 'chat' events land in the app
 * store's chat slice. Sending goes through main's outbox: offline, the message waits there (shown as
 * pending) and is sent once, in order, when the hub is back.
 */
import type { ChatAttachment } from '../../src-common/chat';
import { IPC_ATTACHMENT_MAX_BYTES, type DesktopApi, type IpcOpName, type IpcParams, type IpcResult } from '../../src-common/ipc';
import type { TransferTarget } from '../../src-common/protocol';
import type { Result } from '../../src-common/result';
import { fileToBase64, saveDownload } from './file-bytes';
import { invokeResult } from '../api/invoke-result';
import type { AppStore } from '../store/app-store';

export interface ChatController {
  /** Loads (or refreshes) the whole transcript of a chat item. */
  open(itemId: string): Promise<void>;
  send(itemId: string, text: string): Promise<Result<null>>;
  /** Sends a file (main uploads it; the hub checks type and size). 'too-large' is refused here, before any upload. */
  sendFile(itemId: string, file: File): Promise<Result<null> | { ok: false; error: 'too-large' }>;
  /** Saves a chat file as a download; it is never opened inside the app. */
  downloadFile(attachment: ChatAttachment): Promise<Result<null>>;
  typing(itemId: string, typing: boolean): void;
  markRead(itemId: string, upToSeq: number): void;
  /** Hands the chat to an agent or a queue; online only, the answer says whether it moved. */
  transfer(itemId: string, target: TransferTarget, note: string): Promise<Result<null>>;
  /** After the window's link to main was down: events may have been missed. */
  refreshOpen(): void;
  dispose(): void;
}

export function createChatController(api: DesktopApi, store: AppStore, randomId: () => string, now: () => number = Date.now): ChatController {
  const call = <K extends IpcOpName>(op: K, params: IpcParams<K>): Promise<Result<IpcResult<K>>> => invokeResult(api, op, params);

  const typingSent = new Map<string, boolean>();
  const readSent = new Map<string, number>();
  const off = api.on('chat', (event) => store.getState().applyChatEvent(event, now()));
  // Transcripts that could not be read (the hub away after a relaunch): read again on refresh,
  // or the panel would show only the offer's preview until the agent reopens the chat.
  const unread = new Set<string>();

  const controller: ChatController = {
    async open(itemId) {
      const result = await call('chat.transcript', { itemId });
      if (!result.ok) {
        if (result.error.code === 'unavailable') unread.add(itemId);
        return;
      }
      unread.delete(itemId);
      store.getState().applyChatTranscript(itemId, result.value);
    },
    async send(itemId, text) {
      const clientId = randomId();
      store.getState().addPendingChatMessage(itemId, { clientId, text });
      controller.typing(itemId, false);
      const result = await call('chat.send', { itemId, clientId, text });
      // Refused for good (e.g. the customer left): the pending copy must not linger as if on its way.
      if (!result.ok) store.getState().dropPendingChatMessage(itemId, clientId);
      return result;
    },
    async sendFile(itemId, file) {
      if (file.size > IPC_ATTACHMENT_MAX_BYTES) return { ok: false, error: 'too-large' };
      const dataBase64 = await fileToBase64(file);
      const result = await call('chat.sendFile', { itemId, clientId: randomId(), name: file.name.slice(0, 255), dataBase64 });
      if (!result.ok) return result;
      store.getState().applyChatEvent({ kind: 'chat-message', itemId, message: result.value }, now());
      return { ok: true, value: null };
    },
    async downloadFile(attachment) {
      const result = await call('chat.downloadFile', { attachmentId: attachment.id });
      if (!result.ok) return result;
      saveDownload(result.value.dataBase64, result.value.mime, result.value.name);
      return { ok: true, value: null };
    },
    typing(itemId, typing) {
      if ((typingSent.get(itemId) ?? false) === typing) return;
      typingSent.set(itemId, typing);
      void call('chat.typing', { itemId, typing });
    },
    markRead(itemId, upToSeq) {
      store.getState().markChatSeen(itemId, upToSeq);
      if ((readSent.get(itemId) ?? 0) >= upToSeq) return;
      readSent.set(itemId, upToSeq);
      void call('chat.markRead', { itemId, upToSeq });
    },
    async transfer(itemId, target, note) {
      controller.typing(itemId, false);
      return call('item.transfer', { itemId, target, note });
    },
    refreshOpen() {
      // A monitored chat is not this user's to read as an agent: its monitor panel re-reads it.
      const monitored = new Set(store.getState().monitoredChats);
      const threads = new Set([...Object.keys(store.getState().chatThreads), ...unread]);
      for (const itemId of threads) if (!monitored.has(itemId)) void controller.open(itemId);
    },
    dispose() {
      off();
    },
  };
  return controller;
}
