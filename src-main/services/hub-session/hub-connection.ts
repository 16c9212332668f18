/**
 * One WebSocket to the hub's desktop endpoint: sends hello, validates every frame, matches
 * responses to requests by id (with a timeout), and keeps the link honest with pings so a
 * dead network is noticed in seconds, not at the next request. It never reconnects by itself:
 * HubSession decides that.
 */
import WebSocket from 'ws';
import type { Logger } from 'pino';
import {
  DESKTOP_WS_PATH,
  HubOps,
  PROTOCOL_VERSION,
  ServerFrame,
  type ClientFrame,
  type HubOpName,
  type HubOpParams,
  type HubOpResult,
} from '../../../src-common/protocol';
import { err, ok, type Result } from '../../../src-common/result';

type WelcomeFrame = Extract<ServerFrame, { type: 'welcome' }>;
type EventFrame = Extract<ServerFrame, { type: 'event' }>;
type LiveFrame = Extract<ServerFrame, { type: 'live' }>;
type ErrorFrame = Extract<ServerFrame, { type: 'error' }>;

export interface ConnectionHandlers {
  onWelcome(frame: WelcomeFrame): void;
  onEvent(frame: EventFrame): void;
  /** Derived state pushed as it changes (backlog, typing): applied as it comes, never persisted. */
  onLive(frame: LiveFrame): void;
  onErrorFrame(frame: ErrorFrame): void;
  /** The socket is gone (or never opened). `code` is the WebSocket close code, 1006 when none. */
  onClosed(code: number, reason: string): void;
}

export interface ConnectionOptions {
  hubUrl: string;
  token: string;
  resumeFrom: number | null;
  requestTimeoutMs: number;
  pingIntervalMs: number;
  clientName: string;
}

export function desktopSocketUrl(hubUrl: string): string {
  const url = new URL(hubUrl);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  url.pathname = DESKTOP_WS_PATH;
  url.search = '';
  url.hash = '';
  return url.toString();
}

interface PendingRequest {
  op: HubOpName;
  timer: NodeJS.Timeout;
  settle(result: Result<unknown>): void;
}

export class HubConnection {
  private readonly socket: WebSocket;
  private readonly pending = new Map<string, PendingRequest>();
  private nextRequestId = 1;
  private lastFrameAt = Date.now();
  private pingTimer: NodeJS.Timeout | null = null;
  private closed = false;
  /** When this connection was started: one started before the network moved leads nowhere. */
  readonly startedAt = Date.now();

  constructor(private readonly options: ConnectionOptions, private readonly handlers: ConnectionHandlers, private readonly log: Logger) {
    this.socket = new WebSocket(desktopSocketUrl(options.hubUrl), { handshakeTimeout: 10_000, perMessageDeflate: false });
    this.socket.on('open', () => this.onOpen());
    this.socket.on('message', (data, isBinary) => this.onMessage(data, isBinary));
    this.socket.on('error', (error) => this.log.debug({ err: error }, 'hub socket error'));
    this.socket.on('close', (code, reason) => this.onClose(code, reason.toString()));
  }

  get isOpen(): boolean {
    return !this.closed && this.socket.readyState === WebSocket.OPEN;
  }

  /** Sends a typed request; the answer is validated against the op's result schema. */
  request<K extends HubOpName>(op: K, params: HubOpParams<K>, key?: string): Promise<Result<HubOpResult<K>>> {
    if (!this.isOpen) return Promise.resolve(err('unavailable', 'Not connected to the hub.'));
    const id = String(this.nextRequestId++);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        resolve(err('unavailable', 'The hub did not answer in time.'));
      }, this.options.requestTimeoutMs);
      this.pending.set(id, { op, timer, settle: resolve as (result: Result<unknown>) => void });
      this.send({ type: 'request', id, op, params, ...(key ? { key } : {}) });
    });
  }

  /** Closes on purpose (logout, shutdown); `onClosed` still fires once. */
  close(code = 1000, reason = 'client closing'): void {
    if (this.socket.readyState === WebSocket.CONNECTING) this.socket.terminate();
    else this.socket.close(code, reason);
  }

  /** Drops the socket without a goodbye (its route is gone, a close frame would never arrive); `onClosed` still fires once. */
  drop(): void {
    this.socket.terminate();
  }

  private onOpen(): void {
    this.lastFrameAt = Date.now();
    this.send({ type: 'hello', protocol: PROTOCOL_VERSION, token: this.options.token, resumeFrom: this.options.resumeFrom, client: this.options.clientName });
    this.pingTimer = setInterval(() => this.keepAlive(), this.options.pingIntervalMs);
  }

  private keepAlive(): void {
    // Two silent intervals mean the network is gone even if TCP has not noticed yet.
    if (Date.now() - this.lastFrameAt > this.options.pingIntervalMs * 2.5) {
      this.log.warn('hub stopped answering; dropping the connection');
      this.socket.terminate();
      return;
    }
    this.send({ type: 'ping' });
  }

  private send(frame: ClientFrame): void {
    if (this.socket.readyState === WebSocket.OPEN) this.socket.send(JSON.stringify(frame));
  }

  private onMessage(data: WebSocket.RawData, isBinary: boolean): void {
    this.lastFrameAt = Date.now();
    if (isBinary) {
      this.log.warn('ignored a binary frame from the hub');
      return;
    }
    let json: unknown;
    try {
      json = JSON.parse(data.toString());
    } catch {
      this.log.warn('ignored a frame from the hub that is not JSON');
      return;
    }
    const parsed = ServerFrame.safeParse(json);
    if (!parsed.success) {
      this.log.warn({ issues: parsed.error.issues.slice(0, 5) }, 'ignored an invalid frame from the hub');
      return;
    }
    const frame = parsed.data;
    switch (frame.type) {
      case 'welcome':
        return this.handlers.onWelcome(frame);
      case 'event':
        return this.handlers.onEvent(frame);
      case 'live':
        return this.handlers.onLive(frame);
      case 'error':
        return this.handlers.onErrorFrame(frame);
      case 'pong':
        return;
      case 'response':
        return this.settleResponse(frame);
    }
  }

  private settleResponse(frame: Extract<ServerFrame, { type: 'response' }>): void {
    const request = this.pending.get(frame.id);
    if (!request) return;
    this.pending.delete(frame.id);
    clearTimeout(request.timer);
    if (!frame.result.ok) {
      request.settle({ ok: false, error: frame.result.error });
      return;
    }
    const value = HubOps[request.op].result.safeParse(frame.result.value);
    if (value.success) request.settle(ok(value.data));
    else {
      this.log.error({ op: request.op, issues: value.error.issues.slice(0, 5) }, 'hub answered with an invalid result');
      request.settle(err('internal', 'The hub sent an answer this desktop does not understand.'));
    }
  }

  private onClose(code: number, reason: string): void {
    if (this.closed) return;
    this.closed = true;
    if (this.pingTimer) clearInterval(this.pingTimer);
    for (const request of this.pending.values()) {
      clearTimeout(request.timer);
      request.settle(err('unavailable', 'The connection to the hub was lost before it answered.'));
    }
    this.pending.clear();
    this.handlers.onClosed(code, reason);
  }
}
