/**
 * The one object both desktop hosts (Electron shell, web host) drive. It owns the hub session,
 * the local cache, settings + policy and the log, and it outlives any window. Hosts only carry
 * IpcOps in and IpcEvents out; validation of params happens inside invoke().
 */
import type { IpcEventName, IpcEventPayload } from '../../src-common/ipc';
import type { HubEvent, LiveUpdate } from '../../src-common/protocol';
import type { Result } from '../../src-common/result';
import type { Logger } from 'pino';
import type { BackoffPolicy } from './hub-session/backoff';
import type { RouteWatchDeps } from './network/route-watch';
import type { PolicySource } from './settings/policy-sources';

export type IpcEventListener = <K extends IpcEventName>(name: K, payload: IpcEventPayload<K>) => void;

export interface MainServices {
  /** Validates `op` and `params` against IpcOps and runs it; never throws. */
  invoke(op: string, params: unknown): Promise<Result<unknown>>;
  /** Subscribes to pushed events (view changes, refreshed customer context, settings). */
  onEvent(listener: IpcEventListener): () => void;
  /**
   * The host says whether a window shows this desktop (a browser tab attached, the Electron
   * agent window open, even if hidden in the tray). The hub sets a Ready agent Not Ready when
   * none does for a while; a host that never calls this is treated as always showing one.
   */
  setWindowAttached(attached: boolean): void;
  /** Signs out politely, flushes the cache and stops timers. */
  close(): Promise<void>;
}

export interface MainServicesOptions {
  /** Folder for the cache database, settings and logs. */
  dataDir: string;
  /** The app's version, for diagnostics (Electron: app.getVersion()). */
  appVersion?: string;
  /** IT policy JSON file; absent file means no policy. Used when policySources is not given. */
  policyPath: string | null;
  /**
   * Every place this OS keeps IT policy, strongest first (registry, managed preferences, JSON
   * file): the Electron shell passes them; web mode and tests use policyPath alone.
   */
  policySources?: readonly PolicySource[];
  /** Hub used when settings.hubUrl is empty (the embedded lab hub's URL, if one runs). */
  defaultHubUrl: string | null;
  /** Bundled cache worker (dist/node/cache-worker.mjs); found next to the running bundle when omitted. */
  cacheWorkerPath?: string;
  /** Also log to stderr (development); the log file in dataDir is always written. */
  logToStderr?: boolean;
  /**
   * The process's logger (the Electron shell's, or a child of the launcher's in web mode): the
   * services log through it and leave it open, so one logger owns the log file. Without it the
   * services open their own in dataDir (tests, tools).
   */
  log?: Logger;
  /** The file `log` writes, whose tail a diagnostics export carries; default: dataDir's own. */
  logFile?: string;
  /** Reconnect delays; tests shorten them. Default 0.5 s doubling to 10 s, with jitter. */
  reconnect?: BackoffPolicy;
  /** How long a hub request may take before it fails as 'unavailable'. Default 10 s. */
  requestTimeoutMs?: number;
  /** Outbox entries per round trip to the hub; 1 sends one at a time (benchmark baseline). Default 100. */
  outboxBatchSize?: number;
  /** Observes every hub event the session applies, in order (diagnostics and tests). */
  onHubEventApplied?: (seq: number, event: HubEvent) => void;
  /** How the routes to the servers are read (network/route-watch.ts); default: the OS's, four times a second. */
  routeWatch?: RouteWatchDeps;
  /** Observes every live update the session receives (diagnostics and tests). */
  onLiveUpdate?: (update: LiveUpdate) => void;
}
