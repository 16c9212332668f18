/**
 * Mirror of main's DesktopView, never edited here: replaced whole by a read (view.get), then
 * kept in step by the numbered changes main pushes (view-change.ts). A change that does not fit
 * the view held (one was missed) is refused, and the caller reads the whole view again. When
 * the link is back (online over an open transport), a notice that only said "cannot connect"
 * is stale and goes: an agent must not read "offline" while the top bar says connected.
 */
import type { StateCreator } from 'zustand';
import type { DesktopView, ViewChange } from '../../src-common/ipc';
import { applyViewChange } from '../../src-common/view-change';
import type { AppState, Middlewares } from './app-state';
import { staleConnectivityNotice } from './ui-slice';

export interface ViewSlice {
  view: DesktopView | null;
  /** The whole view, as view.get answered it. */
  applyView: (view: DesktopView) => void;
  /** One change pushed by main; false when it does not fit the view held (read the whole view again). */
  applyViewChange: (change: ViewChange) => boolean;
}

export const createViewSlice: StateCreator<AppState, Middlewares, [], ViewSlice> = (set, get) => {
  const show = (view: DesktopView, action: string): void =>
    set(
      (s) => ({
        view,
        notice: staleConnectivityNotice(s.notice, view.status, s.transport) ? null : s.notice,
        // A new offer pops its own customer, even over one the agent had looked up.
        lookedUpCustomerId: hasNewOffer(s.view, view) ? null : s.lookedUpCustomerId,
      }),
      false,
      action,
    );
  return {
    view: null,
    applyView: (view) => show(view, 'view/apply'),
    applyViewChange: (change) => {
      const next = applyViewChange(get().view, change);
      if (next) show(next, 'view/change');
      return next !== null;
    },
  };
};

function hasNewOffer(before: DesktopView | null, after: DesktopView): boolean {
  const seen = new Set((before?.offers ?? []).map((o) => o.offerId));
  return after.offers.some((o) => !seen.has(o.offerId));
}
