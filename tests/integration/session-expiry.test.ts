import { afterEach, describe, expect, it } from 'vitest';
import { startHub } from '../../src-hub/embedded';
import { systemClock, type Clock } from '../../src-hub/clock';
import { anaBehindProxy } from './helpers/desktop-behind-proxy';
import { TempDirs } from './helpers/temp-dirs';

const temp = new TempDirs();
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  temp.cleanup();
});

describe('session expiry', () => {
  it('signs the desktop out with a clear error when the hub no longer accepts its token, and stops retrying', async () => {
    // The hub's clock runs ahead on demand (a fake clock: no user runs one); the desktop's does not.
    let aheadMs = 0;
    const clock: Clock = { now: () => Date.now() + aheadMs, setTimer: systemClock.setTimer };
    const hub = await startHub({ port: 0, dataDir: temp.make('centralita-hub-'), seedDemoData: true, simulate: false, logLevel: 'silent', clock });
    cleanups.push(() => hub.stop());
    const { proxy, ana } = await anaBehindProxy(hub.port, temp, cleanups);
    expect(ana.view?.status).toBe('online');

    aheadMs = 48 * 3600 * 1000;
    proxy.cut();
    const signedOut = await ana.waitFor('signed out', (c) => c.view?.status === 'signed-out' && c.view);
    expect(signedOut.lastError?.code).toBe('unauthenticated');
    expect(signedOut.lastError?.message).toMatch(/expired/i);
    expect(signedOut.user).toBeNull();
    const attemptsBefore = proxy.connections;
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(ana.view?.status).toBe('signed-out');
    expect(proxy.connections).toBe(attemptsBefore);
  });
});
