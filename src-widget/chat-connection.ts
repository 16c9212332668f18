/**
 * The widget's link to the hub: one WebSocket, reconnect with backoff, and resume. The
 * visitor token (localStorage) makes a returning browser known; `lastSeq` makes a reconnect
 * bring exactly the messages missed; unacknowledged sends are sent again with their client id,
 * which the hub stores once however often it arrives.
 */
import {
  CHAT_ATTACHMENTS_PATH,
  CHAT_PROTOCOL_VERSION,
  ChatAttachmentUploaded,
  CHAT_WS_PATH,
  ChatServerFrame,
  type ChatAttachment,
  type ChatClientFrame,
  type ChatConversation,
  type ChatErrorCode,
  type ChatMessage,
  type ChatTopic,
  type PreChatForm,
  type VisitorProfile,
} from '../src-common/chat';
import { CONNECT_TIMEOUT_MS, HEARTBEAT_INTERVAL_MS, HEARTBEAT_TIMEOUT_MS, reconnectDelay } from './reconnect-policy';

const TOKEN_KEY = 'centralita-chat-visitor';
/** The closed chat the customer left for a new one ("start another chat"). */
const DISMISSED_KEY = 'centralita-chat-dismissed';

export type LinkStatus = 'connecting' | 'online' | 'offline';

export interface PendingMessage {
  clientId: string;
  text: string;
  failed: string | null;
  /** The hub's error code for a failed send, so the view can word it in its language. */
  failedCode?: ChatErrorCode;
  /** With a rate limit: seconds the hub asked to wait. */
  failedRetryAfter?: number;
}

export interface ChatSnapshot {
  status: LinkStatus;
  topics: ChatTopic[];
  profile: VisitorProfile | null;
  conversation: ChatConversation | null;
  messages: ChatMessage[];
  pending: PendingMessage[];
  agentTyping: string | null;
  error: string | null;
  /** The hub's code for `error` when it came from the socket (null for local or HTTP errors). */
  errorCode: ChatErrorCode | null;
  /** With a rate-limited `error`: seconds to wait before trying again, when the hub said. */
  retryAfter: number | null;
  /** How many files are on their way up. */
  uploading: number;
}

export class ChatConnection {
  private ws: WebSocket | null = null;
  private attempt = 0;
  private retryTimer: number | null = null;
  /** Connect timeout while the handshake runs; heartbeat while open. */
  private watchdog: number | null = null;
  private pingTimer: number | null = null;
  private listening = false;
  private readonly retryNow = (): void => this.reconnectNow();
  private readonly onVisible = (): void => {
    if (document.visibilityState === 'visible') this.reconnectNow();
  };
  private typingTimer: number | null = null;
  private typingSent = false;
  private stopped = false;
  private state: ChatSnapshot = { status: 'connecting', topics: [], profile: null, conversation: null, messages: [], pending: [], agentTyping: null, error: null, errorCode: null, retryAfter: null, uploading: 0 };
  private readonly listeners = new Set<(s: ChatSnapshot) => void>();

  constructor(
    private readonly hubBase: string,
    private readonly language: string,
    private readonly storage: Storage | null,
  ) {}

  get snapshot(): ChatSnapshot {
    return this.state;
  }

