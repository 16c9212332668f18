/**
 * When the widget tries the hub again. A customer waiting on a chat must not wait long once the
 * hub is back, so the backoff stays short (cap 3 s, ±25 % jitter so a hub restart does not get
 * every widget at the same instant); the browser's own signals (network back `online`, the tab
 * visible again) retry at once. An attempt the far end accepts but never answers, and an open
 * socket that stopped answering pings (sleep, Wi-Fi change, a proxy that dropped it silently),
 * are given up on and retried rather than waited on.
 */
import { backoffDelayMs } from '../src-common/backoff';

export const RECONNECT_BASE_MS = 250;
export const RECONNECT_CAP_MS = 3_000;
/** A handshake not done by then is abandoned (the browser alone would wait minutes). */
export const CONNECT_TIMEOUT_MS = 8_000;
/** An open socket sends a ping this often… */
export const HEARTBEAT_INTERVAL_MS = 20_000;
/** …and is given up on when nothing at all arrived this long after it. */
export const HEARTBEAT_TIMEOUT_MS = 10_000;

/** Delay before retry number `attempt` (0 = first retry); `random` in [0, 1). */
export function reconnectDelay(attempt: number, random: number): number {
  return backoffDelayMs(attempt, { initialMs: RECONNECT_BASE_MS, maxMs: RECONNECT_CAP_MS, spread: [0.75, 1.25] }, () => random);
}
