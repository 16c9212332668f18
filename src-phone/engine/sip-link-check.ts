/**
 * Proves, every little while, that the SIP connection still reaches the server: it sends a
 * request any SIP server answers (an OPTIONS to the registrar) and waits for the answer.
 *
 * A connection can die with nobody told: when a laptop docks and a second wired link takes the
 * default route before the first goes away, the WebSocket's TCP connection stays bound to an
 * address that no longer routes, the browser raises no network event and the socket reports no
 * error for many minutes. Calls to the agent would meanwhile meet a dead socket, until the
 * binding's renewal failed. An unanswered check ends that within about a check's interval plus
 * its wait.
 */

/** How often the connection is checked: one small request per interval is nothing to a server. */
export const LINK_CHECK_INTERVAL_MS = 10_000;
/**
 * How long an answer may take. A home link's round trip is well under a second; this leaves room
 * for a few TCP retransmissions on a lossy Wi-Fi before the connection is given up.
 */
export const LINK_CHECK_TIMEOUT_MS = 4_000;

export interface LinkCheckTimers {
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  now(): number;
}

/**
 * Sends one check; calls `answered` when the server's answer (any final or provisional response)
 * arrives. An answer the phone's own stack made up (a transport error, a transaction timeout)
 * is not the server's and must not be reported.
 */
export type SendLinkCheck = (answered: () => void) => void;

/**
 * Checks the connection every `intervalMs`; when a check goes unanswered for `timeoutMs`, calls
 * `onSilent` once with the moment that check left (a connection opened after it is a new one) and
 * stops. The caller starts a new watch on each new connection.
 */
export function watchSipLink(send: SendLinkCheck, timers: LinkCheckTimers, onSilent: (sentAt: number) => void, intervalMs = LINK_CHECK_INTERVAL_MS, timeoutMs = LINK_CHECK_TIMEOUT_MS): () => void {
  let stopped = false;
  let next: unknown = null;
  let wait: unknown = null;
  const clear = () => {
    if (next !== null) timers.clearTimeout(next);
    if (wait !== null) timers.clearTimeout(wait);
    next = null;
    wait = null;
  };
  const check = () => {
    next = null;
    if (stopped) return;
    const sentAt = timers.now();
    let answered = false;
    wait = timers.setTimeout(() => {
      wait = null;
      if (stopped || answered) return;
      stopped = true;
      onSilent(sentAt);
    }, timeoutMs);
    send(() => {
      if (stopped || answered) return;
      answered = true;
      if (wait !== null) timers.clearTimeout(wait);
      wait = null;
      next = timers.setTimeout(check, intervalMs);
    });
  };
  next = timers.setTimeout(check, intervalMs);
  return () => {
    stopped = true;
    clear();
  };
}
