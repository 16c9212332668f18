/** Network changes under the phone: a burst of interface events, and a call's media path that stops answering. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MEDIA_PATH_GRACE_MS, NETWORK_SETTLE_MS, watchMediaPath, watchNetwork, type MediaPath, type NetworkChange } from '../../../src-phone/host/network-watch';

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
