/** A scripted chat widget over a real WebSocket (what a customer's browser does), for hub tests. */
import WebSocket from 'ws';
import { CHAT_PROTOCOL_VERSION, CHAT_WS_PATH, ChatServerFrame, type ChatClientFrame, type ChatMessage } from '../../src-common/chat';

type Frame<T extends ChatServerFrame['type']> = Extract<ChatServerFrame, { type: T }>;

export class WidgetClient {
  readonly frames: ChatServerFrame[] = [];
  closed = false;
  private waiters: (() => void)[] = [];

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      this.frames.push(ChatServerFrame.parse(JSON.parse(data.toString())));
      this.wake();
    });
    ws.on('close', () => {
      this.closed = true;
      this.wake();
    });
  }

  static async open(hubUrl: string): Promise<WidgetClient> {
    const ws = new WebSocket(`${hubUrl.replace(/^http/, 'ws')}${CHAT_WS_PATH}`);
    const client = new WidgetClient(ws);
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    return client;
  }

  send(frame: ChatClientFrame): void {
    this.ws.send(JSON.stringify(frame));
  }

  sendRaw(text: string): void {
    this.ws.send(text);
  }

  async hello(visitorToken: string | null = null, lastSeq: number | null = null): Promise<Frame<'welcome'>> {
    this.send({ type: 'hello', protocol: CHAT_PROTOCOL_VERSION, visitorToken, lastSeq });
    return this.next('welcome');
  }

  messages(): ChatMessage[] {
    return this.frames.filter((f): f is Frame<'message'> => f.type === 'message').map((f) => f.message);
  }

  /** The first frame of this type (after `from` frames) matching `match`, waiting up to 5 s. */
  async next<T extends ChatServerFrame['type']>(type: T, match: (f: Frame<T>) => boolean = () => true, from = 0): Promise<Frame<T>> {
    const deadline = Date.now() + 5_000;
    for (;;) {
      const hit = this.frames.slice(from).find((f): f is Frame<T> => f.type === type && match(f as Frame<T>));
      if (hit) return hit;
      if (this.closed) throw new Error(`widget socket closed before a ${type} frame`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no ${type} frame; got ${JSON.stringify(this.frames).slice(0, 800)}`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }

  close(): Promise<void> {
    if (this.closed) return Promise.resolve();
    return new Promise((resolve) => {
      this.ws.once('close', () => resolve());
      this.ws.close();
    });
  }

  private wake(): void {
    const w = this.waiters;
    this.waiters = [];
    for (const fn of w) fn();
  }
}
