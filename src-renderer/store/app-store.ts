/**
 * The renderer's one store, made of slices combined once; middleware (devtools, with named
 * actions) wraps only the combined store. It mirrors what main, the hub and the phone host say
 * and holds no business rule. Code that acts on it takes the store as a parameter, so each test
 * makes a fresh one with createAppStore() instead of sharing (and resetting) the window's.
 */
import { create } from 'zustand';
import { devtools } from 'zustand/middleware';
import type { AppState } from './app-state';
import { createChatSlice } from './chat-slice';
import { createCustomerSlice } from './customer-slice';
import { createEmailSlice } from './email-slice';
import { createHeadsetSlice } from './headset-slice';
import { createPhoneSlice } from './phone-slice';
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
        ...createChatSlice(...a),
        ...createEmailSlice(...a),
        ...createPhoneSlice(...a),
        ...createHeadsetSlice(...a),
      }),
      { name: 'centralita' },
    ),
  );
}

export type AppStore = ReturnType<typeof createAppStore>;

export const useAppStore = createAppStore();
