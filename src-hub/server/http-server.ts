/**
 * The hub's HTTP face: login, session refresh and logout, user administration, health, lab
 * intake and the desktop WebSocket upgrade. Plain
 * node:http + ws; every body is size-limited and validated with the src-common schemas, and
 * every failure is answered as `{ error: { code, message } }`.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { WebSocketServer } from 'ws';
import { CloseCode, DESKTOP_WS_PATH, HEALTH_PATH, LOGIN_PATH, LOGOUT_PATH, LoginRequest, PROTOCOL_VERSION, TOKEN_REFRESH_PATH, WORK_ITEMS_PATH, WorkIntakeRequest } from '../../src-common/protocol';
import type { PhoneProvisioning } from '../../src-common/domain';
import { decoyHash, type CredentialStore } from '../auth/credentials';
import { ADMIN_ROLES } from '../auth/permissions';
import type { Sessions } from '../auth/sessions';
import type { ContactCenter } from '../center/contact-center';
import type { HubChannel } from '../channels/channel';
import type { AgentReachability } from '../center/agent-reachability';
import type { Clock } from '../clock';
import type { WorkIntake } from '../intake';
import type { HubLogger } from '../log';
import type { HubStore } from '../storage/repositories';
import { createAdminRoutes } from './admin-routes';
import { DesktopConnections } from './desktop-connections';
import { serveDesktopSocket } from './desktop-socket';
import { sendError, sendJson } from './http-replies';
import { parseTarget, readJson as readJsonLimited } from './http-request';
import { LANDING_PATH, serveLandingPage, type LandingFacts } from './landing-page';
import { authorize, logoutRoute, refreshRoute } from './session-routes';
import { LoginThrottle } from './login-throttle';

const MAX_BODY_BYTES = 64 * 1024;
const readJson = (req: IncomingMessage) => readJsonLimited(req, MAX_BODY_BYTES);

export interface HubHttpDeps {
  center: ContactCenter;
  intake: WorkIntake;
  store: HubStore;
  credentials: CredentialStore;
  sessions: Sessions;
  clock: Clock;
  log: HubLogger;
  helloTimeoutMs?: number;
  /** Customer-facing channels (voice routing API, chat widget…) with their own routes. */
  channels?: readonly HubChannel[];
  /** Tracks which agents have a desktop connected (agents without one go offline after a grace). */
  reachability?: AgentReachability;
  /** Ids of the users the configuration names: the ones user administration lists. */
  configuredUserIds: readonly string[];
  /** Each agent's phone registration for the welcome snapshot (see PhoneDirectory). */
  phoneFor?(userId: string): PhoneProvisioning | null;
  /** What the landing page at `/` points to; without it `/` is not served. */
  landing?(): LandingFacts;
}

