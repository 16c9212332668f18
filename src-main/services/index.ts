/**
 * createMainServices: wires settings + policy, the log, the SQLite cache worker, the hub
 * session, the outbox and customer context behind the one typed IPC surface (IpcOps in,
 * IpcEvents out). Every op's params are validated here; every answer is a Result.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Logger } from 'pino';
import type { CustomerContext } from '../../src-common/domain';
import { isOutboxOpName, type HubOpName, type HubOpParams } from '../../src-common/protocol';
import { IpcOps, type ForwardedIpcOpName, type IpcEventName, type IpcEventPayload, type IpcOpName, type IpcParams, type IpcResult } from '../../src-common/ipc';
import { err, ok, type Result } from '../../src-common/result';
import { CacheClient, findCacheWorker } from './cache/cache-client';
import { downloadChatFile, uploadChatFile } from './chat-attachments';
import { downloadEmailFile, uploadEmailFile } from './email-attachments';
import { exportDiagnostics } from './diagnostics/diagnostics';
import { recordCallStats, saveSipTrace } from './diagnostics/phone-records';
import { CustomerContextService } from './customer-context';
import { HubSession } from './hub-session/hub-session';
import { Outbox } from './hub-session/outbox';
import { ReadinessReporter } from './hub-session/readiness-reporter';
import { createLogger, type ClosableLogger } from './log';
import { osSourceAddress, RouteWatch, routeDestinationsOf, type RouteWatchDeps } from './network/route-watch';
import type { IpcEventListener, MainServices, MainServicesOptions } from './main-services';
import { jsonPolicySource } from './settings/policy-sources';
import { SettingsService } from './settings/settings-service';

export type { MainServices, MainServicesOptions } from './main-services';

/** Ops main services answer themselves; forwarded ones (IpcOps) go to their hub op as they are. */
type Handlers = { [K in Exclude<IpcOpName, ForwardedIpcOpName>]: (params: IpcParams<K>) => Promise<Result<IpcResult<K>>> };

