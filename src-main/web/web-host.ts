/**
 * Web mode: the same main services in plain Node, the renderer served to a browser, and the
 * typed IPC contract bridged over a loopback WebSocket (/bridge). Binds 127.0.0.1 only.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { Duplex } from 'node:stream';
import path from 'node:path';
import type { Logger } from 'pino';
import { WebSocketServer } from 'ws';
import type { MainServices } from '../services/main-services';
import { BRIDGE_MAX_FRAME_BYTES } from '../../src-common/ipc';
import { eventSinkFor, serveBridgeSocket } from './bridge-socket';
import { CLIENT_ID_PATTERN, ClientSessions, type ServicesFactory } from './client-sessions';
import { applySecurityHeaders, hostMatches, newLaunchSecret, secretMatches } from './http-security';
import { sendText, serveStatic } from './static-files';

export const BRIDGE_PATH = '/bridge';

export interface WebHostOptions {
  /** Built renderer folder (dist/renderer). */
  rendererDir: string;
  /** Creates the services of one browser client (its own data subfolder). */
  createServices: ServicesFactory;
  log: Logger;
  /** 0 (default) picks a free port. */
  port?: number;
  /** How long a client's services live with no socket (a reload reconnects well within it). */
  idleCloseMs?: number;
  maxClients?: number;
}

export interface WebHost {
  /** http://127.0.0.1:PORT */
  origin: string;
  port: number;
  secret: string;
  /** The page to open: origin + /?s=SECRET */
  pageUrl: string;
  stop(): Promise<void>;
}

export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const { log } = options;
  const secret = newLaunchSecret();
  const sessions = new ClientSessions(options.createServices, options.idleCloseMs ?? 5 * 60_000, options.maxClients ?? 50, log);
  const wss = new WebSocketServer({ noServer: true, maxPayload: BRIDGE_MAX_FRAME_BYTES });
  const rendererDir = path.resolve(options.rendererDir);
  let ownHost = '';

  const server: Server = createServer((req, res) => {
    applySecurityHeaders(res);
    if (!hostMatches(req, ownHost)) return sendText(res, 421, 'Wrong host');
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('Allow', 'GET, HEAD');
      return sendText(res, 405, 'Method not allowed');
    }
    const url = new URL(req.url ?? '/', `http://${ownHost}`);
    serveStatic(rendererDir, url.pathname, req, res).catch((error: unknown) => {
      log.error({ err: error, path: url.pathname }, 'static file failed');
      if (!res.headersSent) sendText(res, 500, 'Internal error');
      else res.destroy();
    });
  });

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const refuse = (status: number, text: string): void => {
      log.warn({ status, url: redact(req.url), origin: req.headers.origin }, 'bridge upgrade refused');
      socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    };
    const url = new URL(req.url ?? '/', `http://${ownHost}`);
    if (url.pathname !== BRIDGE_PATH) return refuse(404, 'Not Found');
    if (!hostMatches(req, ownHost)) return refuse(403, 'Forbidden');
    if (!secretMatches(url.searchParams.get('s'), secret)) return refuse(403, 'Forbidden');
    if (req.headers.origin !== `http://${ownHost}`) return refuse(403, 'Forbidden');
    const clientId = url.searchParams.get('client') ?? '';
    if (!CLIENT_ID_PATTERN.test(clientId)) return refuse(400, 'Bad Request');
    wss.handleUpgrade(req, socket, head, (ws) => {
      const sink = eventSinkFor(ws);
      // Frames that arrive while the session is starting are held by ws until we listen;
      // pause the socket so none is lost.
      ws.pause();
      ws.on('close', () => sessions.detach(clientId, sink));
      void sessions.attach(clientId, sink).then((services: MainServices | null) => {
        if (!services) {
          ws.close(1013, 'desktop services unavailable');
          return;
        }
        if (ws.readyState !== ws.OPEN) {
          // The tab went away while its services were starting.
          sessions.detach(clientId, sink);
          return;
        }
        serveBridgeSocket(ws, services, log);
        ws.resume();
      });
    });
  });

  const port = await new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      const address = server.address();
      if (address && typeof address === 'object') resolve(address.port);
      else reject(new Error('web host has no port'));
    });
  });
  ownHost = `127.0.0.1:${port}`;
  const origin = `http://${ownHost}`;
  log.info({ origin }, 'web host listening');

  return {
    origin,
    port,
    secret,
    pageUrl: `${origin}/?s=${secret}`,
    async stop() {
      for (const client of wss.clients) client.terminate();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
      await sessions.closeAll();
      wss.close();
    },
  };
}

/** Logs never carry the launch secret. */
function redact(url: string | undefined): string {
  return (url ?? '').replace(/([?&]s=)[^&]*/, '$1…');
}
