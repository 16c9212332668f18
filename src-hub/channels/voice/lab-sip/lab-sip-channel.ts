/**
 * The lab SIP proxy as a HubChannel: takes WebSocket upgrades at /ws/sip (RFC 7118, subprotocol
 * "sip") on the hub's own HTTP server and wires registrar, authentication, proxy and the
 * contact-center queue together. Lab use only (README.md).
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData } from 'ws';
import type { ChannelContext, HubChannel } from '../../channel';
import type { VoiceRouter } from '../voice-router';
import { DigestAuth } from './digest-auth';
import { LabSipCredentials, loadOrCreateLabSipKey } from './lab-credentials';
import { ProxyHops } from './proxy-hops';
import { QueuedCalls } from './queued-calls';
import { Registrar } from './registrar';
import { SipConnection } from './sip-connection';
import { SipIdentities } from './sip-identities';
import { SipProxy } from './sip-proxy';
import { TransferredCalls } from './transferred-calls';

export const LAB_SIP_PATH = '/ws/sip';
/** Above this the WebSocket closes (1009); the proxy answers 513 above MAX_SIP_MESSAGE_BYTES. */
const WS_MAX_PAYLOAD = 64 * 1024;

export interface LabSipChannel extends HubChannel {
  readonly credentials: LabSipCredentials;
  /** Phones connected now (for tests and health). */
  readonly connectionCount: number;
  /** True while some phone holds a live registration for this AOR (sip:user@domain). */
  isRegistered(aor: string): boolean;
}

export function createLabSipChannel(ctx: ChannelContext, router: VoiceRouter): LabSipChannel {
  const now = (): number => ctx.clock.now();
  const log = ctx.log.child({ channel: 'lab-sip' });
  const credentials = new LabSipCredentials(loadOrCreateLabSipKey(ctx.dataDir));
  const digest = new DigestAuth(ctx.config.voice.sipDomain, credentials, now);
  const registrar = new Registrar(now);
  const hops = new ProxyHops();
  const connections = new Map<string, SipConnection>();
  const proxy = new SipProxy({ config: ctx.config, registrar, identities: new SipIdentities(ctx.config, digest, credentials), digest, hops, log, connection: (id) => connections.get(id) ?? null }, now);
  const queue = new QueuedCalls(
    router,
    {
      lookup: (aor) => proxy.lookup(aor),
      forwardInvite: (invite, caller, binding, branch, extraHeaders) => {
        const out = hops.forward(invite, { requestUri: binding.contact, branch, fromConnectionId: caller.id, recordRoute: true, extraHeaders });
        binding.connection.send(out.toString());
        return out;
      },
      relayResponse: (response) => proxy.relayResponse(response),
      newBranch: () => hops.statefulBranch(),
      ownContact: () => hops.contact(),
      ownVia: (branch) => hops.via(branch, '0'),
    },
    log,
  );
  proxy.attachQueue(queue);
  proxy.attachTransferred(new TransferredCalls(router, log, now));
  // Offers are published to each agent's own stream: listen to every user's.
  const unsubscribe = ctx.config.users.map((user) => ctx.center.events.subscribe({ userId: user.id, deliver: (stored) => queue.onEvent(stored.event) }));

  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: WS_MAX_PAYLOAD,
    handleProtocols: (protocols) => (protocols.has('sip') ? 'sip' : false),
  });
  let nextId = 1;

  function serve(ws: import('ws').WebSocket, req: IncomingMessage): void {
    const conn = new SipConnection((nextId++).toString(36), ws, (req.socket.remoteAddress ?? '').replace(/^::ffff:/, ''), now);
    connections.set(conn.id, conn);
    log.debug({ connection: conn.id, from: conn.remoteAddress }, 'lab SIP: connection opened');
    ws.on('message', (data: RawData, isBinary: boolean) => {
      if (isBinary) {
        log.info({ connection: conn.id }, 'lab SIP: binary frame ignored');
        return;
      }
      const text = Array.isArray(data) ? Buffer.concat(data).toString('utf8') : Buffer.from(data as ArrayBuffer).toString('utf8');
      // A keep-alive (RFC 5626 CRLF ping) gets its pong.
      if (text === '\r\n\r\n') {
        conn.send('\r\n');
        return;
      }
      try {
        proxy.onFrame(conn, text);
      } catch (cause) {
        log.error({ err: cause, connection: conn.id }, 'lab SIP: failed to handle a message');
      }
    });
    ws.on('close', () => {
      connections.delete(conn.id);
      registrar.dropConnection(conn);
      queue.connectionClosed(conn);
      log.debug({ connection: conn.id }, 'lab SIP: connection closed');
    });
    ws.on('error', (cause) => log.info({ err: cause, connection: conn.id }, 'lab SIP: socket error'));
  }

  return {
    name: 'lab-sip',
    credentials,
    isRegistered: (aor) => registrar.lookup(aor).length > 0,
    get connectionCount() {
      return connections.size;
    },
    handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer, url: URL): boolean {
      if (url.pathname !== LAB_SIP_PATH) return false;
      wss.handleUpgrade(req, socket, head, (ws) => {
        if (ws.protocol !== 'sip') {
          ws.close(1002, 'the "sip" subprotocol is required (RFC 7118)');
          return;
        }
        serve(ws, req);
      });
      return true;
    },
    started(hubUrl: string) {
      hops.sentBy = new URL(hubUrl).host;
      log.warn({ url: `${hubUrl.replace(/^http/, 'ws')}${LAB_SIP_PATH}` }, 'built-in SIP proxy listening: lab use only (production uses Kamailio, Asterisk or FreeSWITCH)');
    },
    stop() {
      for (const off of unsubscribe) off();
      queue.stop();
      for (const client of wss.clients) client.terminate();
      wss.close();
    },
  };
}