export async function createMainServices(options: MainServicesOptions): Promise<MainServices> {
  mkdirSync(options.dataDir, { recursive: true });
  // The logger needs the level from settings and settings want to log: settings start on a
  // provisional level, then the level is applied. A host that already logs to this folder
  // hands its logger over, so the file has a single writer.
  const logger: ClosableLogger = options.log
    ? { log: options.log, file: options.logFile ?? path.join(options.dataDir, 'logs', 'centralita.log'), close: () => undefined } // the host closes its own logger
    : createLogger({ dataDir: options.dataDir, level: 'info', toStderr: options.logToStderr ?? false });
  const log = logger.log;
  const policySources = options.policySources ?? (options.policyPath ? [jsonPolicySource(options.policyPath)] : []);
  const settings = new SettingsService(options.dataDir, policySources, log);
  log.level = settings.get().values.logLevel;

  const cache = await startCache(options, log);
  const listeners = new Set<IpcEventListener>();
  const emit = <K extends IpcEventName>(name: K, payload: IpcEventPayload<K>): void => {
    for (const listener of listeners) {
      try {
        listener(name, payload);
      } catch (error) {
        log.error({ err: error, event: name }, 'event listener failed');
      }
    }
  };

  let outbox: Outbox | null = null;
  let readiness: ReadinessReporter | null = null;
  let customers: CustomerContextService | null = null;
  const routes = new RouteWatch(options.routeWatch ?? osRouteWatchDeps(), (move) => {
    log.warn(move, 'the route to a server moved to another local address; reconnecting');
    session.networkMoved(move.since);
    emit('network', { since: move.since });
  });
  /**
   * While signed in, the routes to the hub and to the SIP server the hub provisions are watched.
   * Most view changes (an offer, a chat message) change neither: the watch is left as it is.
   */
  let followedServers: string | null = null;
  const followRoutes = (): void => {
    const view = session.current;
    const signedIn = view.user !== null && view.status !== 'signed-out';
    const servers = signedIn ? [view.hubUrl, view.config?.phone?.serverUrl ?? null] : [];
    const key = JSON.stringify(servers);
    if (key === followedServers) return;
    followedServers = key;
    routes.follow(routeDestinationsOf(servers));
  };
  const session = new HubSession(hubUrlFor(settings.get().values.hubUrl, options.defaultHubUrl), {
    cache,
    log,
    backoff: options.reconnect,
    requestTimeoutMs: options.requestTimeoutMs,
    onView: (change) => {
      emit('view', change);
      followRoutes();
    },
    onOnline: () => {
      void outbox?.flush();
      readiness?.resend();
    },
    onEventApplied: (seq, event) => {
      if (event.kind === 'offer' && event.offer.item.customerId) void customers?.prefetch(event.offer.item.customerId);
      if (event.kind === 'customer-changed') void customers?.refresh(event.customerId);
      if (event.kind === 'chat-message' || event.kind === 'chat-read' || event.kind === 'chat-closed' || event.kind === 'chat-whisper' || event.kind === 'chat-monitoring') emit('chat', event);
      if (event.kind === 'email-message' || event.kind === 'email-delivery') emit('email', event);
      options.onHubEventApplied?.(seq, event);
    },
    onLiveUpdate: (update) => {
      if (update.kind === 'chat-typing') emit('chat', update);
      options.onLiveUpdate?.(update);
    },
  });
  customers = new CustomerContextService(cache, session, log, (context: CustomerContext) => emit('customer', context));
  const reporter = new ReadinessReporter(session, log);
  readiness = reporter;
  if (cache) outbox = new Outbox(cache, session, log, { backoff: options.reconnect, batchSize: options.outboxBatchSize });

  const unsubscribeSettings = settings.onChange((effective) => {
    log.level = effective.values.logLevel;
    emit('settings', effective);
  });

  /**
   * Sends an action whose answer the renderer does not need: the op table says whether the
   * agent must never lose it (then it goes through the outbox, or straight when this desktop
   * runs without a cache) or whether it is answered at once.
   */
  const send = async <K extends HubOpName>(op: K, params: HubOpParams<K>): Promise<Result<null>> =>
    outbox && isOutboxOpName(op) ? outbox.submit(op, params) : mapNull(await session.request(op, params));

  const handlers: Handlers = {
    'view.get': async () => ok(session.current),
    'session.login': async ({ hubUrl, username, password }) => {
      const target = hubUrl?.trim() || hubUrlFor(settings.get().values.hubUrl, options.defaultHubUrl);
      const result = await session.login(target, username, password);
      if (result.ok) {
        log.info({ user: result.value.username, hub: session.current.hubUrl }, 'signed in');
        await outbox?.refreshCount();
        void customers?.warm();
      }
      return result;
    },
    'session.logout': async () => {
      await session.logout();
      return ok(null);
    },
    'offer.accept': async (params) =>
      reporter.hasWindow ? send('acceptOffer', params) : err('conflict', 'No window shows this desktop: it cannot take the offer.'),
    'desktop.phoneReadiness': async (phone) => {
      reporter.setPhone(phone);
      return ok(null);
    },
    'customer.context': async ({ customerId }) => customers.fromCache(customerId),
    'customer.search': async ({ query, limit }) => customers.search(query, limit),
    'chat.sendFile': async (params) => uploadChatFile(session.authorization, params, log),
    'chat.downloadFile': async ({ attachmentId }) => downloadChatFile(session.authorization, attachmentId, log),
    'item.transfer': async (params) => {
      // A transfer is a decision for now, not for whenever the link returns: refuse it offline.
      // Online it goes through the outbox so a replay after a lost answer carries the same key.
      if (outbox && !session.isOnline) return err('unavailable', 'The hub is not reachable; transfer the chat when the connection is back.');
      return send('transferWork', params);
    },
    'outbox.retry': async ({ key }) => (outbox ? outbox.retry(key) : err('unavailable', 'This desktop runs without its local outbox.')),
    'outbox.discard': async ({ key }) => (outbox ? outbox.discard(key) : err('unavailable', 'This desktop runs without its local outbox.')),
    'call.startOutbound': async ({ requestKey, ...params }) => {
      if (!session.isOnline) return err('unavailable', 'The hub is not reachable; the call can be placed when the connection is back.');
      return session.request('startOutboundCall', params, requestKey);
    },
    'call.transfer': async ({ requestKey, ...params }) => {
      if (!session.isOnline) return err('unavailable', 'The hub is not reachable; transfer the call when the connection is back.');
      return session.request('transferCall', params, requestKey);
    },
    'email.draft': async ({ itemId }) => {
      // A desktop running without its cache never kept a draft: there is none to wait for.
      if (!cache) return ok(null);
      const scope = session.scope;
      if (!scope) return err('unavailable', 'Drafts are kept per signed-in agent; sign in (or wait for the session to come back) to read them.');
      return cache.call('draftGet', { scope, itemId });
    },
    'email.saveDraft': async (draft) => {
      const scope = session.scope;
      if (!cache || !scope) return err('unavailable', 'Drafts are kept in the local cache, which is not available.');
      return cache.call('draftSave', { scope, draft });
    },
    'email.attachFile': async (params) => uploadEmailFile(session.authorization, params, log),
    'email.downloadAttachment': async (params) => downloadEmailFile(session.authorization, params, log),
    'email.reply': async (params) => {
      const sent = await send('sendEmailReply', params);
      // In the outbox now (or taken by the hub): the draft has done its job. Were this desktop to
      // die first, the draft comes back with the same clientId, and the hub sends one mail.
      const scope = session.scope;
      if (sent.ok && cache && scope) await cache.call('draftDelete', { scope, itemId: params.itemId });
      return sent;
    },
    'settings.get': async () => ok(settings.get()),
    'settings.set': async ({ values }) => settings.set(values),
    'call.reportQuality': async (summary) => {
      try {
        recordCallStats(options.dataDir, summary, new Date());
      } catch (error) {
        log.warn({ err: error }, 'call statistics not kept for diagnostics');
      }
      return send('reportCallQuality', summary);
    },
    'diagnostics.saveSipTrace': async ({ text }) => {
      saveSipTrace(options.dataDir, text);
      return ok(null);
    },
    'diagnostics.export': async () => {
      const exported = exportDiagnostics({
        dataDir: options.dataDir,
        appVersion: options.appVersion ?? 'development',
        settings: settings.get(),
        logFile: logger.file,
      });
      log.info({ file: exported.path }, 'diagnostics exported');
      return ok(exported);
    },
  };

  let closed = false;
  return {
    async invoke(op, params) {
      if (closed) return err('unavailable', 'The desktop services are shutting down.');
      if (!Object.hasOwn(IpcOps, op)) return err('bad-request', `Unknown operation "${op}".`);
      const name = op as IpcOpName;
      const parsed = IpcOps[name].params.safeParse(params ?? {});
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        return err('bad-request', `Invalid parameters for ${name}: ${issue ? `${issue.path.join('.') || '(params)'} ${issue.message}` : 'rejected'}.`);
      }
      try {
        const spec = IpcOps[name];
        if ('forwardsTo' in spec) {
          // The IPC op's params are its hub op's (forwarded() in ipc.ts); the lookup by name loses that pairing.
          const hubOp = spec.forwardsTo as HubOpName;
          const params = parsed.data as HubOpParams<typeof hubOp>;
          return spec.answered ? await session.request(hubOp, params) : await send(hubOp, params);
        }
        const handler = handlers[name as keyof Handlers] as (p: unknown) => Promise<Result<unknown>>;
        return await handler(parsed.data);
      } catch (error) {
        log.error({ err: error, op: name }, 'operation failed unexpectedly');
        return err('internal', 'Something went wrong; the details are in the log.');
      }
    },
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    setWindowAttached(attached) {
      reporter.setWindowAttached(attached);
    },
    async close() {
      if (closed) return;
      closed = true;
      routes.stop();
      unsubscribeSettings();
      session.signOut(null);
      outbox?.stop();
      listeners.clear();
      await cache?.close();
      log.info('desktop services closed');
      logger.close();
    },
  };
}

function hubUrlFor(settingsUrl: string, defaultHubUrl: string | null): string {
  return settingsUrl.trim() || defaultHubUrl || 'http://127.0.0.1:8600';
}

function osRouteWatchDeps(): RouteWatchDeps {
  return {
    sourceAddress: osSourceAddress(),
    // Unref'd: watching the routes never keeps the process alive.
    setTimeout: (run, ms) => setTimeout(run, ms).unref(),
    clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
    now: Date.now,
  };
}

function mapNull(result: Result<unknown>): Result<null> {
  return result.ok ? ok(null) : result;
}

async function startCache(options: MainServicesOptions, log: Logger): Promise<CacheClient | null> {
  const workerPath = options.cacheWorkerPath ?? findCacheWorker();
  if (!workerPath) {
    log.error('cache worker bundle not found; running without a local cache (build with scripts/build.mjs)');
    return null;
  }
  const started = await CacheClient.start(path.join(options.dataDir, 'cache.db'), workerPath, log);
  return started.ok ? started.value : null;
}
