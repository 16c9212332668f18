/**
 * The phone as this window shows it: the host's PhoneEvents folded by `reducePhoneEvent` into
 * `phone` (a mirror of the host, which mirrors the engine; it decides nothing), and which phone
 * dialog or pad is open. `phone` is one object because the pure fold in phone-state.ts owns its
 * shape; the app store only holds what the fold returns.
 */
import type { StateCreator } from 'zustand';
import type { PhoneEvent } from '../../src-common/phone-contract';
import type { PhoneSnapshot } from '../../src-common/phone-host';
import { INITIAL_PHONE_STATE, reducePhoneEvent, reducePhoneSnapshot, type PhoneState } from '../phone/phone-state';
import type { AppState, Middlewares } from './app-state';

export interface PhoneSlice {
  phone: PhoneState;
  dialpadOpen: boolean;
  /** The call the transfer/consult dialog acts on; null = closed. */
  transferCallId: string | null;
  keypadOpen: boolean;
  /** Voice offers whose Answer waits for their call to ring on this phone (shown on the card). */
  answeringOfferIds: readonly string[];
  setAnswering: (offerId: string, waiting: boolean) => void;
  setDialpadOpen: (open: boolean) => void;
  setTransferCallId: (callId: string | null) => void;
  setKeypadOpen: (open: boolean) => void;
  applyPhoneEvent: (event: PhoneEvent) => void;
  applyPhoneSnapshot: (snapshot: PhoneSnapshot) => void;
  setPhoneProvisioned: (provisioned: boolean) => void;
  setPhoneHostMissing: (missing: boolean) => void;
  /** Agent's side: the supervisor on a supervision call, shown when the centre tells agents. */
  setSupervisorName: (callId: string, name: string) => void;
  dismissPhoneError: () => void;
}

export const createPhoneSlice: StateCreator<AppState, Middlewares, [], PhoneSlice> = (set) => ({
  phone: INITIAL_PHONE_STATE,
  dialpadOpen: false,
  transferCallId: null,
  keypadOpen: false,
  answeringOfferIds: [],
  setAnswering: (offerId, waiting) =>
    set((s) => ({ answeringOfferIds: [...s.answeringOfferIds.filter((id) => id !== offerId), ...(waiting ? [offerId] : [])] }), false, 'phone/answering'),
  setDialpadOpen: (dialpadOpen) => set({ dialpadOpen }, false, 'phone/dialpad'),
  setTransferCallId: (transferCallId) => set({ transferCallId }, false, 'phone/transferDialog'),
  setKeypadOpen: (keypadOpen) => set({ keypadOpen }, false, 'phone/keypad'),
  applyPhoneEvent: (event) => set((s) => ({ phone: reducePhoneEvent(s.phone, event) }), false, `phone/${event.type}`),
  applyPhoneSnapshot: (snapshot) => set((s) => ({ phone: reducePhoneSnapshot(s.phone, snapshot) }), false, 'phone/snapshot'),
  setPhoneProvisioned: (provisioned) => set((s) => ({ phone: { ...s.phone, provisioned } }), false, 'phone/provisioned'),
  setPhoneHostMissing: (hostMissing) => set((s) => ({ phone: { ...s.phone, hostMissing } }), false, 'phone/hostMissing'),
  dismissPhoneError: () => set((s) => ({ phone: { ...s.phone, lastError: null } }), false, 'phone/dismissError'),
  setSupervisorName: (callId, name) =>
    set((s) => (s.phone.supervisionCalls[callId] ? { phone: { ...s.phone, supervisorNames: { ...s.phone.supervisorNames, [callId]: name } } } : {}), false, 'phone/supervisorName'),
});
