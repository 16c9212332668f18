/**
 * The headset whose call buttons this window follows, as the settings dialog shows it. The
 * headset controller (headset/headset-controller.ts) is the only writer.
 */
import type { StateCreator } from 'zustand';
import type { AppState, Middlewares } from './app-state';

export type HeadsetStatus =
  /** This browser has no WebHID. */
  | { readonly kind: 'unsupported' }
  | { readonly kind: 'none' }
  | { readonly kind: 'connecting'; readonly name: string }
  | { readonly kind: 'connected'; readonly name: string }
  /** Unplugged; it comes back by itself when plugged in again. */
  | { readonly kind: 'unplugged'; readonly name: string }
  | { readonly kind: 'failed'; readonly name: string; readonly reason: 'open' | 'no-controls' };

export interface HeadsetSlice {
  headset: HeadsetStatus;
  setHeadsetStatus: (status: HeadsetStatus) => void;
}

export const createHeadsetSlice: StateCreator<AppState, Middlewares, [], HeadsetSlice> = (set) => ({
  headset: { kind: 'none' },
  setHeadsetStatus: (headset) => set({ headset }, false, `headset/${headset.kind}`),
});
