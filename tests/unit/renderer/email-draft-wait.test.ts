import { afterEach, describe, expect, it, vi } from 'vitest';
import type { EmailDraft } from '../../../src-common/email-draft';
import type { DesktopApi, DesktopView } from '../../../src-common/ipc';
import { err, ok } from '../../../src-common/result';
import { createEmailController } from '../../../src-renderer/email/email-controller';
import { createAppStore } from '../../../src-renderer/store/app-store';

const SAVED: EmailDraft = { itemId: 'mail-1', clientId: 'client-saved', text: 'Hola María, ya he cambiado', ccText: '', bccText: '', forwardToText: '', attachments: [] };

function view(status: DesktopView['status'], userId: string | null): DesktopView {
  const user = userId ? { id: userId, username: userId, displayName: 'Jordi', roles: ['agent'] } : null;
  return { status, hubUrl: '', user, lastError: null, presence: null, items: [], offers: [], config: null, serverTimeOffsetMs: 0, outboxPending: 0, outboxRefused: [] } as DesktopView;
}

/** Main right after a relaunch: no session (so no drafts) until `signedIn`; `answer` lets a test hold an answer back. */
function relaunchedMain() {
  const state = { signedIn: false, reads: 0, hold: null as null | Promise<void> };
  const api: DesktopApi = {
    invoke: (async (op: string) => {
      if (op !== 'email.draft') throw new Error(`unexpected ${op}`);
      state.reads += 1;
      const signedIn = state.signedIn;
      if (state.hold) await state.hold;
      return signedIn ? ok(SAVED) : err('unavailable', 'Drafts are kept per signed-in agent.');
    }) as DesktopApi['invoke'],
    on: (() => () => undefined) as DesktopApi['on'],
  };
  return { api, state };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('the email composer after a relaunch', () => {
  it('waits for the session to come back and gives the saved draft, asking main again only when the session moves on', async () => {
    vi.useFakeTimers();
    const store = createAppStore();
    store.getState().applyView(view('connecting', null));
    const { api, state } = relaunchedMain();
    const email = createEmailController(api, store, () => 'fresh-client');

    const loading = email.loadDraft('mail-1');
    // Ten seconds with nothing changing: one read, no polling, and no empty draft yet.
    await vi.advanceTimersByTimeAsync(10_000);
    expect(state.reads).toBe(1);
    let settled = false;
    void loading.then(() => (settled = true));
    await vi.advanceTimersByTimeAsync(0);
    expect(settled).toBe(false);

    state.signedIn = true;
    store.getState().applyView(view('online', 'jordi'));
    await expect(loading).resolves.toMatchObject({ clientId: 'client-saved', text: 'Hola María, ya he cambiado', restored: true });
    expect(state.reads).toBe(2);
  });

  it('asks again at once when the session came back while main was answering the first read', async () => {
    const store = createAppStore();
    store.getState().applyView(view('connecting', null));
    const { api, state } = relaunchedMain();
    let release = (): void => undefined;
    state.hold = new Promise<void>((resolve) => (release = resolve));
    const email = createEmailController(api, store, () => 'fresh-client');

    const loading = email.loadDraft('mail-1');
    await Promise.resolve();
    // The sign-in lands between main's "no session" and the window reading it: no event will follow.
    state.signedIn = true;
    store.getState().applyView(view('online', 'jordi'));
    state.hold = null;
    release();
    await expect(loading).resolves.toMatchObject({ clientId: 'client-saved', restored: true });
  });

  it('starts an empty draft with a fresh clientId after 20 s without the session', async () => {
    vi.useFakeTimers();
    const store = createAppStore();
    store.getState().applyView(view('connecting', null));
    const { api } = relaunchedMain();
    const email = createEmailController(api, store, () => 'fresh-client');
    const loading = email.loadDraft('mail-1');
    await vi.advanceTimersByTimeAsync(20_000);
    await expect(loading).resolves.toMatchObject({ clientId: 'fresh-client', text: '', restored: false });
  });
});
