/**
 * One widget WebSocket (/ws/chat), implementing the customer side of src-common/chat.ts:
 *   - hello first: a valid visitor token names a returning visitor, anything else starts a new
 *     one; the welcome carries a fresh token, the topics and the visitor's conversation, then
 *     every message after the widget's `lastSeq` follows (resume without loss or repeats);
 *   - size and rate limits answer with an error frame and keep the socket open: a customer
 *     who pasted too much must still be able to send the next message;
 *   - frames are handled one at a time, in order, even across the async hello.
 */
import type { RawData, WebSocket } from 'ws';
import {
  CHAT_MAX_FRAME_BYTES,
  CHAT_PROTOCOL_VERSION,
  ChatClientFrame,
  chatLanguageOf,
  type ChatErrorCode,
  type ChatLanguage,
  type ChatServerFrame,
} from '../../../src-common/chat';
import type { Result } from '../../../src-common/result';
import type { Clock } from '../../clock';
import type { HubLogger } from '../../log';
import type { ChatService } from './chat-service';
import { publicView } from './chat-service';
import { retryAfterSeconds, TokenBucket, type ChatLimits } from './rate-limit';
import type { VisitorTokens } from './visitor-tokens';
import { keepAlive } from '../../server/socket-heartbeat';
import { frameSender, readJsonFrame, stringField } from '../../server/json-frames';

const MAX_BUFFERED_BYTES = 1024 * 1024;

export interface CustomerSocketDeps {
  service: ChatService;
  tokens: VisitorTokens;
  clock: Clock;
  log: HubLogger;
  /** Shared across sockets (new chats per visitor and per address); the socket's own are made here. */
  limits: ChatLimits;
  remoteAddress: string;
}

