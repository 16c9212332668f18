/**
 * Back-off for reconnecting the SIP transport. The first retries are quick because the common
 * cause is a SIP server restart (the phone must be registered again within seconds, without the
 * agent doing anything); later ones are capped so a server that stays down is not hammered.
 * Jitter spreads a whole floor of phones reconnecting after the same restart.
 */
export function reconnectDelayMs(attempt: number, maxDelayMs: number, random: () => number = Math.random): number {
  const base = Math.min(maxDelayMs, 250 * 2 ** Math.max(0, attempt - 1));
  const jitter = base * 0.2 * random();
  return Math.round(Math.min(maxDelayMs, base + jitter));
}
