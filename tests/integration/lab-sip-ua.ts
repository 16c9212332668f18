/**
 * SIP.js user agents in Node for the lab proxy tests: the real SIP.js stack and its WebSocket
 * transport (Node 22's global WebSocket), with an SDP-only session description handler, since
 * these tests are about signalling (media is the phone engine's business, tested in Chromium).
 */
import { Invitation, Inviter, Registerer, RegistererState, SessionState, UserAgent, Web, type Session, type SessionDescriptionHandler } from 'sip.js';
import WebSocket from 'ws';

/** A minimal but valid audio offer/answer; nothing listens on it. */
function sdp(direction: 'sendrecv' | 'sendonly' | 'recvonly' | 'inactive'): string {
  const id = Math.floor(Math.random() * 1e9);
  return ['v=0', `o=- ${id} 1 IN IP4 127.0.0.1`, 's=-', 'c=IN IP4 127.0.0.1', 't=0 0', 'm=audio 9 RTP/AVP 0', 'a=rtpmap:0 PCMU/8000', `a=${direction}`, ''].join('\r\n');
}

class SdpOnlyHandler implements SessionDescriptionHandler {
  direction: 'sendrecv' | 'sendonly' = 'sendrecv';
  close(): void {}
  getDescription(): Promise<{ body: string; contentType: string }> {
    return Promise.resolve({ body: sdp(this.direction), contentType: 'application/sdp' });
  }
  hasDescription(contentType: string): boolean {
    return contentType === 'application/sdp';
  }
  setDescription(): Promise<void> {
    return Promise.resolve();
  }
  sendDtmf(): boolean {
    return false;
  }
}

export interface LabUaOptions {
  server: string;
  /** e.g. sip:ana@lab.centralita (agents) or sip:+34600100200@lab.centralita (callers). */
  uri: string;
  user?: string;
  password?: string;
}

export async function until<T>(probe: () => T | undefined | null | false, what: string, timeoutMs = 8000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined && value !== null && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

export class LabUa {
  readonly ua: UserAgent;
  readonly invitations: Invitation[] = [];
  private registerer: Registerer | null = null;
  /** Final status codes of this UA's REGISTER attempts, in order. */
  readonly registerStatuses: number[] = [];

  constructor(opts: LabUaOptions) {
    const uri = UserAgent.makeURI(opts.uri);
    if (!uri) throw new Error(`bad URI ${opts.uri}`);
    this.ua = new UserAgent({
      uri,
      transportConstructor: Web.Transport,
      transportOptions: { server: opts.server, traceSip: process.env.LAB_SIP_TRACE === '1' },
      authorizationUsername: opts.user,
      authorizationPassword: opts.password,
      logLevel: process.env.LAB_SIP_TRACE === '1' ? 'debug' : 'error',
      logBuiltinEnabled: process.env.LAB_SIP_TRACE === '1',
      sessionDescriptionHandlerFactory: () => new SdpOnlyHandler(),
      delegate: { onInvite: (invitation) => void this.invitations.push(invitation) },
    });
  }

  async start(): Promise<void> {
    await this.ua.start();
  }

  /** Registers; resolves with the final status code the registrar gave. */
  async register(): Promise<number> {
    this.registerer ??= new Registerer(this.ua, { expires: 300 });
    const before = this.registerStatuses.length;
    await this.registerer.register({
      requestDelegate: {
        onAccept: (res) => void this.registerStatuses.push(res.message.statusCode ?? 0),
        onReject: (res) => void this.registerStatuses.push(res.message.statusCode ?? 0),
      },
    });
    await until(() => this.registerStatuses.length > before, 'REGISTER answer');
    return this.registerStatuses[this.registerStatuses.length - 1] ?? 0;
  }

  get registered(): boolean {
    return this.registerer?.state === RegistererState.Registered;
  }

  async unregister(): Promise<void> {
    await this.registerer?.unregister();
    await until(() => this.registerer?.state === RegistererState.Unregistered, 'unregistered');
  }

  /** Places a call; `responses` collects every status code the caller sees. */
  call(target: string, extraHeaders: string[] = []): { inviter: Inviter; responses: number[] } {
    const uri = UserAgent.makeURI(target);
    if (!uri) throw new Error(`bad target ${target}`);
    const inviter = new Inviter(this.ua, uri, { extraHeaders });
    const responses: number[] = [];
    void inviter.invite({
      requestDelegate: {
        onProgress: (res) => void responses.push(res.message.statusCode ?? 0),
        onAccept: (res) => void responses.push(res.message.statusCode ?? 0),
        onReject: (res) => void responses.push(res.message.statusCode ?? 0),
      },
    });
    return { inviter, responses };
  }

  async stop(): Promise<void> {
    await this.ua.stop();
  }
}

export async function established(session: Session, what = 'call established'): Promise<void> {
  await until(() => session.state === SessionState.Established, what);
}

export async function terminated(session: Session, what = 'call terminated'): Promise<void> {
  await until(() => session.state === SessionState.Terminated, what);
}

/** A bare WebSocket speaking raw SIP text, for what a SIP.js UA would never send. */
export class RawSipSocket {
  readonly received: string[] = [];
  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => void this.received.push(data.toString()));
  }

  static async open(server: string): Promise<RawSipSocket> {
    const ws = new WebSocket(server, 'sip');
    const sock = new RawSipSocket(ws);
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    return sock;
  }

  send(text: string): void {
    this.ws.send(text);
  }

  async next(what: string, match: (text: string) => boolean = () => true): Promise<string> {
    const hit = await until(() => this.received.find(match), what);
    this.received.splice(this.received.indexOf(hit), 1);
    return hit;
  }

  get open(): boolean {
    return this.ws.readyState === WebSocket.OPEN;
  }

  close(): void {
    this.ws.close();
  }
}
