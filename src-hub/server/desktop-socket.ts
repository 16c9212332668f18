/**
 * One desktop WebSocket connection, implementing src-common/protocol.ts:
 *   - the first frame must be a hello with a valid token within 5 s, else close 4401;
 *     another protocol version gets an error frame and close 4426;
 *   - welcome carries a snapshot, or (resume) the events after `resumeFrom` follow it; the
 *     replay and the live subscription are set up in one synchronous step, so no event falls
 *     between them and none is sent twice;
 *   - requests are answered with typed responses; a malformed frame gets an error frame and
 *     the socket stays usable.
 * Tokens are checked at hello against the hub's store (auth/sessions.ts), and every request
 * reads the caller's session, role and state again, so a demoted user's next request is
 * refused. The socket outlives its access token's expiry while the session stays open: ending
 * the session closes it at once (DesktopConnections, 4401).
 * The same user may hold several connections (a desktop and a web tab, or a reconnect that
 * overlaps the old socket): each gets every event. Actions are idempotent by key, so two
 * windows cannot double-act on the same outbox entry.
 */
import type { RawData, WebSocket } from 'ws';
import { ClientFrame, CloseCode, PROTOCOL_VERSION, type ServerFrame } from '../../src-common/protocol';
import type { PhoneProvisioning } from '../../src-common/domain';
import type { AppError } from '../../src-common/result';
import type { AgentReachability } from '../center/agent-reachability';
import type { Authenticator } from '../auth/sessions';
import { withPhone } from '../center/views';
import { iso } from '../clock';
import type { HubLogger } from '../log';
import type { StoredEvent } from '../storage/repositories';
import type { DesktopConnections } from './desktop-connections';
import { runDesktopOp, type Caller, type OpContext } from './desktop-ops';
import { keepAlive } from './socket-heartbeat';
import { frameSender, readJsonFrame, stringField } from './json-frames';

export const HELLO_TIMEOUT_MS = 5_000;
const MAX_FRAME_BYTES = 256 * 1024;
const MAX_BUFFERED_BYTES = 8 * 1024 * 1024;

export interface DesktopSocketDeps extends OpContext {
  sessions: Authenticator;
  connections: DesktopConnections;
  /** Default HELLO_TIMEOUT_MS; tests shorten it. */
  helloTimeoutMs?: number;
  log: HubLogger;
  prunedThrough(): number;
  replay(userId: string, afterSeq: number): StoredEvent[];
  /** Told when an authenticated desktop comes and goes (agents without one go offline). */
  reachability?: Pick<AgentReachability, 'socketOpened' | 'socketClosed'>;
  /** This agent's phone registration (lab proxy or external SIP server), put in the snapshot. */
  phoneFor?(userId: string): PhoneProvisioning | null;
}

