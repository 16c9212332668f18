import type { ChatSlice } from './chat-slice';
import type { CustomerSlice } from './customer-slice';
import type { EmailSlice } from './email-slice';
import type { HeadsetSlice } from './headset-slice';
import type { PhoneSlice } from './phone-slice';
import type { SettingsSlice } from './settings-slice';
import type { UiSlice } from './ui-slice';
import type { ViewSlice } from './view-slice';

export type AppState = ViewSlice & CustomerSlice & SettingsSlice & UiSlice & ChatSlice & EmailSlice & PhoneSlice & HeadsetSlice;
export type Middlewares = [['zustand/devtools', never]];
