/** Effective settings (values, locked keys, policy error) exactly as main reports them. */
import type { StateCreator } from 'zustand';
import type { EffectiveSettings } from '../../src-common/settings';
import type { AppState, Middlewares } from './app-state';

export interface SettingsSlice {
  settings: EffectiveSettings | null;
  applySettings: (settings: EffectiveSettings) => void;
}

export const createSettingsSlice: StateCreator<AppState, Middlewares, [], SettingsSlice> = (set) => ({
  settings: null,
  applySettings: (settings) => set({ settings }, false, 'settings/apply'),
});
