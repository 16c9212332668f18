/**
 * Mirror of main's DesktopView: replaced whole on every `view` event, never edited here. When the
 * link is back (online over an open transport), a notice that only said "cannot connect" is
 * stale and goes: an agent must not read "offline" while the top bar says connected.
 */
import type { StateCreator } from 'zustand';
import type { DesktopView } from '../../src-common/ipc';
import type { AppState, Middlewares } from './app-state';
import { staleConnectivityNotice } from './ui-slice';

export interface ViewSlice {
  view: DesktopView | null;
  applyView: (view: DesktopView) => void;
}

export const createViewSlice: StateCreator<AppState, Middlewares, [], ViewSlice> = (set) => ({
  view: null,
  applyView: (view) =>
    set(
      (s) => ({
        view,
        notice: staleConnectivityNotice(s.notice, view.status, s.transport) ? null : s.notice,
        // A new offer pops its own customer, even over one the agent had looked up.
        lookedUpCustomerId: hasNewOffer(s.view, view) ? null : s.lookedUpCustomerId,
      }),
      false,
      'view/apply',
    ),
});

function hasNewOffer(before: DesktopView | null, after: DesktopView): boolean {
  const seen = new Set((before?.offers ?? []).map((o) => o.offerId));
  return after.offers.some((o) => !seen.has(o.offerId));
}
