/**
 * The web chat channel: serves the widget script (GET /widget.js) and a page to try it
 * (GET /chat), takes widget sockets on /ws/chat, and answers the agents' chat requests from
 * the desktop protocol. New chats reach routing only through the intake.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { CHAT_PAGE_PATH, CHAT_WIDGET_SCRIPT_PATH, CHAT_WS_PATH } from '../../../src-common/chat';
import { loadOrCreateSecret } from '../../auth/session-tokens';
import type { ChannelContext, HubChannel } from '../channel';
import { createAttachmentRoutes } from './attachment-routes';
import { ChatService } from './chat-service';
import { serveCustomerSocket } from './customer-socket';
import { plainAddress } from '../../server/http-request';
import { chatLimits } from './rate-limit';
import { VisitorTokens } from './visitor-tokens';
import type { TranscriptMailer } from './transcript-mailer';
import { CHAT_PAGE_CSP, CHAT_PAGE_HTML, loadWidgetBundle } from './widget-assets';

/** Frames above CHAT_MAX_FRAME_BYTES are answered with an error; only absurd ones close the socket. */
const WS_MAX_PAYLOAD = 256 * 1024;

/** `mailer` sends the transcripts customers ask for (the email channel's, or the .eml outbox). */
export function createChatChannel(ctx: ChannelContext, mailer: TranscriptMailer): HubChannel {
  const service = new ChatService({ ...ctx, mailer });
  const tokens = new VisitorTokens(loadOrCreateSecret(ctx.dataDir));
  const wss = new WebSocketServer({ noServer: true, maxPayload: WS_MAX_PAYLOAD });
  const limits = chatLimits(ctx.config.chat);
  let widget: Buffer | null | undefined;
  const attachmentRoutes = createAttachmentRoutes({
    service,
    store: ctx.store,
    visitorTokens: tokens,
    sessions: ctx.sessions,
    config: ctx.config.chat,
    dataDir: ctx.dataDir,
    clock: ctx.clock,
    log: ctx.log,
    uploads: limits.uploads,
  });

  const serveWidget = (res: ServerResponse): void => {
    widget ??= loadWidgetBundle();
    if (!widget) {
      ctx.log.error('chat widget bundle not found; build it with scripts/build.mjs');
      res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('The chat widget is not built on this hub.');
      return;
    }
    res.writeHead(200, {
      'content-type': 'text/javascript; charset=utf-8',
      'content-length': widget.length,
      'cache-control': 'no-cache',
      'x-content-type-options': 'nosniff',
      // Websites embed it from their own origin.
      'cross-origin-resource-policy': 'cross-origin',
    });
    res.end(widget);
  };

  const servePage = (res: ServerResponse): void => {
    res.writeHead(200, {
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': CHAT_PAGE_CSP,
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'cache-control': 'no-cache',
    });
    res.end(CHAT_PAGE_HTML);
  };

  return {
    name: 'chat',
    desktopOps: {
      sendChatMessage: (caller, p) => service.agentMessage(caller, p.itemId, p.clientId, p.text),
      chatTyping: (caller, p) => service.agentTyping(caller, p.itemId, p.typing),
      markChatRead: (caller, p) => service.agentRead(caller, p.itemId, p.upToSeq),
      getChatTranscript: (caller, p) => service.transcript(caller, p.itemId),
      monitorChat: (caller, p) => service.supervision.monitor(caller, p.itemId),
      stopMonitoringChat: (caller, p) => service.supervision.stopMonitoring(caller, p.itemId),
      whisperToAgent: (caller, p) => service.supervision.whisper(caller, p),
      bargeIntoChat: (caller, p) => service.supervision.barge(caller, p),
      takeOverChat: (caller, p) => service.supervision.takeOver(caller, p),
    },
    async handleHttp(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
      if (await attachmentRoutes(req, res, url)) return true;
      if (req.method !== 'GET' && req.method !== 'HEAD') return false;
      if (url.pathname === CHAT_WIDGET_SCRIPT_PATH) {
        serveWidget(res);
        return true;
      }
      if (url.pathname === CHAT_PAGE_PATH) {
        servePage(res);
        return true;
      }
      return false;
    },
    handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer, url: URL): boolean {
      if (url.pathname !== CHAT_WS_PATH) return false;
      const remoteAddress = plainAddress(req.socket.remoteAddress);
      const allowed = limits.connections.take({ address: remoteAddress }, ctx.clock.now());
      if (!allowed.ok) {
        socket.end(`HTTP/1.1 429 Too Many Requests\r\nRetry-After: ${allowed.retryAfter}\r\nConnection: close\r\n\r\n`);
        return true;
      }
      // Any website may embed the widget, so there is no origin allow-list here; visitors hold
      // no privilege beyond their own conversation, which their signed token names.
      wss.handleUpgrade(req, socket, head, (ws) => {
        serveCustomerSocket(ws, { service, tokens, clock: ctx.clock, log: ctx.log, remoteAddress, limits });
      });
      return true;
    },
    started(): void {
      service.start();
    },
    stop(): void {
      service.stop();
      for (const client of wss.clients) client.close(1001, 'hub shutting down');
      for (const client of wss.clients) client.terminate();
      wss.close();
    },
  };
}
