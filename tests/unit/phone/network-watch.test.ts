/** Network changes under the phone: a burst of interface events, and a call's media path that stops answering. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LOCAL_ADDRESS_CHECK_MS, MEDIA_PATH_GRACE_MS, NETWORK_SETTLE_MS, selectedLocalAddress, watchLocalAddress, watchMediaPath, watchNetwork, type MediaPath, type NetworkChange } from '../../../src-phone/host/network-watch';

const timers = { setTimeout: (run: () => void, ms: number) => setTimeout(run, ms), clearTimeout: (handle: unknown) => clearTimeout(handle as ReturnType<typeof setTimeout>), now: () => Date.now() };

class FakePath extends EventTarget implements MediaPath {
  iceConnectionState: RTCIceConnectionState = 'connected';
  moveTo(state: RTCIceConnectionState): void {
    this.iceConnectionState = state;
    this.dispatchEvent(new Event('iceconnectionstatechange'));
  }
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('watchNetwork', () => {
  it('acts once after a burst of interface events settles, naming the last one, and not after it is stopped', () => {
    const win = new EventTarget();
    const connection = new EventTarget();
    const changes: NetworkChange[] = [];
    const since: number[] = [];
    const stop = watchNetwork({ window: win, connection, ...timers }, (why, at) => {
      changes.push(why);
      since.push(at);
    });
    win.dispatchEvent(new Event('offline'));
    const burstStart = Date.now();
    win.dispatchEvent(new Event('online'));
    vi.advanceTimersByTime(NETWORK_SETTLE_MS / 2);
    connection.dispatchEvent(new Event('change'));
    vi.advanceTimersByTime(NETWORK_SETTLE_MS - 1);
    expect(changes).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(changes).toEqual(['connection-type']);
    // The burst's first moment: a connection opened after it is already on the new network.
    expect(since).toEqual([burstStart]);
    // Going offline alone is not a change to act on: there is nothing to reconnect to yet.
    win.dispatchEvent(new Event('offline'));
    vi.advanceTimersByTime(NETWORK_SETTLE_MS * 4);
    expect(changes).toHaveLength(1);
    win.dispatchEvent(new Event('online'));
    stop();
    vi.advanceTimersByTime(NETWORK_SETTLE_MS * 4);
    expect(changes).toHaveLength(1);
  });

  it('works where the browser has no connection information', () => {
    const win = new EventTarget();
    const changes: NetworkChange[] = [];
    watchNetwork({ window: win, ...timers }, (why) => changes.push(why));
    win.dispatchEvent(new Event('online'));
    vi.advanceTimersByTime(NETWORK_SETTLE_MS);
    expect(changes).toEqual(['online']);
  });
});

describe('watchMediaPath', () => {
  it('reports a path that fails at once, one that stays disconnected past the grace, and not a blip', () => {
    const path = new FakePath();
    let lost = 0;
    const stop = watchMediaPath(path, timers, () => (lost += 1));
    path.moveTo('disconnected');
    vi.advanceTimersByTime(MEDIA_PATH_GRACE_MS - 100);
    path.moveTo('connected');
    vi.advanceTimersByTime(MEDIA_PATH_GRACE_MS * 2);
    expect(lost).toBe(0);
    path.moveTo('disconnected');
    vi.advanceTimersByTime(MEDIA_PATH_GRACE_MS);
    expect(lost).toBe(1);
    path.moveTo('checking');
    path.moveTo('failed');
    expect(lost).toBe(2);
    stop();
    path.moveTo('failed');
    expect(lost).toBe(2);
  });
});

describe('a call whose media leaves from another address', () => {
  const report = (pairId: string | undefined, local: string) => [
    { type: 'transport', id: 'T01', ...(pairId ? { selectedCandidatePairId: pairId } : {}) },
    { type: 'candidate-pair', id: 'CP-old', localCandidateId: 'L-wifi' },
    { type: 'candidate-pair', id: 'CP-new', localCandidateId: 'L-cable' },
    { type: 'local-candidate', id: 'L-wifi', address: '192.168.1.20' },
    { type: 'local-candidate', id: 'L-cable', address: local },
  ];

  it('reads the address of the selected pair\'s local end, and nothing before a pair is selected', () => {
    expect(selectedLocalAddress(report('CP-new', '10.0.0.7'))).toBe('10.0.0.7');
    expect(selectedLocalAddress(report('CP-old', '10.0.0.7'))).toBe('192.168.1.20');
    expect(selectedLocalAddress(report(undefined, '10.0.0.7'))).toBeNull();
  });

  it('reports a move with the last moment the old address was seen, once per move, and stops', async () => {
    let address: string | null = null;
    const moves: Array<{ from: string; to: string; lastSeenAt: number }> = [];
    const stop = watchLocalAddress(async () => address, timers, (move) => moves.push(move));
    await vi.advanceTimersByTimeAsync(LOCAL_ADDRESS_CHECK_MS);
    address = '192.168.1.20';
    await vi.advanceTimersByTimeAsync(LOCAL_ADDRESS_CHECK_MS);
    const lastOnWifi = Date.now();
    await vi.advanceTimersByTimeAsync(LOCAL_ADDRESS_CHECK_MS);
    expect(moves).toEqual([]);
    // A pair not readable for a moment (stats between two selections) is not a move.
    address = null;
    await vi.advanceTimersByTimeAsync(LOCAL_ADDRESS_CHECK_MS);
    address = '10.0.0.7';
    await vi.advanceTimersByTimeAsync(LOCAL_ADDRESS_CHECK_MS * 3);
    expect(moves).toEqual([{ from: '192.168.1.20', to: '10.0.0.7', lastSeenAt: lastOnWifi + LOCAL_ADDRESS_CHECK_MS }]);
    stop();
    address = '172.16.0.9';
    await vi.advanceTimersByTimeAsync(LOCAL_ADDRESS_CHECK_MS * 3);
    expect(moves).toHaveLength(1);
  });
});
