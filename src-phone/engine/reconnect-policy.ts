/**
 * Back-off for reconnecting the SIP transport. The first retries are quick because the common
 * cause is a SIP server restart (the phone must be registered again within seconds, without the
 * agent doing anything); later ones are capped so a server that stays down is not hammered.
 * Up to 20 % jitter spreads a whole floor of phones reconnecting after the same restart.
 */
import { backoffDelayMs } from '../../src-common/backoff';

/** Delay before reconnect attempt number `attempt` (1 = the first retry). */
export function reconnectDelayMs(attempt: number, maxDelayMs: number, random: () => number = Math.random): number {
  return backoffDelayMs(attempt - 1, { initialMs: 250, maxMs: maxDelayMs, spread: [1, 1.2] }, random);
}
