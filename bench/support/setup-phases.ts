/**
 * Where a browser phone spends INVITE → 200 OK (`npm run bench:call-setup -- --phases`).
 *
 * The probe runs in each phone's page before the phone's own code and wraps the browser APIs
 * every WebRTC phone goes through, so ours, stock SIP.js and JsSIP are timed the same way:
 * the WebSocket (the INVITE's arrival, the 200 OK's departure), getUserMedia, the
 * RTCPeerConnection constructor, setRemoteDescription / createAnswer / setLocalDescription, and
 * the ICE gathering state. Each step is stamped with performance.now() and belongs to the last
 * INVITE that arrived (the bench places one call at a time). Opt-in: the wrappers cost a few
 * microseconds per call, and the headline figures are taken without them.
 */
import type { Page } from 'playwright-core';
import { median } from './figures';

/** Plain JS: this file compiles without DOM types. */
export const SETUP_PHASES_PROBE = `
(() => {
  const calls = [];
  window.__setupPhases = calls;
  const now = () => performance.now();
  const current = () => calls[calls.length - 1];
  const mark = (name, start, end) => {
    const call = current();
    // Steps after the 200 OK are kept too (e.g. gathering that the phone did not wait for).
    if (call) call.steps.push({ name, start: start - call.inviteAt, end: end - call.inviteAt });
  };
  const firstLine = (text) => (typeof text === 'string' ? text.slice(0, text.indexOf('\\r\\n')) : '');
  const isInviteOk = (text) => /^SIP\\/2\\.0 200 /.test(firstLine(text)) && /\\r\\nCSeq:\\s*\\d+\\s+INVITE\\r\\n/i.test(text);

  const NativeSocket = window.WebSocket;
  window.WebSocket = class extends NativeSocket {
    constructor(...args) {
      super(...args);
      // Added before the phone's own listener, so it runs first: the INVITE's arrival time.
      this.addEventListener('message', (event) => {
        if (/^INVITE /.test(firstLine(event.data)) && !/\\r\\nTo:[^\\r]*;tag=/i.test(event.data)) {
          calls.push({ inviteAt: now(), steps: [], okAt: undefined });
        }
      });
    }
    send(data) {
      const call = current();
      if (call && call.okAt === undefined && isInviteOk(data)) call.okAt = now() - call.inviteAt;
      return super.send(data);
    }
  };

  const timeAsync = (owner, method, name) => {
    const original = owner[method];
    owner[method] = function (...args) {
      const start = now();
      const result = original.apply(this, args);
      Promise.resolve(result).then(() => mark(name, start, now()), () => mark(name + ' (failed)', start, now()));
      return result;
    };
  };
  timeAsync(MediaDevices.prototype, 'getUserMedia', 'getUserMedia');
  const NativePeer = window.RTCPeerConnection;
  window.RTCPeerConnection = class extends NativePeer {
    constructor(...args) {
      const start = now();
      super(...args);
      mark('new RTCPeerConnection', start, now());
      // Moments, not spans: a peer connection prepared before the call gathers before it too.
      let first = true;
      this.addEventListener('icecandidate', (event) => {
        if (!event.candidate || !first) return;
        first = false;
        const at = now();
        mark('first ICE candidate', at, at);
      });
      this.addEventListener('icegatheringstatechange', () => {
        if (this.iceGatheringState !== 'complete') return;
        const at = now();
        mark('ICE gathering complete', at, at);
      });
    }
  };
  for (const method of ['setRemoteDescription', 'createAnswer', 'setLocalDescription', 'addTrack']) {
    timeAsync(NativePeer.prototype, method, method);
  }
})();
`;

interface Step {
  name: string;
  start: number;
  end: number;
}

interface ProbedCall {
  inviteAt: number;
  okAt: number | undefined;
  steps: Step[];
}

/** The probed calls of a page (oldest first), each step in ms after its INVITE arrived. */
export function probedCalls(page: Page): Promise<ProbedCall[]> {
  return page.evaluate(() => (globalThis as unknown as { __setupPhases: ProbedCall[] }).__setupPhases);
}


/**
 * One line per step, in time order, medians over the calls that have it: when it started after
 * the INVITE arrived and how long it took, with the 200 OK's departure among them; a step after
 * the 200 OK (e.g. the next call's media being prepared) says so. Calls before `skip` (warm-ups)
 * are left out.
 */
export function describePhases(calls: ProbedCall[], skip: number): string[] {
  const counted = calls.slice(skip).filter((call) => call.okAt !== undefined);
  const okAt = median(counted.map((call) => call.okAt ?? Number.NaN));
  const names: string[] = [];
  for (const call of counted) for (const step of call.steps) if (!names.includes(step.name)) names.push(step.name);
  const rows = names.map((name) => {
    const steps = counted.flatMap((call) => call.steps.filter((step) => step.name === name).slice(0, 1));
    return { name, start: median(steps.map((step) => step.start)), took: median(steps.map((step) => step.end - step.start)), calls: steps.length };
  });
  rows.push({ name: '200 OK sent', start: okAt, took: 0, calls: counted.length });
  return rows
    .sort((a, b) => a.start - b.start)
    .map((row) => {
      const took = row.took > 0 ? `, takes ${row.took.toFixed(2).padStart(5)} ms` : '';
      const after = row.name !== '200 OK sent' && row.start > okAt ? ' — after the 200 OK' : '';
      return `${row.name.padEnd(24)} at +${row.start.toFixed(2).padStart(6)} ms${took}  (${row.calls} calls)${after}`;
    });
}
