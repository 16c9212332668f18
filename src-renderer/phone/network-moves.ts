import type { DesktopApi } from '../../src-common/ipc';
import type { AppStore } from '../store/app-store';
import type { PhoneController } from './phone-controller';

/**
 * Main watches the routes to the servers and says when they moved to another local address
 * (src-main/services/network/route-watch.ts). The phone lives in this page (web mode) or in the
 * phone window this page drives (Electron), so the word reaches it from here: its SIP
 * connection, if opened before the move, is replaced and its live calls move over. A desktop
 * without a phone, or one not started, has nothing to move.
 */
export function followNetworkMoves(api: Pick<DesktopApi, 'on'>, phone: Pick<PhoneController, 'command'>, store: AppStore): () => void {
  return api.on('network', ({ since }) => {
    const { provisioned, hostMissing } = store.getState().phone;
    if (!provisioned || hostMissing) return;
    void phone.command({ type: 'reconnect', why: 'route-moved', since });
  });
}
