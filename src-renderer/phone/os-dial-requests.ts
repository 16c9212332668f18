import type { DesktopApi } from '../../src-common/ipc';
import type { AppStore } from '../store/app-store';
import { selectContextCustomerId } from '../store/selectors';
import { dialTargetOfLink } from './dial-input';
import type { PhoneController } from './phone-controller';

/**
 * tel:/sip: links the OS hands to the Electron app (clicked in a browser or a CRM): dialled like
 * a link clicked in the window. A link that arrives before the phone has registered (the app was
 * started by the click, the agent still has to sign in) waits for the registration and is then
 * dialled once; a newer link replaces a waiting one.
 */
export function dialOsRequests(api: DesktopApi, phone: PhoneController, store: AppStore): () => void {
  let waiting: string | null = null;
  const dialNow = (target: string): void => void phone.dial(target, selectContextCustomerId(store.getState()));
  const stopListening = api.on('dial', ({ target }) => {
    const checked = dialTargetOfLink(target);
    if (!checked) return;
    if (store.getState().phone.registration.registration === 'registered') dialNow(checked);
    else waiting = checked;
  });
  const stopWatching = store.subscribe((state) => {
    if (waiting === null || state.phone.registration.registration !== 'registered') return;
    const target = waiting;
    waiting = null;
    dialNow(target);
  });
  return () => {
    stopListening();
    stopWatching();
  };
}
