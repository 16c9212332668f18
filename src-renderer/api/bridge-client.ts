/**
 * DesktopApi over the web host's loopback WebSocket. Same ops and events as Electron IPC.
 *
 * - Invokes made while the socket is (re)connecting wait for it, up to a limit; invokes in
 *   flight when the socket drops fail at once with a clear error (main may or may not have
 *   acted: the view event that follows the reconnect says which). Every outcome is a Result.
 * - The socket reconnects with capped exponential backoff, forever: the web host may restart.
 * - Every frame and payload is validated with the src-common schemas; bad frames are logged
 *   and dropped, never trusted.
 */
import {
  BridgeServerFrame,
  IpcEvents,
  IpcOps,
  type BridgeClientFrame,
  type DesktopApi,
  type IpcEventName,
  type IpcEventPayload,
  type IpcOpName,
  type IpcParams,
  type IpcResult,
} from '../../src-common/ipc';
import { backoffDelayMs } from '../../src-common/backoff';
import { log } from '../log';
import { err, ok, type Result } from '../../src-common/result';

export type TransportStatus = 'connecting' | 'open' | 'closed';

/** The part of the browser WebSocket the client uses, so tests can drive it. */
export interface SocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((ev: Event) => void) | null;
  onclose: ((ev: CloseEvent) => void) | null;
  onerror: ((ev: Event) => void) | null;
  onmessage: ((ev: MessageEvent) => void) | null;
}

export interface BridgeClientOptions {
  url: string;
  createSocket?: (url: string) => SocketLike;
  /** How long an invoke waits for a (re)connection before failing. */
  connectWaitMs?: number;
  backoffMinMs?: number;
  backoffMaxMs?: number;
  /** Jitter source for the reconnect delays (tests pin it). */
  random?: () => number;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
}

export interface BridgeClient extends DesktopApi {
  readonly status: TransportStatus;
  onStatus(listener: (status: TransportStatus) => void): () => void;
  close(): void;
}

interface Pending {
  op: IpcOpName;
  settle: (result: Result<unknown>) => void;
}

interface Waiting {
  frame: Omit<BridgeClientFrame, 'id'>;
  pending: Pending;
  timer: unknown;
}

const OPEN = 1;