export function createHubServer(deps: HubHttpDeps): { server: Server; wss: WebSocketServer } {
  const { center, credentials, sessions, clock, log } = deps;
  const throttle = new LoginThrottle();
  const decoy = decoyHash();
  const connections = new DesktopConnections();
  // An ended session's sockets close now, not at their next request.
  sessions.onEnded(({ userId, sessionIds, reason }) => {
    const closed = connections.close(sessionIds, CloseCode.unauthenticated, `session ended: ${reason}`);
    if (sessionIds.length > 0) log.info({ userId, sessions: sessionIds.length, sockets: closed, reason }, 'sessions ended');
  });
  const admin = createAdminRoutes({ center, store: deps.store, sessions, clock, log, configuredUserIds: () => deps.configuredUserIds });

  async function login(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readJson(req);
    if (!body.ok) return sendError(res, body.error, body.status);
    const parsed = LoginRequest.safeParse(body.value);
    if (!parsed.success) return sendError(res, { code: 'bad-request', message: 'Give a username and a password.' });
    const { username, password } = parsed.data;
    if (throttle.blocked(username, clock.now())) {
      return sendError(res, { code: 'rate-limited', message: 'Too many failed sign-ins. Wait a few minutes and try again.' });
    }
    const user = center.userByUsername(username);
    // Unknown usernames still pay for a hash check, so response time does not reveal them.
    const valid = user ? await credentials.verify(user.id, password) : (await decoy, false);
    if (!user || !valid) {
      throttle.fail(username, clock.now());
      log.info({ username }, 'failed sign-in');
      return sendError(res, { code: 'unauthenticated', message: 'Wrong username or password.' });
    }
    throttle.succeed(username);
    if (user.disabled) return sendError(res, { code: 'forbidden', message: 'This account is disabled. Ask an administrator.' });
    sendJson(res, 200, await sessions.start(user));
  }

  async function intake(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const caller = await authorize(sessions, req, ADMIN_ROLES, 'Only an administrator may submit work here.');
    if (!caller.ok) return sendError(res, caller.error);
    const body = await readJson(req);
    if (!body.ok) return sendError(res, body.error, body.status);
    const parsed = WorkIntakeRequest.safeParse(body.value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return sendError(res, { code: 'bad-request', message: `Invalid work item: ${issue ? `${issue.path.join('.') || '(body)'}: ${issue.message}` : 'unknown shape'}` });
    }
    const created = deps.intake.submit(parsed.data);
    if (!created.ok) return sendError(res, created.error);
    sendJson(res, 201, created.value);
  }

  const server = createServer((req, res) => {
    const target = parseTarget(req.url);
    if (!target.ok) return sendError(res, target.error, target.status);
    const url = target.value;
    const route = `${req.method ?? 'GET'} ${url.pathname}`;
    const handle = async (): Promise<void> => {
      if (route === `POST ${LOGIN_PATH}`) return login(req, res);
      if (route === `POST ${TOKEN_REFRESH_PATH}`) return refreshRoute(sessions, req, res);
      if (route === `POST ${LOGOUT_PATH}`) return logoutRoute(sessions, req, res);
      if (route === `POST ${WORK_ITEMS_PATH}`) return intake(req, res);
      if (await admin(req, res, url)) return;
      if (route === `GET ${HEALTH_PATH}`) return sendJson(res, 200, { ok: true, protocol: PROTOCOL_VERSION, headSeq: center.headSeq() });
      if (deps.landing && (route === `GET ${LANDING_PATH}` || route === `HEAD ${LANDING_PATH}`)) return serveLandingPage(req, res, url, deps.landing());
      for (const channel of deps.channels ?? []) {
        if (channel.handleHttp && (await channel.handleHttp(req, res, url))) return;
      }
      sendError(res, { code: 'not-found', message: `No such endpoint: ${route}` });
    };
    handle().catch((cause: unknown) => {
      log.error({ err: cause, route }, 'http request failed');
      if (!res.headersSent) sendError(res, { code: 'internal', message: 'The hub could not complete this request.' });
      else res.end();
    });
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: 1024 * 1024 });
  server.on('upgrade', (req, socket, head) => {
    // Node hands the socket over without its error listener; a peer reset must not be uncaught.
    socket.on('error', () => socket.destroy());
    const target = parseTarget(req.url);
    if (!target.ok) return void socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
    const url = target.value;
    if (url.pathname !== DESKTOP_WS_PATH) {
      for (const channel of deps.channels ?? []) {
        if (channel.handleUpgrade?.(req, socket, head, url)) return;
      }
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      serveDesktopSocket(ws, {
        center,
        idempotency: deps.store.idempotency,
        channels: deps.channels,
        endSessionsOf: (userId) => sessions.endAllFor(userId, 'admin'),
        clock,
        sessions,
        connections,
        log,
        helloTimeoutMs: deps.helloTimeoutMs,
        prunedThrough: () => deps.store.events.prunedThrough(),
        replay: (userId, after) => deps.store.events.since(userId, after),
        reachability: deps.reachability,
        phoneFor: deps.phoneFor,
      });
    });
  });
  return { server, wss };
}
