/** Network changes under the phone: a burst of interface events, and a call's media path that stops answering. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LOCAL_ADDRESS_CHECK_MS, LOCAL_ADDRESS_SETTLE_MS, MEDIA_PATH_GRACE_MS, NETWORK_SETTLE_MS, selectedLocalEnd, watchLocalAddress, watchMediaPath, watchNetwork, type LocalEnd, type MediaPath, type NetworkChange } from '../../../src-phone/host/network-watch';

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
  const report = (pairId: string | undefined, cable: { address: string; candidateType: string }) => [
    { type: 'transport', id: 'T01', ...(pairId ? { selectedCandidatePairId: pairId } : {}) },
    { type: 'candidate-pair', id: 'CP-old', localCandidateId: 'L-wifi' },
    { type: 'candidate-pair', id: 'CP-new', localCandidateId: 'L-cable' },
    { type: 'local-candidate', id: 'L-wifi', address: '192.168.1.20', candidateType: 'host' },
    { type: 'local-candidate', id: 'L-cable', ...cable },
  ];

  it('reads the selected pair\'s local end and whether ICE learned it from a check, and nothing before a pair is selected', () => {
    expect(selectedLocalEnd(report('CP-new', { address: '10.0.0.7', candidateType: 'prflx' }))).toEqual({ address: '10.0.0.7', learned: true });
    expect(selectedLocalEnd(report('CP-old', { address: '10.0.0.7', candidateType: 'prflx' }))).toEqual({ address: '192.168.1.20', learned: false });
    expect(selectedLocalEnd(report(undefined, { address: '10.0.0.7', candidateType: 'prflx' }))).toBeNull();
  });

  it('reports a learned new address with the last moment the old one was seen, once per move, and stops', async () => {
    let end: LocalEnd | null = null;
    const moves: Array<{ from: string; to: string; lastSeenAt: number }> = [];
    const stop = watchLocalAddress(async () => end, timers, (move) => moves.push(move));
    await vi.advanceTimersByTimeAsync(LOCAL_ADDRESS_CHECK_MS);
    // ICE settling as the call connects (a NAT's address after the first check) is not a move.
    end = { address: '192.168.1.5', learned: false };
    await vi.advanceTimersByTimeAsync(LOCAL_ADDRESS_CHECK_MS);
    end = { address: '192.168.1.20', learned: true };
    await vi.advanceTimersByTimeAsync(LOCAL_ADDRESS_SETTLE_MS);
    expect(moves).toEqual([]);
    // ICE choosing another gathered candidate later is not a move either.
    end = { address: '192.168.7.3', learned: false };
    await vi.advanceTimersByTimeAsync(LOCAL_ADDRESS_CHECK_MS);
    end = { address: '192.168.1.20', learned: false };
    await vi.advanceTimersByTimeAsync(LOCAL_ADDRESS_CHECK_MS);
    const lastOnWifi = Date.now();
    await vi.advanceTimersByTimeAsync(LOCAL_ADDRESS_CHECK_MS);
    expect(moves).toEqual([]);
    // A pair not readable for a moment (stats between two selections) is not a move.
    end = null;
    await vi.advanceTimersByTimeAsync(LOCAL_ADDRESS_CHECK_MS);
    end = { address: '10.0.0.7', learned: true };
    await vi.advanceTimersByTimeAsync(LOCAL_ADDRESS_CHECK_MS * 3);
    expect(moves).toEqual([{ from: '192.168.1.20', to: '10.0.0.7', lastSeenAt: lastOnWifi + LOCAL_ADDRESS_CHECK_MS }]);
    // The call's own ICE restart right after the move may pick another local end: settling again.
    end = { address: '10.0.0.8', learned: true };
    await vi.advanceTimersByTimeAsync(LOCAL_ADDRESS_CHECK_MS);
    expect(moves).toHaveLength(1);
    stop();
    end = { address: '172.16.0.9', learned: true };
    await vi.advanceTimersByTimeAsync(LOCAL_ADDRESS_SETTLE_MS * 2);
    expect(moves).toHaveLength(1);
  });
});