export function serveDesktopSocket(ws: WebSocket, deps: DesktopSocketDeps): void {
  let caller: Caller | null = null;
  let sessionId = '';
  let helloPending = false;
  let unsubscribe: (() => void) | null = null;
  let forget: (() => void) | null = null;
  const log = deps.log.child({ socket: 'desktop' });

  // A peer that stopped reading would make the hub hold its events in memory without bound;
  // it is dropped instead, and resumes from its last seq when it reconnects.
  const send = frameSender<ServerFrame>(ws, MAX_BUFFERED_BYTES, (buffered) =>
    log.warn({ userId: caller?.userId, buffered }, 'desktop not reading; closing'),
  );
  const sendError = (error: AppError): void => send({ type: 'error', error });
  const close = (code: number, reason: string): void => {
    if (ws.readyState === ws.OPEN || ws.readyState === ws.CONNECTING) ws.close(code, reason);
  };

  const helloTimer = setTimeout(() => {
    if (!caller) {
      sendError({ code: 'unauthenticated', message: 'No hello in time.' });
      close(CloseCode.unauthenticated, 'hello timeout');
    }
  }, deps.helloTimeoutMs ?? HELLO_TIMEOUT_MS);

  const deliver = (e: StoredEvent): void => send({ type: 'event', seq: e.seq, at: e.at, event: e.event });

  const welcome = (c: Caller, resumeFrom: number | null): void => {
    // Synchronous from here to subscribe(): no event can be published in between.
    const head = deps.center.headSeq();
    const resumable = resumeFrom !== null && resumeFrom >= deps.prunedThrough() && resumeFrom <= head;
    const serverTime = iso(deps.clock.now());
    if (resumable) {
      send({ type: 'welcome', protocol: PROTOCOL_VERSION, serverTime, headSeq: head, resumed: true, snapshot: null });
      for (const e of deps.replay(c.userId, resumeFrom)) deliver(e);
    } else {
      send({ type: 'welcome', protocol: PROTOCOL_VERSION, serverTime, headSeq: head, resumed: false, snapshot: withPhone(deps.center.snapshot(c.userId), deps.phoneFor?.(c.userId) ?? null) });
    }
    const events = deps.center.events.subscribe({ userId: c.userId, deliver });
    // Live updates are never replayed: a subscriber is handed the current values on joining.
    const live = deps.center.live.subscribe({ userId: c.userId, deliver: (update, at) => send({ type: 'live', at, update }) });
    unsubscribe = () => {
      events();
      live();
    };
  };

  const onHello = async (frame: Extract<ClientFrame, { type: 'hello' }>): Promise<void> => {
    if (frame.protocol !== PROTOCOL_VERSION) {
      sendError({ code: 'bad-request', message: `This hub speaks protocol ${PROTOCOL_VERSION}, the desktop spoke ${frame.protocol}. Update the desktop.` });
      close(CloseCode.protocolMismatch, 'protocol mismatch');
      return;
    }
    const auth = await deps.sessions.authenticate(frame.token);
    if (!auth.ok) {
      sendError(auth.error);
      close(CloseCode.unauthenticated, 'bad token');
      return;
    }
    const user = auth.value;
    clearTimeout(helloTimer);
    caller = { userId: user.userId, role: user.role };
    sessionId = user.sessionId;
    if (ws.readyState === ws.OPEN) forget = deps.connections.add(sessionId, ws);
    deps.reachability?.socketOpened(user.userId);
    log.debug({ userId: user.userId, client: frame.client, resumeFrom: frame.resumeFrom }, 'desktop connected');
    if (ws.readyState === ws.OPEN) welcome(caller, frame.resumeFrom);
  };

  const onFrame = async (data: RawData, isBinary: boolean): Promise<void> => {
    const read = readJsonFrame(data, isBinary, ClientFrame);
    if (!read.ok) {
      if (read.problem === 'binary') return sendError({ code: 'bad-request', message: 'Frames must be JSON text.' });
      if (read.problem === 'not-json') return sendError({ code: 'bad-request', message: 'Frame is not valid JSON.' });
      log.warn({ issue: read.issue }, 'invalid desktop frame');
      const id = stringField(read.json, 'id');
      const error: AppError = { code: 'bad-request', message: `Invalid frame: ${read.issue ?? 'unknown shape'}` };
      return id && caller ? send({ type: 'response', id, result: { ok: false, error } }) : sendError(error);
    }
    const frame = read.frame;
    if (frame.type === 'ping') return send({ type: 'pong' });
    if (!caller) {
      if (frame.type === 'hello' && !helloPending) {
        helloPending = true;
        return onHello(frame);
      }
      sendError({ code: 'unauthenticated', message: 'Say hello with a valid token first.' });
      return close(CloseCode.unauthenticated, 'hello expected');
    }
    if (frame.type === 'hello') return sendError({ code: 'bad-request', message: 'Already said hello on this connection.' });
    // The role and state are read again for every request: a demotion or a disabled account
    // applies to the next one, whatever the token or the hello said.
    const now = deps.sessions.current({ userId: caller.userId, sessionId });
    if (!now.ok) {
      send({ type: 'response', id: frame.id, result: now });
      return close(CloseCode.unauthenticated, 'session ended');
    }
    caller = { userId: now.value.userId, role: now.value.role };
    let result;
    try {
      result = runDesktopOp(deps, caller, frame.op, frame.params, frame.key);
    } catch (cause) {
      log.error({ err: cause, op: frame.op }, 'desktop request failed');
      result = { ok: false as const, error: { code: 'internal' as const, message: 'The hub could not complete this action. Try again.' } };
    }
    if (!result.ok && result.error.code === 'forbidden') {
      // Worth an operator's attention: a desktop tried something its user may not do.
      log.warn({ userId: caller.userId, op: frame.op, error: result.error.message }, 'forbidden request');
    } else {
      log.debug({ userId: caller.userId, op: frame.op, ok: result.ok }, 'request');
    }
    send({ type: 'response', id: frame.id, result });
  };

  // Frames are handled one at a time, in arrival order, even across the async hello.
  let chain: Promise<void> = Promise.resolve();
  ws.on('message', (data, isBinary) => {
    const size = Array.isArray(data) ? data.reduce((n, b) => n + b.length, 0) : data instanceof ArrayBuffer ? data.byteLength : data.length;
    if (size > MAX_FRAME_BYTES) {
      sendError({ code: 'bad-request', message: 'Frame too large.' });
      return;
    }
    chain = chain.then(() => onFrame(data, isBinary)).catch((cause: unknown) => log.error({ err: cause }, 'frame handling failed'));
  });

  const stopHeartbeat = keepAlive(ws);

  ws.on('close', () => {
    clearTimeout(helloTimer);
    stopHeartbeat();
    unsubscribe?.();
    forget?.();
    if (caller) deps.reachability?.socketClosed(caller.userId);
  });
  ws.on('error', (cause) => log.warn({ err: cause }, 'desktop socket error'));
}
