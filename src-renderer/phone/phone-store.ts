/**
 * The window's phone store: PhoneEvents from the host folded by `reducePhoneEvent`. It mirrors the
 * host (which mirrors the engine); it decides nothing. Own store, like the chat store, because
 * its events come from the phone host, not from main's DesktopApi.
 */
import { create } from 'zustand';
import { devtools } from 'zustand/middleware';
import type { PhoneEvent } from '../../src-common/call';
import type { PhoneSnapshot } from '../../src-common/phone-host';
import { INITIAL_PHONE_STATE, applyPhoneSnapshot, reducePhoneEvent, type PhoneState } from './phone-state';

/** Which phone dialog or pad is open in this window (view state only). */
export interface PhoneUiState {
  dialpadOpen: boolean;
  /** The call the transfer/consult dialog acts on; null = closed. */
  transferCallId: string | null;
  keypadOpen: boolean;
}

const INITIAL_UI: PhoneUiState = { dialpadOpen: false, transferCallId: null, keypadOpen: false };

export interface PhoneStore extends PhoneState, PhoneUiState {
  setDialpadOpen: (open: boolean) => void;
  setTransferCallId: (callId: string | null) => void;
  setKeypadOpen: (open: boolean) => void;
  applyEvent: (event: PhoneEvent) => void;
  applySnapshot: (snapshot: PhoneSnapshot) => void;
  setProvisioned: (provisioned: boolean) => void;
  setHostMissing: (missing: boolean) => void;
  clearError: () => void;
  reset: () => void;
}

export function createPhoneStore() {
  return create<PhoneStore>()(
    devtools(
      (set) => ({
        ...INITIAL_PHONE_STATE,
        ...INITIAL_UI,
        setDialpadOpen: (dialpadOpen) => set({ dialpadOpen }, false, 'phone/dialpad'),
        setTransferCallId: (transferCallId) => set({ transferCallId }, false, 'phone/transferDialog'),
        setKeypadOpen: (keypadOpen) => set({ keypadOpen }, false, 'phone/keypad'),
        applyEvent: (event) => set((s) => reducePhoneEvent(s, event), false, `phone/${event.type}`),
        applySnapshot: (snapshot) => set((s) => applyPhoneSnapshot(s, snapshot), false, 'phone/snapshot'),
        setProvisioned: (provisioned) => set({ provisioned }, false, 'phone/provisioned'),
        setHostMissing: (hostMissing) => set({ hostMissing }, false, 'phone/hostMissing'),
        clearError: () => set({ lastError: null }, false, 'phone/clearError'),
        reset: () => set({ ...INITIAL_PHONE_STATE, ...INITIAL_UI }, false, 'phone/reset'),
      }),
      { name: 'centralita-phone' },
    ),
  );
}

export type PhoneStoreApi = ReturnType<typeof createPhoneStore>;

/** The window's one phone store. */
export const usePhoneStore = createPhoneStore();
