/**
 * What the email workspace asks main to do, and how main's 'email' events land in the store.
 * Drafts live in main's local cache (saved as the agent types, so a crash or a reload gives
 * them back); a reply goes through main's outbox under its draft's clientId, so the hub makes
 * one mail of it however many times it is sent.
 */
import type { EmailDraft } from '../../src-common/email-draft';
import type { DesktopApi } from '../../src-common/ipc';
import type { Result } from '../../src-common/result';
import { invokeResult } from '../api/invoke-result';
import type { AppStore } from '../store/app-store';

export interface EmailController {
  /** Loads (or refreshes) the thread of an email item. */
  open(itemId: string): Promise<void>;
  /** The saved draft of this item, or a new empty one with a fresh clientId. */
  loadDraft(itemId: string): Promise<EmailDraft & { restored: boolean }>;
  /** Saves the draft in the local cache; false when it could only be kept in this window. */
  saveDraft(draft: EmailDraft): Promise<boolean>;
  reply(draft: EmailDraft, cc: string[]): Promise<Result<null>>;
  /** After the window's link to main was down: events may have been missed. */
  refreshOpen(): void;
  dispose(): void;
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
      const saved = await invokeResult(api, 'email.draft', { itemId });
      if (saved.ok && saved.value) return { ...saved.value, restored: true };
      return { itemId, clientId: randomId().replace(/[^A-Za-z0-9_-]/g, ''), text: '', ccText: '', restored: false };
    },
    async saveDraft(draft) {
      return (await invokeResult(api, 'email.saveDraft', draft)).ok;
    },
    async reply(draft, cc) {
      store.getState().addPendingEmailReply(draft.itemId, { clientId: draft.clientId, text: draft.text, cc });
      const result = await invokeResult(api, 'email.reply', { itemId: draft.itemId, clientId: draft.clientId, text: draft.text, cc });
      if (!result.ok) store.getState().dropPendingEmailReply(draft.itemId, draft.clientId);
      // The hub's copy of the reply (its Message-ID, delivery) replaces the pending one.
      else void controller.open(draft.itemId);
      return result;
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
