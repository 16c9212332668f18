import type { CustomerSlice } from './customer-slice';
import type { SettingsSlice } from './settings-slice';
import type { UiSlice } from './ui-slice';
import type { ViewSlice } from './view-slice';

export type AppState = ViewSlice & CustomerSlice & SettingsSlice & UiSlice;
export type Middlewares = [['zustand/devtools', never]];
