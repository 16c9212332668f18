/**
 * Drives a real MainServices the way a host does (invoke + events), with helpers to wait
 * for the view to reach a state. Uses the bundled cache worker that build-once.ts produced.
 */
import path from 'node:path';
import type { DesktopView, IpcOpName, IpcParams, IpcResult } from '../../../src-common/ipc';
import type { CustomerContext } from '../../../src-common/domain';
import type { HubEvent } from '../../../src-common/protocol';
import type { Result } from '../../../src-common/result';
import { createMainServices, type MainServices, type MainServicesOptions } from '../../../src-main/services';
import { followView } from '../../../src-main/services/view-follower';

export const CACHE_WORKER = path.resolve('dist/node/cache-worker.mjs');

export class DesktopClient {
  readonly applied: Array<{ seq: number; event: HubEvent }> = [];
  readonly customers: CustomerContext[] = [];
  view: DesktopView | null = null;
  private readonly viewWaiters = new Set<() => void>();

  private constructor(readonly services: MainServices) {}

  static async start(dataDir: string, overrides: Partial<MainServicesOptions> = {}): Promise<DesktopClient> {
    let client: DesktopClient | null = null;
    const pendingApplied: Array<{ seq: number; event: HubEvent }> = [];
    const services = await createMainServices({
      dataDir,
      policyPath: null,
      defaultHubUrl: null,
      cacheWorkerPath: CACHE_WORKER,
      reconnect: { initialMs: 50, maxMs: 400 },
      requestTimeoutMs: 5_000,
      onHubEventApplied: (seq, event) => (client ? client.applied : pendingApplied).push({ seq, event }),
      ...overrides,
    });
    client = new DesktopClient(services);
    client.applied.push(...pendingApplied);
    const self = client;
    services.onEvent((name, payload) => {
      if (name === 'customer') self.customers.push(payload as CustomerContext);
      for (const wake of self.viewWaiters) wake();
    });
    followView(services, (view) => {
      self.view = view;
      for (const wake of self.viewWaiters) wake();
    });
    const initial = await services.invoke('view.get', {});
    if (initial.ok && !self.view) self.view = initial.value as DesktopView;
    return client;
  }

  async invoke<K extends IpcOpName>(op: K, params: IpcParams<K>): Promise<Result<IpcResult<K>>> {
    return (await this.services.invoke(op, params)) as Result<IpcResult<K>>;
  }

  async must<K extends IpcOpName>(op: K, params: IpcParams<K>): Promise<IpcResult<K>> {
    const result = await this.invoke(op, params);
    if (!result.ok) throw new Error(`${op} failed: ${result.error.code} ${result.error.message}`);
    return result.value;
  }

  /** Resolves once `predicate` holds for the latest view (or a pushed event made it true). */
  waitFor<T>(what: string, predicate: (client: DesktopClient) => T | null | undefined | false, timeoutMs = 15_000): Promise<T> {
    return new Promise((resolve, reject) => {
      const check = (): boolean => {
        const value = predicate(this);
        if (value) {
          cleanup();
          resolve(value);
          return true;
        }
        return false;
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`timed out waiting for ${what}; view: ${JSON.stringify(this.view).slice(0, 600)}`));
      }, timeoutMs);
      const wake = (): void => void check();
      const cleanup = (): void => {
        clearTimeout(timer);
        this.viewWaiters.delete(wake);
      };
      this.viewWaiters.add(wake);
      check();
    });
  }

  close(): Promise<void> {
    return this.services.close();
  }
}
