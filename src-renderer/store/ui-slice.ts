/** What only this window cares about: selection, open dialogs, transport health, notices. */
import type { StateCreator } from 'zustand';
import type { DesktopView } from '../../src-common/ipc';
import type { AppError } from '../../src-common/result';
import type { TransportStatus } from '../api/bridge-client';
import type { AppState, Middlewares } from './app-state';

/** What the user tried when it failed; a key of the `actions` translations. */
export type NoticeAction = 'login' | 'logout' | 'setState' | 'accept' | 'decline' | 'end' | 'wrapUp' | 'settings' | 'customer' | 'phone' | 'callRecord' | 'unsent' | 'forceState';

/**
 * Why an action failed, when the desktop knows more than the error code says; a key of the
 * `noticeReasons` translations, shown instead of the code's generic text.
 */
export type NoticeReason = 'callNotHere';

/** What a supervisor's screen shows: their own work (the agent desktop) or the supervision console. */
export type ScreenMode = 'work' | 'supervision';

export interface Notice {
  id: number;
  action: NoticeAction;
  error: AppError;
  reason: NoticeReason | null;
}

export interface UiSlice {
  selectedItemId: string | null;
  settingsOpen: boolean;
  transport: TransportStatus;
  notice: Notice | null;
  /** Last new offer, for the screen reader live region. */
  announcement: string;
  /** Customer the context pane shows when nothing is focused (stays after wrap-up). */
  lastCustomerId: string | null;
  /** A customer the agent looked up: shown until they pick an item or take an offer. */
  lookedUpCustomerId: string | null;
  /** Wrap-ups main accepted (sent, or kept in the outbox) for items the hub still shows in wrap-up. */
  wrapUpsSubmitted: Record<string, true>;
  screenMode: ScreenMode;
  selectItem: (itemId: string | null) => void;
  setSettingsOpen: (open: boolean) => void;
  setTransport: (status: TransportStatus) => void;
  showNotice: (action: NoticeAction, error: AppError, reason?: NoticeReason) => void;
  dismissNotice: () => void;
  announce: (text: string) => void;
  rememberCustomer: (customerId: string) => void;
  showCustomer: (customerId: string | null) => void;
  markWrapUpSubmitted: (itemId: string) => void;
  setScreenMode: (mode: ScreenMode) => void;
}

let noticeIds = 0;

/** A "cannot connect" notice once the desktop is online again over an open transport. */
export function staleConnectivityNotice(notice: Notice | null, status: DesktopView['status'] | undefined, transport: TransportStatus): boolean {
  return notice?.error.code === 'unavailable' && status === 'online' && transport === 'open';
}

export const createUiSlice: StateCreator<AppState, Middlewares, [], UiSlice> = (set) => ({
  selectedItemId: null,
  settingsOpen: false,
  transport: 'connecting',
  notice: null,
  announcement: '',
  lastCustomerId: null,
  lookedUpCustomerId: null,
  wrapUpsSubmitted: {},
  screenMode: 'work',
  selectItem: (selectedItemId) => set({ selectedItemId, lookedUpCustomerId: null }, false, 'ui/selectItem'),
  showCustomer: (lookedUpCustomerId) => set({ lookedUpCustomerId }, false, 'ui/showCustomer'),
  setSettingsOpen: (settingsOpen) => set({ settingsOpen }, false, 'ui/setSettingsOpen'),
  setTransport: (transport) =>
    set((s) => ({ transport, notice: staleConnectivityNotice(s.notice, s.view?.status, transport) ? null : s.notice }), false, 'ui/setTransport'),
  showNotice: (action, error, reason) => set({ notice: { id: ++noticeIds, action, error, reason: reason ?? null } }, false, 'ui/showNotice'),
  dismissNotice: () => set({ notice: null }, false, 'ui/dismissNotice'),
  announce: (announcement) => set({ announcement }, false, 'ui/announce'),
  rememberCustomer: (lastCustomerId) => set({ lastCustomerId }, false, 'ui/rememberCustomer'),
  markWrapUpSubmitted: (itemId) => set((s) => ({ wrapUpsSubmitted: { ...s.wrapUpsSubmitted, [itemId]: true } }), false, 'ui/markWrapUpSubmitted'),
  setScreenMode: (screenMode) => set({ screenMode }, false, 'ui/setScreenMode'),
});
