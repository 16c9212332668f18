/**
 * What the email workspace asks main to do, and how main's 'email' events land in the store.
 * Drafts live in main's local cache (saved as the agent types, so a crash or a reload gives
 * them back); a reply goes through main's outbox under its draft's clientId, so the hub makes
 * one mail of it however many times it is sent.
 */
import type { EmailUpload } from '../../src-common/email';
import type { EmailDraft } from '../../src-common/email-draft';
import { IPC_ATTACHMENT_MAX_BYTES, type DesktopApi } from '../../src-common/ipc';
import type { Result } from '../../src-common/result';
import { invokeResult } from '../api/invoke-result';
import { fileToBase64, saveDownload } from '../chat/file-bytes';
import type { AppState } from '../store/app-state';
import type { AppStore } from '../store/app-store';
import { waitForState } from '../store/wait-for-state';

export interface EmailController {
  /** Loads (or refreshes) the thread of an email item. */
  open(itemId: string): Promise<void>;
  /**
   * The saved draft of this item, or a new empty one with a fresh clientId. Right after a relaunch
   * main may not have the agent's session yet: it is asked again as the session comes back
   * (DRAFT_WAIT_MS) before this says there is no draft.
   */
  loadDraft(itemId: string): Promise<EmailDraft & { restored: boolean }>;
  /** Saves the draft in the local cache; false when it could only be kept in this window. */
  saveDraft(draft: EmailDraft): Promise<boolean>;
  /** Sends the draft as a reply, or as a forward to `recipients.forwardTo` when that is not empty. */
  reply(draft: EmailDraft, recipients: { cc: string[]; bcc: string[]; forwardTo: string[] }): Promise<Result<null>>;
  /** Uploads a file for the reply (online only); 'too-large' is refused here, before any upload. */
  attachFile(itemId: string, file: File): Promise<Result<EmailUpload> | { ok: false; error: 'too-large' }>;
  /** Saves a message's attachment as a download; it is never opened inside the app. */
  downloadAttachment(messageId: string, index: number): Promise<Result<null>>;
  /** After the window's link to main was down: events may have been missed. */
  refreshOpen(): void;
  dispose(): void;
}

/**
 * Drafts are kept per signed-in agent, so main has none to give while this window's link to it
 * or the agent's session is still coming back (a relaunch after a crash). The composer waits
 * (empty, not editable) and asks again each time the link or the session moves on: an empty
 * draft started earlier would be saved over the old one. On a busy machine a restart took more
 * than 5 s; past 20 s the agent starts afresh.
 */
const DRAFT_WAIT_MS = 20_000;

/** What decides whether main can read a draft: the link to main and the agent's session. */
function sessionMark(state: AppState): string {
  return `${state.transport}|${state.view?.status ?? ''}|${state.view?.user?.id ?? ''}`;
}

export function createEmailController(api: DesktopApi, store: AppStore, randomId: () => string): EmailController {
  const off = api.on('email', (event) => store.getState().applyEmailEvent(event));
  const controller: EmailController = {
    async open(itemId) {
      const result = await invokeResult(api, 'email.thread', { itemId });
      if (result.ok) store.getState().applyEmailThread(itemId, result.value);
      else store.getState().failEmailThread(itemId, result.error.message);
    },
    async loadDraft(itemId) {
      const deadline = Date.now() + DRAFT_WAIT_MS;
      for (;;) {
        const mark = sessionMark(store.getState());
        const saved = await invokeResult(api, 'email.draft', { itemId });
        if (saved.ok && saved.value) return { ...saved.value, restored: true };
        if (saved.ok || saved.error.code !== 'unavailable') break;
        // Asked again once the link or the session moved on (at once if it did while main answered).
        if ((await waitForState(store, (state) => (sessionMark(state) !== mark ? true : null), deadline)) === null) break;
      }
      return { itemId, clientId: randomId().replace(/[^A-Za-z0-9_-]/g, ''), text: '', ccText: '', bccText: '', forwardToText: '', attachments: [], restored: false };
    },
    async saveDraft(draft) {
      return (await invokeResult(api, 'email.saveDraft', draft)).ok;
    },
    async reply(draft, { cc, bcc, forwardTo }) {
      store.getState().addPendingEmailReply(draft.itemId, { clientId: draft.clientId, text: draft.text, cc });
      const result = await invokeResult(api, 'email.reply', { itemId: draft.itemId, clientId: draft.clientId, text: draft.text, cc, bcc, forwardTo, attachmentIds: draft.attachments.map((a) => a.id) });
      if (!result.ok) store.getState().dropPendingEmailReply(draft.itemId, draft.clientId);
      // The hub's copy of the reply (its Message-ID, delivery) replaces the pending one.
      else void controller.open(draft.itemId);
      return result;
    },
    async attachFile(itemId, file) {
      if (file.size > IPC_ATTACHMENT_MAX_BYTES) return { ok: false, error: 'too-large' };
      return invokeResult(api, 'email.attachFile', { itemId, name: file.name.slice(0, 255), dataBase64: await fileToBase64(file) });
    },
    async downloadAttachment(messageId, index) {
      const result = await invokeResult(api, 'email.downloadAttachment', { messageId, index });
      if (!result.ok) return result;
      saveDownload(result.value.dataBase64, 'application/octet-stream', result.value.name);
      return { ok: true, value: null };
    },
    refreshOpen() {
      for (const itemId of Object.keys(store.getState().emailThreads)) void controller.open(itemId);
    },
    dispose() {
      off();
    },
  };
  return controller;
}
