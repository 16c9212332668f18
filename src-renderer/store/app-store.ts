/**
 * The renderer's one store, made of slices combined once; middleware (devtools, with named
 * actions) wraps only the combined store. It mirrors what main says and holds no business rule.
 */
import { create } from 'zustand';
import { devtools } from 'zustand/middleware';
import type { AppState } from './app-state';
import { createCustomerSlice } from './customer-slice';
import { createSettingsSlice } from './settings-slice';
import { createUiSlice } from './ui-slice';
import { createViewSlice } from './view-slice';

export function createAppStore() {
  return create<AppState>()(
    devtools(
      (...a) => ({
        ...createViewSlice(...a),
        ...createCustomerSlice(...a),
        ...createSettingsSlice(...a),
        ...createUiSlice(...a),
      }),
      { name: 'centralita' },
    ),
  );
}

export type AppStore = ReturnType<typeof createAppStore>;

export const useAppStore = createAppStore();
