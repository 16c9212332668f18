/** A minimal desktop-protocol client over a real WebSocket, for hub tests. */
import WebSocket from 'ws';
import { LoginResponse, ServerFrame, type ClientFrame, type HubOpName } from '../../../../src-common/protocol';

export async function login(url: string, username: string, password = 'centralita'): Promise<LoginResponse> {
  const res = await fetch(`${url}/api/login`, { method: 'POST', body: JSON.stringify({ username, password }), headers: { 'content-type': 'application/json' } });
  if (res.status !== 200) throw new Error(`login ${username} failed: ${res.status} ${await res.text()}`);
  return LoginResponse.parse(await res.json());
}

export class TestSocket {
  readonly frames: ServerFrame[] = [];
  private waiters: (() => void)[] = [];
  closed: { code: number; reason: string } | null = null;
  private nextId = 1;

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      this.frames.push(ServerFrame.parse(JSON.parse(data.toString())));
      this.notify();
    });
    ws.on('close', (code, reason) => {
      this.closed = { code, reason: reason.toString() };
      this.notify();
    });
  }

  static async open(url: string): Promise<TestSocket> {
    const ws = new WebSocket(`${url.replace(/^http/, 'ws')}/ws/desktop`);
    const sock = new TestSocket(ws);
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    return sock;
  }

  send(frame: ClientFrame | Record<string, unknown>): void {
    this.ws.send(JSON.stringify(frame));
  }

  sendRaw(text: string): void {
    this.ws.send(text);
  }

  async hello(token: string, resumeFrom: number | null = null): Promise<Extract<ServerFrame, { type: 'welcome' }>> {
    this.send({ type: 'hello', protocol: 1, token, resumeFrom });
    return (await this.waitFor((f): f is Extract<ServerFrame, { type: 'welcome' }> => f.type === 'welcome'));
  }

  async request(op: HubOpName, params: unknown, key?: string): Promise<Extract<ServerFrame, { type: 'response' }>['result']> {
    const id = `r${this.nextId++}`;
    this.send({ type: 'request', id, op, params, ...(key ? { key } : {}) });
    const res = await this.waitFor((f): f is Extract<ServerFrame, { type: 'response' }> => f.type === 'response' && f.id === id);
    return res.result;
  }

  events(): Extract<ServerFrame, { type: 'event' }>[] {
    return this.frames.filter((f): f is Extract<ServerFrame, { type: 'event' }> => f.type === 'event');
  }

  /** Resolves with the first frame (already received or future) matching `match`. */
  async waitFor<T extends ServerFrame>(match: (f: ServerFrame) => f is T, timeoutMs = 3000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const hit = this.frames.find(match);
      if (hit) return hit;
      if (this.closed) throw new Error(`socket closed (${this.closed.code}) before the expected frame`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out; frames so far: ${JSON.stringify(this.frames).slice(0, 500)}`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }

  async waitClosed(timeoutMs = 7000): Promise<{ code: number; reason: string }> {
    const deadline = Date.now() + timeoutMs;
    while (!this.closed) {
      if (Date.now() > deadline) throw new Error('socket did not close');
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, 50);
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
    return this.closed;
  }

  close(): void {
    this.ws.close();
  }

  private notify(): void {
    const w = this.waiters;
    this.waiters = [];
    for (const fn of w) fn();
  }
}
