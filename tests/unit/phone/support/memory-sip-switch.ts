/**
 * An in-memory SIP "server" for engine unit tests (the way SIP.js's own tests connect user agents):
 * a registrar that answers REGISTER and a switch that delivers requests to the registered user
 * (by address of record or contact user) and responses back along the request's Via branch.
 * No one runs this in production; real SIP behaviour is proven by tests/interop against Kamailio.
 */
import { Core, EmitterImpl, TransportState, type Transport } from 'sip.js';

const parserLogger = new Core.LoggerFactory().getLogger('test.switch');

export interface SwitchedMessage {
  /** Which connection sent it (a number, not the transport: SIP.js serialises its options). */
  from: number;
  kind: 'request' | 'response';
  method: string;
  statusCode: number | null;
  text: string;
}

export class MemorySipSwitch {
  /** Every message the switch saw, in order: tests read REFER, INFO, re-INVITE bodies here. */
  readonly messages: SwitchedMessage[] = [];
  private readonly byUser = new Map<string, MemoryTransport>();
  private readonly branches = new Map<string, MemoryTransport>();
  private readonly attached = new Set<MemoryTransport>();
  /** Users the switch answers itself like a PBX announcement: 183 with SDP, never a 200. */
  private readonly announcers = new Map<string, string>();
  /** The INVITE each announcer holds, by Call-ID, so a CANCEL can end it. */
  private readonly announcing = new Map<string, { from: MemoryTransport; invite: Core.IncomingRequestMessage; toTag: string }>();
  accepting = true;

  /** Calls to `user` get early media: a 183 Session Progress carrying `sdp`, and nothing more. */
  announce(user: string, sdp: string): void {
    this.announcers.set(user, sdp);
  }

  attach(transport: MemoryTransport): void {
    this.attached.add(transport);
  }

  detach(transport: MemoryTransport): void {
    this.attached.delete(transport);
    for (const [user, bound] of this.byUser) if (bound === transport) this.byUser.delete(user);
  }

  /** Simulates a server restart: every connection drops, bindings are lost, connects fail meanwhile. */
  restart(downForMs: number): Promise<void> {
    this.accepting = false;
    for (const transport of [...this.attached]) {
      this.detach(transport);
      transport.dropByServer();
    }
    this.branches.clear();
    return new Promise((resolve) =>
      setTimeout(() => {
        this.accepting = true;
        resolve();
      }, downForMs),
    );
  }

  /**
   * Every open connection goes silent in both directions, and neither end is told: what a laptop
   * sees when a dock's cable takes the route and the Wi-Fi its socket was bound to goes away.
   * New connections work.
   */
  cutOff(): void {
    for (const transport of this.attached) transport.silenced = true;
  }

  /** The server forgets a registration while its connection stays open (it expired during a sleep). */
  forgetBinding(user: string): void {
    this.byUser.delete(user);
  }

  isRegistered(user: string): boolean {
    return this.byUser.has(user);
  }

  requests(method: string): SwitchedMessage[] {
    return this.messages.filter((message) => message.kind === 'request' && message.method === method);
  }

  route(from: MemoryTransport, text: string): void {
    const message = Core.Parser.parseMessage(text, parserLogger);
    if (!message) throw new Error(`unparseable SIP message:\n${text}`);
    if (message instanceof Core.IncomingResponseMessage) {
      this.messages.push({ from: from.connectionNumber, kind: 'response', method: message.method, statusCode: message.statusCode ?? null, text });
      this.branches.get(message.viaBranch)?.deliver(text);
      return;
    }
    const request = message as Core.IncomingRequestMessage;
    this.messages.push({ from: from.connectionNumber, kind: 'request', method: request.method, statusCode: null, text });
    if (request.method === 'REGISTER') {
      this.register(from, request);
      return;
    }
    if (this.announcers.has(request.ruri?.user ?? '') || this.announcing.has(request.callId)) {
      this.playAnnouncement(from, request);
      return;
    }
    const target = this.byUser.get(request.ruri?.user ?? '');
    if (!target) {
      if (request.method !== 'ACK') from.deliver(this.response(request, 404, 'Not Found'));
      return;
    }
    this.branches.set(request.viaBranch, from);
    target.deliver(text);
  }