export function serveCustomerSocket(ws: WebSocket, deps: CustomerSocketDeps): void {
  const { service, clock } = deps;
  const log = deps.log.child({ socket: 'chat' });
  const frames = new TokenBucket(deps.limits.frames, clock.now());
  const messages = new TokenBucket(deps.limits.messages, clock.now());
  let visitorId: string | null = null;
  let conversationId: string | null = null;
  let detach: (() => void) | null = null;
  let helloPending = false;
  let helloLanguage: ChatLanguage | null = null;

  // The widget resumes from its last seq when it reconnects; nothing is lost by dropping it.
  const send = frameSender<ChatServerFrame>(ws, MAX_BUFFERED_BYTES, (buffered) => log.debug({ buffered }, 'chat widget not reading; closing'));
  const fail = (code: ChatErrorCode, message: string, clientId: string | null = null): void => send({ type: 'error', code, message, clientId });
  const limited = (message: string, retryAfter: number, clientId: string | null = null): void => send({ type: 'error', code: 'rate-limited', message, clientId, retryAfter });
  const failWith = (result: Result<unknown>, clientId: string | null = null): void => {
    if (result.ok) return;
    const code: ChatErrorCode = result.error.code === 'conflict' ? 'closed' : result.error.code === 'bad-request' ? 'bad-form' : 'unavailable';
    fail(code, result.error.message, clientId);
  };

  const follow = (id: string): void => {
    detach?.();
    conversationId = id;
    detach = service.attach(id, { send });
  };

  const onHello = async (frame: Extract<ChatClientFrame, { type: 'hello' }>): Promise<void> => {
    if (frame.protocol !== CHAT_PROTOCOL_VERSION) {
      fail('protocol', `This chat speaks protocol ${CHAT_PROTOCOL_VERSION}; reload the page.`);
      ws.close(4426, 'protocol mismatch');
      return;
    }
    helloLanguage = chatLanguageOf(frame.language);
    const known = frame.visitorToken ? await deps.tokens.verify(frame.visitorToken, clock.now()) : null;
    const id = known ?? deps.tokens.newVisitorId();
    const token = await deps.tokens.issue(id, clock.now());
    if (ws.readyState !== ws.OPEN) return;
    const visitor = service.visitor(id);
    visitorId = id;
    const latest = service.currentConversation(id);
    const conversation = latest ? service.followLanguage(latest, helloLanguage) : null;
    // Synchronous from here on: no message can be stored between the replay and following.
    send({ type: 'welcome', protocol: CHAT_PROTOCOL_VERSION, visitorToken: token, conversation: conversation ? publicView(conversation) : null, topics: service.topics(), profile: service.profile(visitor) });
    if (conversation) {
      for (const message of service.messagesAfter(conversation.id, frame.lastSeq ?? 0)) send({ type: 'message', message });
      follow(conversation.id);
    }
    log.debug({ visitorId: id, returning: known !== null, conversationId }, 'chat visitor connected');
  };

  const onFrame = async (data: RawData, isBinary: boolean): Promise<void> => {
    if (!frames.take(clock.now())) return limited('Too many messages at once; wait a moment.', retryAfterSeconds(frames.waitMs(clock.now())));
    const read = readJsonFrame(data, isBinary, ChatClientFrame);
    if (!read.ok) {
      if (read.problem === 'binary') return fail('bad-frame', 'Frames must be JSON text.');
      if (read.problem === 'not-json') return fail('bad-frame', 'That message could not be read (not JSON).');
      return fail('bad-frame', `That message was not sent: ${read.issue ?? 'unknown shape'}`, stringField(read.json, 'clientId'));
    }
    const frame = read.frame;
    if (frame.type === 'ping') return send({ type: 'pong' });
    if (!visitorId) {
      if (frame.type === 'hello' && !helloPending) {
        helloPending = true;
        return onHello(frame);
      }
      return fail('bad-frame', 'Say hello first.');
    }
    switch (frame.type) {
      case 'hello':
        return fail('bad-frame', 'Already said hello on this connection.');
      case 'start': {
        const allowed = deps.limits.starts.take({ visitor: visitorId, address: deps.remoteAddress }, clock.now());
        if (!allowed.ok) {
          const who = allowed.scope === 'address' ? 'from this network' : 'in a row';
          return limited(`Too many chats started ${who}; try again in ${allowed.retryAfter} s.`, allowed.retryAfter);
        }
        const started = service.startConversation(visitorId, frame.form, helloLanguage);
        if (!started.ok) return failWith(started);
        send({ type: 'conversation', conversation: started.value });
        follow(started.value.id);
        for (const message of service.messagesAfter(started.value.id, 0)) send({ type: 'message', message });
        return;
      }
      case 'message': {
        if (!conversationId) return fail('no-conversation', 'Fill in the form to start a chat first.', frame.clientId);
        if (!messages.take(clock.now())) return limited('You are writing very fast; wait a moment and send again.', retryAfterSeconds(messages.waitMs(clock.now())), frame.clientId);
        return failWith(service.customerMessage(conversationId, frame.clientId, frame.text), frame.clientId);
      }
      case 'typing':
        if (conversationId) service.customerTyping(conversationId, frame.typing);
        return;
      case 'read':
        if (conversationId) service.customerRead(conversationId, frame.upToSeq);
        return;
      case 'leave':
        if (conversationId) service.customerLeft(conversationId);
        return;
      case 'email-transcript': {
        if (!conversationId) return fail('no-conversation', 'Fill in the form to start a chat first.');
        const requested = service.requestTranscript(visitorId, conversationId);
        if (!requested.ok) return fail(requested.error.code === 'bad-request' ? 'no-email' : 'unavailable', requested.error.message);
        return;
      }
    }
  };

  let chain: Promise<void> = Promise.resolve();
  ws.on('message', (data, isBinary) => {
    const size = Array.isArray(data) ? data.reduce((n, b) => n + b.length, 0) : data instanceof ArrayBuffer ? data.byteLength : data.length;
    if (size > CHAT_MAX_FRAME_BYTES) {
      fail('too-large', `That message is too long (limit ${CHAT_MAX_FRAME_BYTES / 1024} KB); shorten it and send again.`);
      return;
    }
    chain = chain
      .then(() => onFrame(data, isBinary))
      .catch((cause: unknown) => {
        log.error({ err: cause }, 'chat frame handling failed');
        fail('unavailable', 'Something went wrong on our side; try again.');
      });
  });

  const stopHeartbeat = keepAlive(ws);

  ws.on('close', () => {
    stopHeartbeat();
    detach?.();
  });
  ws.on('error', (cause) => log.warn({ err: cause }, 'chat socket error'));
}