  onChange(listener: (s: ChatSnapshot) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  connect(): void {
    if (this.stopped) return;
    this.listenToBrowser();
    this.clearRetry();
    const url = new URL(CHAT_WS_PATH, this.hubBase);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    const ws = new WebSocket(url.href);
    this.ws = ws;
    // A far end that takes the connection but never answers must not hold the widget: give up
    // on it and try again, as for a refused one.
    this.arm(CONNECT_TIMEOUT_MS, ws);
    ws.addEventListener('open', () => {
      if (this.ws !== ws) return;
      this.heartbeat(ws);
      const lastSeq = this.state.messages.at(-1)?.seq ?? null;
      this.raw({ type: 'hello', protocol: CHAT_PROTOCOL_VERSION, visitorToken: this.readToken(), lastSeq, language: this.language });
    });
    ws.addEventListener('message', (event) => {
      if (this.ws !== ws) return;
      // Anything from the hub proves the link alive.
      this.disarm();
      if (typeof event.data !== 'string') return;
      let json: unknown;
      try {
        json = JSON.parse(event.data);
      } catch {
        return;
      }
      const frame = ChatServerFrame.safeParse(json);
      if (frame.success) this.onFrame(frame.data);
    });
    ws.addEventListener('close', () => this.lost(ws));
  }

  /** The hub may be back: try now instead of waiting out the backoff (network back, tab shown). */
  reconnectNow(): void {
    if (this.stopped || this.ws !== null) return;
    this.connect();
  }

  stop(): void {
    this.stopped = true;
    this.clearRetry();
    this.disarm();
    if (this.pingTimer !== null) window.clearInterval(this.pingTimer);
    this.pingTimer = null;
    window.removeEventListener('online', this.retryNow);
    document.removeEventListener('visibilitychange', this.onVisible);
    this.ws?.close();
  }

  start(form: PreChatForm): void {
    this.update({ error: null, errorCode: null, retryAfter: null, messages: [], pending: [] });
    this.raw({ type: 'start', form });
  }

  send(text: string): void {
    const clientId = newClientId();
    this.update({ pending: [...this.state.pending, { clientId, text, failed: null }], error: null, errorCode: null, retryAfter: null });
    this.raw({ type: 'message', clientId, text });
    this.typing(false);
  }

  /**
   * Sends a file over HTTP with the visitor token; the hub checks its type and size and the
   * message arrives on the socket like any other. A refusal shows the hub's reason.
   */
  async sendFile(file: File): Promise<void> {
    const token = this.readToken();
    if (!token) return this.update({ error: 'Open the chat first.', errorCode: null, retryAfter: null });
    const url = new URL(CHAT_ATTACHMENTS_PATH, this.hubBase);
    url.searchParams.set('clientId', newClientId());
    url.searchParams.set('name', file.name);
    this.update({ uploading: this.state.uploading + 1, error: null, errorCode: null, retryAfter: null });
    try {
      const response = await fetch(url, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream' }, body: file });
      const json: unknown = await response.json().catch(() => null);
      const uploaded = ChatAttachmentUploaded.safeParse(json);
      if (response.ok && uploaded.success) this.onFrame({ type: 'message', message: uploaded.data.message });
      else if (response.status === 429) this.update({ error: errorMessage(json) ?? 'Too many files.', errorCode: 'rate-limited', retryAfter: retryAfterHeader(response) });
      else this.update({ error: errorMessage(json) ?? `The file could not be sent (${response.status}).`, errorCode: null, retryAfter: null });
    } catch {
      this.update({ error: 'The file could not be sent: the connection failed.', errorCode: null, retryAfter: null });
    } finally {
      this.update({ uploading: this.state.uploading - 1 });
    }
  }

  /** Fetches a file with the visitor token and hands it to the browser as a download (never opened in the page). */
  async download(attachment: ChatAttachment): Promise<void> {
    const token = this.readToken();
    if (!token) return;
    try {
      const response = await fetch(new URL(`${CHAT_ATTACHMENTS_PATH}/${encodeURIComponent(attachment.id)}`, this.hubBase), { headers: { authorization: `Bearer ${token}` } });
      if (!response.ok) return this.update({ error: errorMessage(await response.json().catch(() => null)) ?? 'The file could not be downloaded.', errorCode: null, retryAfter: null });
      const href = URL.createObjectURL(await response.blob());
      const anchor = document.createElement('a');
      anchor.href = href;
      anchor.download = attachment.name;
      anchor.rel = 'noopener';
      anchor.click();
      window.setTimeout(() => URL.revokeObjectURL(href), 60_000);
    } catch {
      this.update({ error: 'The file could not be downloaded: the connection failed.', errorCode: null, retryAfter: null });
    }
  }

  /** Typing on while keys arrive, off 3 s after the last one (or on send). */
  typing(active: boolean): void {
    if (this.typingTimer !== null) window.clearTimeout(this.typingTimer);
    this.typingTimer = null;
    if (active) {
      // One frame when typing starts, not one per key.
      if (!this.typingSent) this.raw({ type: 'typing', typing: true });
      this.typingSent = true;
      this.typingTimer = window.setTimeout(() => this.typing(false), 3_000);
    } else if (this.typingSent) {
      this.typingSent = false;
      this.raw({ type: 'typing', typing: false });
    }
  }

  markRead(): void {
    const last = this.state.messages.at(-1)?.seq ?? 0;
    if (this.state.conversation && last > this.state.conversation.customerReadSeq) this.raw({ type: 'read', upToSeq: last });
  }

  leave(): void {
    this.raw({ type: 'leave' });
  }

  /** "Email me the transcript" for the current chat (now if it has closed, else when it does). */
  emailTranscript(): void {
    this.update({ error: null, errorCode: null, retryAfter: null });
    this.raw({ type: 'email-transcript' });
  }

  /** After a closed chat: back to the form (the hub keeps the old one in the customer's history). */
  reset(): void {
    // Remembered in the browser: the hub still offers a recently closed chat on hello (to show
    // how it ended), which must not come back after a reload or a language switch.
    const closed = this.state.conversation;
    if (closed?.state === 'closed') this.writeItem(DISMISSED_KEY, closed.id);
    this.update({ conversation: null, messages: [], pending: [], agentTyping: null, error: null, errorCode: null, retryAfter: null });
  }

  private onFrame(frame: ChatServerFrame): void {
    switch (frame.type) {
      case 'welcome': {
        this.attempt = 0;
        this.writeToken(frame.visitorToken);
        const dismissed = frame.conversation?.state === 'closed' && frame.conversation.id === this.readItem(DISMISSED_KEY);
        const conversation = dismissed ? null : frame.conversation;
        const sameConversation = conversation && conversation.id === this.state.conversation?.id;
        this.update({
          status: 'online',
          topics: frame.topics,
          profile: frame.profile,
          conversation,
          messages: sameConversation ? this.state.messages : [],
        });
        // Messages that never got their echo go again; the hub keeps one copy per client id.
        for (const p of this.state.pending) if (!p.failed) this.raw({ type: 'message', clientId: p.clientId, text: p.text });
        return;
      }
      case 'conversation': {
        // News of a chat the customer already left for a new one must not bring it back.
        const current = this.state.conversation;
        if (current ? current.id !== frame.conversation.id : frame.conversation.id === this.readItem(DISMISSED_KEY)) return;
        this.update({ conversation: frame.conversation, agentTyping: frame.conversation.state === 'active' ? this.state.agentTyping : null });
        return;
      }
      case 'message': {
        const m = frame.message;
        if (m.conversationId !== this.state.conversation?.id) return;
        if (this.state.messages.some((x) => x.seq === m.seq)) return;
        const messages = [...this.state.messages, m].sort((a, b) => a.seq - b.seq);
        const pending = this.state.pending.filter((p) => p.clientId !== m.clientId);
        const conversation = this.state.conversation && m.seq > this.state.conversation.lastSeq ? { ...this.state.conversation, lastSeq: m.seq } : this.state.conversation;
        this.update({ messages, pending, conversation, agentTyping: m.author === 'agent' ? null : this.state.agentTyping });
        return;
      }
      case 'typing':
        this.update({ agentTyping: frame.typing ? frame.name : null });
        return;
      case 'error':
        if (frame.clientId) {
          this.update({
            pending: this.state.pending.map((p) => (p.clientId === frame.clientId ? { ...p, failed: frame.message, failedCode: frame.code, failedRetryAfter: frame.retryAfter } : p)),
            error: frame.message,
            errorCode: frame.code,
            retryAfter: frame.retryAfter ?? null,
          });
        } else {
          this.update({ error: frame.message, errorCode: frame.code, retryAfter: frame.retryAfter ?? null });
        }
        return;
      case 'pong':
        return;
    }
  }

  /** The socket `ws` is gone (closed, or given up on): retry after a short backoff. */
  private lost(ws: WebSocket): void {
    if (this.ws !== ws) return;
    this.ws = null;
    this.disarm();
    if (this.pingTimer !== null) window.clearInterval(this.pingTimer);
    this.pingTimer = null;
    this.update({ status: 'offline', agentTyping: null });
    if (this.stopped) return;
    const delay = reconnectDelay(this.attempt, Math.random());
    this.attempt += 1;
    this.clearRetry();
    this.retryTimer = window.setTimeout(() => {
      this.retryTimer = null;
      this.connect();
    }, delay);
  }

  /** Gives up on `ws` unless the hub says something within `ms`. */
  private arm(ms: number, ws: WebSocket): void {
    this.disarm();
    this.watchdog = window.setTimeout(() => {
      this.watchdog = null;
      this.lost(ws);
      ws.close();
    }, ms);
  }

  private disarm(): void {
    if (this.watchdog !== null) window.clearTimeout(this.watchdog);
    this.watchdog = null;
  }

  /** While open: a ping every interval, and the socket is given up on if nothing answers it. */
  private heartbeat(ws: WebSocket): void {
    if (this.pingTimer !== null) window.clearInterval(this.pingTimer);
    this.pingTimer = window.setInterval(() => {
      if (this.ws !== ws || ws.readyState !== WebSocket.OPEN) return;
      this.raw({ type: 'ping' });
      if (this.watchdog === null) this.arm(HEARTBEAT_TIMEOUT_MS, ws);
    }, HEARTBEAT_INTERVAL_MS);
  }

  private clearRetry(): void {
    if (this.retryTimer !== null) window.clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }

  private listenToBrowser(): void {
    if (this.listening) return;
    this.listening = true;
    window.addEventListener('online', this.retryNow);
    document.addEventListener('visibilitychange', this.onVisible);
  }

  private raw(frame: ChatClientFrame): void {
    if (this.ws?.readyState === WebSocket.OPEN) this.ws.send(JSON.stringify(frame));
  }

  private update(patch: Partial<ChatSnapshot>): void {
    this.state = { ...this.state, ...patch };
    for (const listener of this.listeners) listener(this.state);
  }

  private readToken(): string | null {
    return this.readItem(TOKEN_KEY);
  }

  private writeToken(token: string): void {
    this.writeItem(TOKEN_KEY, token);
  }

  private readItem(key: string): string | null {
    try {
      return this.storage?.getItem(key) ?? null;
    } catch {
      return null;
    }
  }

  private writeItem(key: string, value: string): void {
    try {
      this.storage?.setItem(key, value);
    } catch {
      // Storage may be blocked (private mode, third-party cookies off): the visitor is then new each visit.
    }
  }
}

function errorMessage(json: unknown): string | null {
  if (typeof json !== 'object' || json === null || !('error' in json)) return null;
  const error: unknown = json.error;
  return typeof error === 'object' && error !== null && 'message' in error && typeof error.message === 'string' ? error.message : null;
}

/** Retry-After in seconds (the hub sends seconds, never a date); null when absent or unreadable. */
function retryAfterHeader(response: Response): number | null {
  const seconds = Number(response.headers.get('retry-after') ?? '');
  return Number.isFinite(seconds) && seconds > 0 ? Math.ceil(seconds) : null;
}

function newClientId(): string {
  return crypto.randomUUID();
}
