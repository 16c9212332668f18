import { describe, expect, it } from 'vitest';
import type { ChatConversation } from '../../../src-common/chat';
import type { EmailThreadView } from '../../../src-common/email';
import type { DesktopApi, DesktopView } from '../../../src-common/ipc';
import { err, ok } from '../../../src-common/result';
import type { TransportStatus } from '../../../src-renderer/api/bridge-client';
import { createChatController } from '../../../src-renderer/chat/chat-controller';
import { createEmailController } from '../../../src-renderer/email/email-controller';
import { refreshOpenThreadsOnReconnect } from '../../../src-renderer/refresh-open-threads';
import { createAppStore } from '../../../src-renderer/store/app-store';

const conversation: ChatConversation = {
  id: 'conv-1', itemId: 'chat-1', state: 'active', customerName: 'María', topic: 'billing', agentName: 'Jordi', lastSeq: 0, customerReadSeq: 0, agentReadSeq: 0, closedBy: null,
};
const thread: EmailThreadView = { threadId: 't-1', itemId: 'mail-1', customerId: null, subject: 'Cambio de dirección', mailboxAddress: 'soporte@example.es', messages: [] };

function view(status: DesktopView['status']): DesktopView {
  return { status, hubUrl: '', user: null, lastError: null, presence: null, items: [], offers: [], config: null, serverTimeOffsetMs: 0, outboxPending: 0, outboxRefused: [] };
}

/** Main as the renderer sees it right after a relaunch: every hub read fails until `hubBack`. */
function mainWithHubAway() {
  const state = { hubBack: false, reads: [] as string[] };
  const api: DesktopApi = {
    invoke: (async (op: string) => {
      state.reads.push(op);
      if (!state.hubBack) return err('unavailable', 'Not connected to the hub right now; try again when the connection is back.');
      return ok(op === 'chat.transcript' ? { conversation, messages: [] } : thread);
    }) as DesktopApi['invoke'],
    on: (() => () => undefined) as DesktopApi['on'],
  };
  return { api, state };
}

const settled = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('open threads after the hub comes back', () => {
  it('reads the chat and the email that failed while the hub was away, once it is online', async () => {
    const store = createAppStore();
    store.getState().applyView(view('reconnecting'));
    const { api, state } = mainWithHubAway();
    const chat = createChatController(api, store, () => 'client-1');
    const email = createEmailController(api, store, () => 'client-2');
    refreshOpenThreadsOnReconnect(store, () => () => undefined, [chat, email]);

    await chat.open('chat-1');
    await email.open('mail-1');
    expect(store.getState().chatThreads['chat-1']?.conversation ?? null).toBeNull();
    expect(store.getState().emailThreads['mail-1']?.loadError).toMatch(/Not connected/);

    state.hubBack = true;
    store.getState().applyView(view('online'));
    await settled();
    expect(store.getState().chatThreads['chat-1']?.conversation?.customerName).toBe('María');
    expect(store.getState().emailThreads['mail-1']?.thread?.subject).toBe('Cambio de dirección');
    expect(store.getState().emailThreads['mail-1']?.loadError ?? null).toBeNull();

    // Staying online is not coming back: nothing is read again on the next view.
    const readsBefore = state.reads.length;
    store.getState().applyView(view('online'));
    await settled();
    expect(state.reads).toHaveLength(readsBefore);
  });

  it('reads open threads again when the window’s link to main reopens', async () => {
    const store = createAppStore();
    store.getState().applyView(view('online'));
    const { api, state } = mainWithHubAway();
    state.hubBack = true;
    const email = createEmailController(api, store, () => 'client-2');
    let linkListener: (status: TransportStatus) => void = () => undefined;
    refreshOpenThreadsOnReconnect(store, (listener) => ((linkListener = listener), () => undefined), [email]);
    await email.open('mail-1');
    state.reads.length = 0;
    linkListener('closed');
    expect(state.reads).toEqual([]);
    linkListener('open');
    await settled();
    expect(state.reads).toEqual(['email.thread']);
  });
});
