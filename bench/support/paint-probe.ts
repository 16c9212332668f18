/**
 * In-page instrumentation for the chat UI bench: when a customer message's text appears in the
 * agent's chat transcript, record the wall-clock time it was painted.
 *
 * Clock alignment: the bench (Node) stamps a send with `performance.timeOrigin +
 * performance.now()` and the page stamps a paint the same way. Both are milliseconds since the
 * Unix epoch on the same machine, but each process snapshots the system clock once, at its own
 * time origin, and then counts with a monotonic timer; if the system clock was stepped or slewed
 * (NTP) in between, or Chromium coarsens the timer, the two scales disagree by an unknown
 * constant. `measureClockOffset` estimates that constant NTP-style: Node reads its clock, asks
 * the page for its clock, reads its own again, and takes the page reading minus the midpoint from
 * the sample with the shortest round trip; the error is at most half that round trip, which the
 * bench prints. Latency = (paint − offset) − send.
 */
import type { Page } from 'playwright-core';

/** Every bench message's text starts with this, then an id: `bench#<id> …`. */
export const MESSAGE_MARK = 'bench#';

/**
 * Runs in the page before the app (plain JS: this file compiles without DOM types). A
 * MutationObserver notices new transcript nodes; a requestAnimationFrame callback runs just
 * before the next frame is painted, and a message posted from it is delivered just after that
 * frame (the task queue runs after rendering), which is the "painted" time recorded.
 */
export const PAINT_PROBE = `
(() => {
  const painted = {};
  const arrived = {};
  const seen = new Set();
  window.__benchPainted = painted;
  window.__benchArrived = arrived;
  const mark = ${JSON.stringify(MESSAGE_MARK)};
  const idOf = (text) => {
    const at = text.indexOf(mark);
    if (at < 0) return null;
    return text.slice(at + mark.length).split(/[^0-9a-f]/)[0] || null;
  };
  // The bridge socket's frames, timed on arrival: splits the latency into transport and render.
  const Native = window.WebSocket;
  window.WebSocket = class extends Native {
    constructor(url, protocols) {
      super(url, protocols);
      this.addEventListener('message', (ev) => {
        if (typeof ev.data !== 'string' || !ev.data.includes(mark)) return;
        const now = performance.timeOrigin + performance.now();
        let rest = ev.data;
        for (let at = rest.indexOf(mark); at >= 0; at = rest.indexOf(mark)) {
          rest = rest.slice(at + mark.length);
          const id = idOf(mark + rest);
          if (id && !(id in arrived)) arrived[id] = now;
        }
      });
    }
  };
  const afterPaint = (ids) => requestAnimationFrame(() => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      const now = performance.timeOrigin + performance.now();
      for (const id of ids) painted[id] = now;
      channel.port1.close();
    };
    channel.port2.postMessage(0);
  });
  new MutationObserver((records) => {
    const fresh = [];
    for (const record of records) {
      for (const node of record.addedNodes) {
        if (!(node instanceof Element)) continue;
        const texts = node.matches('li.chat-message.from-customer .chat-text') ? [node] : [];
        if (node.matches('li.chat-message.from-customer')) texts.push(...node.querySelectorAll('.chat-text'));
        else texts.push(...node.querySelectorAll('li.chat-message.from-customer .chat-text'));
        for (const el of texts) {
          const id = idOf(el.textContent || '');
          if (id && !seen.has(id)) { seen.add(id); fresh.push(id); }
        }
      }
    }
    if (fresh.length > 0) afterPaint(fresh);
  }).observe(document, { subtree: true, childList: true });
})();
`;

interface ProbeWindow {
  __benchPainted: Record<string, number>;
  __benchArrived: Record<string, number>;
}

/** Page-clock times of one message: its bridge frame's arrival (if seen) and its paint. */
export interface MessageTimes {
  arrived?: number;
  painted: number;
}

/** Wall-clock now in ms since the epoch, at sub-millisecond resolution (same formula as the page). */
export const epochNow = (): number => performance.timeOrigin + performance.now();

/** See the file comment: page clock minus Node clock, and the error bound (half the best round trip). */
export async function measureClockOffset(page: Page, samples = 15): Promise<{ offsetMs: number; errorMs: number }> {
  let best = { offsetMs: 0, errorMs: Infinity };
  for (let i = 0; i < samples; i++) {
    const before = epochNow();
    const pageNow = await page.evaluate(() => performance.timeOrigin + performance.now());
    const after = epochNow();
    const halfTrip = (after - before) / 2;
    if (halfTrip < best.errorMs) best = { offsetMs: pageNow - (before + halfTrip), errorMs: halfTrip };
  }
  return best;
}

/** Waits until the page has painted every id in `ids` (or `timeoutMs` passes); returns what it has. */
export async function waitForPaints(page: Page, ids: string[], timeoutMs: number): Promise<Record<string, MessageTimes>> {
  // A function, not a string: the page's CSP forbids eval; Playwright calls functions over CDP.
  await page
    .waitForFunction((wanted: string[]) => wanted.every((id) => id in (globalThis as unknown as ProbeWindow).__benchPainted), ids, { timeout: timeoutMs, polling: 10 })
    .catch(() => undefined);
  return page.evaluate((wanted: string[]) => {
    const { __benchPainted: painted, __benchArrived: arrived } = globalThis as unknown as ProbeWindow;
    return Object.fromEntries(wanted.filter((id) => id in painted).map((id) => [id, { arrived: arrived[id], painted: painted[id] ?? NaN }]));
  }, ids);
}