export function createBridgeClient(options: BridgeClientOptions): BridgeClient {
  const createSocket = options.createSocket ?? ((url: string) => new WebSocket(url) as SocketLike);
  const connectWaitMs = options.connectWaitMs ?? 10_000;
  const backoffMin = options.backoffMinMs ?? 250;
  const backoffMax = options.backoffMaxMs ?? 5_000;
  const setTimer = options.setTimer ?? ((fn: () => void, ms: number) => setTimeout(fn, ms));
  const clearTimer = options.clearTimer ?? ((handle: unknown) => clearTimeout(handle as ReturnType<typeof setTimeout>));

  let socket: SocketLike | null = null;
  let status: TransportStatus = 'connecting';
  let nextId = 1;
  let attempt = 0;
  let closedByUser = false;
  let reconnectTimer: unknown = null;
  const inFlight = new Map<number, Pending>();
  const waiting: Waiting[] = [];
  const statusListeners = new Set<(s: TransportStatus) => void>();
  const eventListeners = new Map<IpcEventName, Set<(payload: unknown) => void>>();

  function setStatus(next: TransportStatus): void {
    if (status === next) return;
    status = next;
    for (const listener of statusListeners) listener(next);
  }

  function connect(): void {
    setStatus('connecting');
    const ws = createSocket(options.url);
    socket = ws;
    ws.onopen = () => {
      attempt = 0;
      setStatus('open');
      flushWaiting();
    };
    ws.onmessage = (ev) => handleMessage(ev.data);
    ws.onerror = () => log.warn('bridge socket error');
    ws.onclose = (ev) => {
      if (socket !== ws) return;
      socket = null;
      log.warn('bridge socket closed', { code: ev.code });
      failInFlight();
      setStatus('closed');
      if (!closedByUser) scheduleReconnect();
    };
  }

  function scheduleReconnect(): void {
    const delay = backoffDelayMs(attempt, { initialMs: backoffMin, maxMs: backoffMax }, options.random);
    attempt += 1;
    reconnectTimer = setTimer(() => {
      reconnectTimer = null;
      if (!closedByUser) connect();
    }, delay);
  }

  function failInFlight(): void {
    const lost = err('unavailable', 'The connection to the desktop service was lost. Please try again.');
    for (const pending of inFlight.values()) pending.settle(lost);
    inFlight.clear();
  }

  function send(frame: Omit<BridgeClientFrame, 'id'>, pending: Pending): void {
    const id = nextId++;
    inFlight.set(id, pending);
    try {
      socket?.send(JSON.stringify({ ...frame, id }));
    } catch (caught) {
      inFlight.delete(id);
      log.error('bridge send failed', caught);
      pending.settle(err('unavailable', 'Could not reach the desktop service.'));
    }
  }

  function flushWaiting(): void {
    for (const entry of waiting.splice(0)) {
      clearTimer(entry.timer);
      send(entry.frame, entry.pending);
    }
  }

  function handleMessage(data: unknown): void {
    if (typeof data !== 'string') return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(data);
    } catch {
      log.warn('bridge frame is not JSON');
      return;
    }
    const frame = BridgeServerFrame.safeParse(parsed);
    if (!frame.success) {
      log.warn('bridge frame rejected', frame.error.message);
      return;
    }
    if (frame.data.type === 'result') {
      const pending = inFlight.get(frame.data.id);
      if (!pending) return;
      inFlight.delete(frame.data.id);
      const result = frame.data.result;
      if (!result.ok) {
        pending.settle(result);
        return;
      }
      const value = IpcOps[pending.op].result.safeParse(result.value);
      if (value.success) pending.settle(ok(value.data));
      else {
        log.error(`bridge result of ${pending.op} rejected`, value.error.message);
        pending.settle(err('internal', 'The desktop service sent an answer this window cannot read.'));
      }
      return;
    }
    const schema = IpcEvents[frame.data.name];
    const payload = schema.safeParse(frame.data.payload);
    if (!payload.success) {
      log.warn(`bridge event ${frame.data.name} rejected`, payload.error.message);
      return;
    }
    for (const listener of eventListeners.get(frame.data.name) ?? []) listener(payload.data);
  }

  const client: BridgeClient = {
    get status() {
      return status;
    },
    invoke<K extends IpcOpName>(op: K, params: IpcParams<K>): Promise<Result<IpcResult<K>>> {
      return new Promise<Result<IpcResult<K>>>((resolve) => {
        // The answer was checked against this op's result schema (IpcOps) before it settles.
        const pending: Pending = { op, settle: (result) => resolve(result as Result<IpcResult<K>>) };
        const frame = { type: 'invoke' as const, op, params };
        if (closedByUser) {
          resolve(err('unavailable', 'This window is closing.'));
          return;
        }
        if (socket && socket.readyState === OPEN) {
          send(frame, pending);
          return;
        }
        const entry: Waiting = {
          frame,
          pending,
          timer: setTimer(() => {
            const index = waiting.indexOf(entry);
            if (index >= 0) waiting.splice(index, 1);
            resolve(err('unavailable', 'The desktop service is not reachable. Retrying in the background.'));
          }, connectWaitMs),
        };
        waiting.push(entry);
      });
    },
    on<K extends IpcEventName>(name: K, listener: (payload: IpcEventPayload<K>) => void): () => void {
      let set = eventListeners.get(name);
      if (!set) {
        set = new Set();
        eventListeners.set(name, set);
      }
      const wrapped = listener as (payload: unknown) => void;
      set.add(wrapped);
      return () => set.delete(wrapped);
    },
    onStatus(listener) {
      statusListeners.add(listener);
      return () => statusListeners.delete(listener);
    },
    close() {
      closedByUser = true;
      if (reconnectTimer !== null) clearTimer(reconnectTimer);
      socket?.close(1000, 'window closed');
    },
  };
  connect();
  return client;
}