  private playAnnouncement(from: MemoryTransport, request: Core.IncomingRequestMessage): void {
    if (request.method === 'INVITE') {
      const sdp = this.announcers.get(request.ruri?.user ?? '') ?? '';
      const toTag = `pbx${Math.floor(Math.random() * 1e9)}`;
      this.announcing.set(request.callId, { from, invite: request, toTag });
      const progress = this.response(request, 183, 'Session Progress', [`Contact: <sip:${request.ruri?.user ?? 'pbx'}@127.0.0.1>`], toTag, sdp);
      from.deliver(progress);
      return;
    }
    const held = this.announcing.get(request.callId);
    if (request.method === 'CANCEL' && held) {
      from.deliver(this.response(request, 200, 'OK'));
      held.from.deliver(this.response(held.invite, 487, 'Request Terminated', [], held.toTag));
      this.announcing.delete(request.callId);
    }
  }

  private register(from: MemoryTransport, request: Core.IncomingRequestMessage): void {
    const contact = request.getHeader('contact') ?? '';
    const contactUser = /<sips?:([^@>]+)@/.exec(contact)?.[1];
    const aorUser = request.to.uri.user;
    const unregister = /expires=0\b/.test(contact) || request.getHeader('expires') === '0';
    if (aorUser && contactUser) {
      for (const user of [aorUser, contactUser]) {
        if (unregister) this.byUser.delete(user);
        else this.byUser.set(user, from);
      }
    }
    from.deliver(this.response(request, 200, 'OK', [`Contact: ${contact}`]));
  }

  private response(request: Core.IncomingRequestMessage, code: number, reason: string, extra: string[] = [], toTag?: string, sdp?: string): string {
    const to = request.getHeader('to') ?? '';
    const head = [
      `SIP/2.0 ${code} ${reason}`,
      `Via: ${request.getHeader('via') ?? ''}`,
      `From: ${request.getHeader('from') ?? ''}`,
      `To: ${/;tag=/.test(to) ? to : `${to};tag=${toTag ?? `switch${Math.floor(Math.random() * 1e9)}`}`}`,
      `Call-ID: ${request.callId}`,
      `CSeq: ${request.cseq} ${request.method}`,
      ...extra,
    ];
    if (!sdp) return [...head, 'Content-Length: 0', '', ''].join('\r\n');
    return [...head, 'Content-Type: application/sdp', `Content-Length: ${Buffer.byteLength(sdp)}`, '', sdp].join('\r\n');
  }
}

export interface MemoryTransportOptions {
  sipSwitch: MemorySipSwitch;
}

/** A SIP.js transport whose "socket" is the in-memory switch; delivery is asynchronous like a network. */
export class MemoryTransport implements Transport {
  readonly protocol = 'WS';
  readonly stateChange = new EmitterImpl<TransportState>();
  onConnect: (() => void) | undefined;
  onDisconnect: ((error?: Error) => void) | undefined;
  onMessage: ((message: string) => void) | undefined;
  private current = TransportState.Disconnected;
  private readonly sipSwitch: MemorySipSwitch;
  private static connections = 0;
  /** Which connection this is: SIP.js reconnects on the same transport, and each connect is a new one. */
  connectionNumber = 0;
  /** Set by MemorySipSwitch.cutOff: what is sent or delivered on this connection is lost. */
  silenced = false;

  constructor(_logger: unknown, options: MemoryTransportOptions) {
    this.sipSwitch = options.sipSwitch;
  }

  get state(): TransportState {
    return this.current;
  }

  async connect(): Promise<void> {
    if (this.current === TransportState.Connected) return;
    await new Promise((resolve) => setTimeout(resolve, 1));
    if (!this.sipSwitch.accepting) throw new Error('connection refused');
    this.connectionNumber = ++MemoryTransport.connections;
    this.silenced = false;
    this.sipSwitch.attach(this);
    this.transition(TransportState.Connected);
  }

  async disconnect(): Promise<void> {
    this.sipSwitch.detach(this);
    this.transition(TransportState.Disconnected);
  }

  async dispose(): Promise<void> {
    await this.disconnect();
  }

  isConnected(): boolean {
    return this.current === TransportState.Connected;
  }

  async send(message: string): Promise<void> {
    if (!this.isConnected()) throw new Error('not connected');
    if (this.silenced) return;
    setTimeout(() => this.sipSwitch.route(this, message), 0);
  }

  deliver(message: string): void {
    setTimeout(() => {
      if (this.isConnected() && !this.silenced) this.onMessage?.(message);
    }, 0);
  }

  dropByServer(): void {
    this.transition(TransportState.Disconnected, new Error('connection lost'));
  }

  private transition(next: TransportState, error?: Error): void {
    const previous = this.current;
    if (previous === next) return;
    this.current = next;
    this.stateChange.emit(next);
    if (next === TransportState.Connected) this.onConnect?.();
    if (previous === TransportState.Connected && next === TransportState.Disconnected) this.onDisconnect?.(error);
  }
}
