import { describe, expect, it } from 'vitest';
import type { DesktopApi } from '../../../src-common/ipc';
import type { PhoneCommandInput } from '../../../src-common/phone-contract';
import { followNetworkMoves } from '../../../src-renderer/phone/network-moves';
import type { PhoneController } from '../../../src-renderer/phone/phone-controller';
import { createAppStore } from '../../../src-renderer/store/app-store';

/** Only the 'network' event of the desktop API matters here: main saw a route move. */
function routeMoves() {
  const listeners: Array<(payload: { since: number }) => void> = [];
  const api = {
    on: (name: string, listener: (payload: { since: number }) => void) => {
      if (name === 'network') listeners.push(listener);
      return () => listeners.splice(listeners.indexOf(listener), 1);
    },
  } as unknown as Pick<DesktopApi, 'on'>;
  return { api, move: (since: number) => [...listeners].forEach((listener) => listener({ since })) };
}

function recordingPhone(commands: PhoneCommandInput[]): Pick<PhoneController, 'command'> {
  return { command: async (command) => (commands.push(command), { ok: true, value: { callId: null } }) };
}

describe('a route move main saw reaches the phone', () => {
  it('as a reconnect for the route move with the move\'s moment, once the phone is provisioned, and not after stopping', () => {
    const store = createAppStore();
    const { api, move } = routeMoves();
    const commands: PhoneCommandInput[] = [];
    const stop = followNetworkMoves(api, recordingPhone(commands), store);
    // Signed out, or a hub without voice: there is no phone to move.
    move(1_000);
    expect(commands).toEqual([]);
    store.getState().setPhoneProvisioned(true);
    move(2_000);
    expect(commands).toEqual([{ type: 'reconnect', why: 'route-moved', since: 2_000 }]);
    stop();
    move(3_000);
    expect(commands).toHaveLength(1);
  });

  it('not in a window without a phone host', () => {
    const store = createAppStore();
    store.getState().setPhoneProvisioned(true);
    store.getState().setPhoneHostMissing(true);
    const { api, move } = routeMoves();
    const commands: PhoneCommandInput[] = [];
    followNetworkMoves(api, recordingPhone(commands), store);
    move(2_000);
    expect(commands).toEqual([]);
  });
});
