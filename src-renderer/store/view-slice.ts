/** Mirror of main's DesktopView: replaced whole on every `view` event, never edited here. */
import type { StateCreator } from 'zustand';
import type { DesktopView } from '../../src-common/ipc';
import type { AppState, Middlewares } from './app-state';

export interface ViewSlice {
  view: DesktopView | null;
  applyView: (view: DesktopView) => void;
}

export const createViewSlice: StateCreator<AppState, Middlewares, [], ViewSlice> = (set) => ({
  view: null,
  applyView: (view) => set({ view }, false, 'view/apply'),
});
