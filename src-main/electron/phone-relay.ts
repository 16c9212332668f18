/**
 * Main's side of the phone in Electron: relays PhoneOps from the agent window to the hidden phone
 * window and its answers back, and the phone window's events to the agent window. Both doors are
 * checked: the sender (our page, top frame, the right window) and the payload (zod, PhoneOps /
 * PhonePushEvents), so a compromised agent page cannot send the phone a malformed command and a
 * page that is not the phone window cannot inject calls. Requests made while the phone page is
 * (re)loading wait for it to say ready; none waits forever.
 *
 * It also keeps the live calls it has seen, so the shell knows when closing the agent window
 * would drop a call (it hides the window instead).
 */
import type { IpcMainEvent, IpcMainInvokeEvent, WebContents } from 'electron';
import type { Logger } from 'pino';
import type { Call } from '../../src-common/call';
import type { PhoneEvent } from '../../src-common/phone-contract';
import { PhoneOps, PhonePushEvents, PhoneWindowPush, PhoneWindowReply, type PhoneOpName, type PhonePushEventName, type PhonePushPayload, type PhoneWindowRequest } from '../../src-common/ipc';
import { err, ok, type Result } from '../../src-common/result';
import { allowedPhoneOpNames, PHONE_WINDOW_CHANNELS, phoneOpChannel, phonePushChannel } from './phone-channels';
import { isTrustedIpcSender, senderFactsOf, type IpcSenderEvent } from './ipc-sender';

/** The part of ipcMain the relay uses (a stand-in in tests). */
export interface MainIpc {
  handle(channel: string, handler: (event: IpcMainInvokeEvent, ...args: unknown[]) => Promise<unknown>): void;
  removeHandler(channel: string): void;
  on(channel: string, listener: (event: IpcMainEvent, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: IpcMainEvent, ...args: unknown[]) => void): unknown;
}

export interface PhoneRelayDeps {
  ipc: MainIpc;
  /** The hidden phone window's contents, null while it does not exist. */
  phoneContents: () => WebContents | null;
  /** Agent windows allowed to drive the phone and hear its events. */
  agentContents: () => readonly WebContents[];
  log: Logger;
  requestTimeoutMs?: number;
}

function firstIssue(error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] }): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid parameters';
  const at = issue.path.map(String).join('.');
  return at ? `${at}: ${issue.message}` : issue.message;
}

interface Pending {
  op: PhoneOpName;
  resolve: (result: Result<unknown>) => void;
  timer: ReturnType<typeof setTimeout>;
}

export class PhoneRelay {
  private nextId = 1;
  private ready = false;
  private readonly pending = new Map<number, Pending>();
  /** Requests waiting for the phone page to load. */
  private waiting: PhoneWindowRequest[] = [];
  private readonly calls = new Map<string, Call>();
  private readonly timeoutMs: number;
  private readonly onReady = (event: IpcMainEvent): void => this.handleReady(event);
  private readonly onReply = (event: IpcMainEvent, reply: unknown): void => this.handleReply(event, reply);
  private readonly onPush = (event: IpcMainEvent, push: unknown): void => this.handlePush(event, push);

  constructor(private readonly deps: PhoneRelayDeps) {
    this.timeoutMs = deps.requestTimeoutMs ?? 30_000;
  }

  /** Registers the handlers; returns the function that removes them (on quit). */
  register(): () => void {
    const { ipc } = this.deps;
    for (const op of allowedPhoneOpNames()) {
      ipc.handle(phoneOpChannel(op), async (event, params: unknown) => this.handleAgentRequest(op, event, params));
    }
    ipc.on(PHONE_WINDOW_CHANNELS.ready, this.onReady);
    ipc.on(PHONE_WINDOW_CHANNELS.reply, this.onReply);
    ipc.on(PHONE_WINDOW_CHANNELS.push, this.onPush);
    return () => {
      for (const op of allowedPhoneOpNames()) ipc.removeHandler(phoneOpChannel(op));
      ipc.removeListener(PHONE_WINDOW_CHANNELS.ready, this.onReady);
      ipc.removeListener(PHONE_WINDOW_CHANNELS.reply, this.onReply);
      ipc.removeListener(PHONE_WINDOW_CHANNELS.push, this.onPush);
      this.failAll('The phone is shutting down.');
    };
  }

  /** Calls not yet ended, as the phone window last reported them. */
  liveCalls(): Call[] {
    return [...this.calls.values()];
  }

  /**
   * The phone page is gone (crash, reload): its calls and pending answers are gone with it. The
   * agent window is told, so it never shows a call nobody holds any more.
   */
  phoneWindowLost(now: Date = new Date()): void {
    this.ready = false;
    const lost = [...this.calls.values()];
    this.calls.clear();
    this.failAll('The phone restarted; try again.');
    for (const call of lost) {
      const ended: Call = { ...call, state: 'ended', holdPending: false, conferenceWith: null, endedAt: now.toISOString(), endReason: 'failed', sipCode: null };
      this.toAgents('phone', { type: 'call-updated', call: ended });
      this.toAgents('phone', { type: 'call-removed', callId: call.id });
    }
    if (lost.length > 0) this.deps.log.error({ calls: lost.length }, 'phone window restarted during calls; they are lost');
  }

  private toAgents<K extends PhonePushEventName>(name: K, payload: PhonePushPayload<K>): void {
    for (const contents of this.deps.agentContents()) {
      if (!contents.isDestroyed()) contents.send(phonePushChannel(name), payload);
    }
  }

  private async handleAgentRequest(op: PhoneOpName, event: IpcSenderEvent, params: unknown): Promise<Result<unknown>> {
    const facts = senderFactsOf(event);
    const trusted = new Set(this.deps.agentContents().filter((contents) => !contents.isDestroyed()).map((contents) => contents.id));
    if (!isTrustedIpcSender(facts, trusted)) {
      this.deps.log.warn({ op, senderId: facts.senderId, frameUrl: facts.frameUrl }, 'phone request refused: untrusted sender');
      return err('forbidden', 'This window may not use the phone.');
    }
    const parsed = PhoneOps[op].params.safeParse(params);
    if (!parsed.success) {
      this.deps.log.warn({ op, issue: firstIssue(parsed.error) }, 'phone request refused: invalid params');
      return err('bad-request', `${op}: ${firstIssue(parsed.error)}`);
    }
    return this.request(op, parsed.data);
  }

  private request(op: PhoneOpName, params: unknown): Promise<Result<unknown>> {
    const request: PhoneWindowRequest = { id: this.nextId++, op, params };
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.pending.delete(request.id);
        this.waiting = this.waiting.filter((queued) => queued.id !== request.id);
        this.deps.log.warn({ op }, 'phone window did not answer in time');
        resolve(err('unavailable', 'The phone did not answer; it may be restarting.'));
      }, this.timeoutMs);
      this.pending.set(request.id, { op, resolve, timer });
      if (this.ready) this.send(request);
      else this.waiting.push(request);
    });
  }

  private send(request: PhoneWindowRequest): void {
    const contents = this.deps.phoneContents();
    if (!contents || contents.isDestroyed()) {
      this.settle(request.id, err('unavailable', 'The phone is not running.'));
      return;
    }
    contents.send(PHONE_WINDOW_CHANNELS.request, request);
  }

  /** True when the message comes from the phone window's own page, top frame. */
  private fromPhoneWindow(event: IpcSenderEvent, what: string): boolean {
    const contents = this.deps.phoneContents();
    const facts = senderFactsOf(event);
    if (contents && isTrustedIpcSender(facts, new Set([contents.id]))) return true;
    this.deps.log.warn({ what, senderId: facts.senderId, frameUrl: facts.frameUrl }, 'phone window message refused: untrusted sender');
    return false;
  }

  private handleReady(event: IpcMainEvent): void {
    if (!this.fromPhoneWindow(event, 'ready')) return;
    this.ready = true;
    const queued = this.waiting;
    this.waiting = [];
    for (const request of queued) this.send(request);
  }

  private handleReply(event: IpcMainEvent, raw: unknown): void {
    if (!this.fromPhoneWindow(event, 'reply')) return;
    const reply = PhoneWindowReply.safeParse(raw);
    if (!reply.success) {
      this.deps.log.error({ issue: firstIssue(reply.error) }, 'unreadable reply from the phone window');
      return;
    }
    const pending = this.pending.get(reply.data.id);
    if (!pending) return;
    if (!reply.data.result.ok) {
      this.settle(reply.data.id, { ok: false, error: reply.data.result.error });
      return;
    }
    const value = PhoneOps[pending.op].result.safeParse(reply.data.result.value);
    if (!value.success) {
      this.deps.log.error({ op: pending.op, issue: firstIssue(value.error) }, 'phone window answered with an unexpected value');
      this.settle(reply.data.id, err('internal', 'The phone answered something unexpected.'));
      return;
    }
    this.settle(reply.data.id, ok(value.data));
  }

  private handlePush(event: IpcMainEvent, raw: unknown): void {
    if (!this.fromPhoneWindow(event, 'push')) return;
    const push = PhoneWindowPush.safeParse(raw);
    const payload = push.success ? PhonePushEvents[push.data.name].safeParse(push.data.payload) : null;
    if (!push.success || !payload?.success) {
      this.deps.log.error('unreadable event from the phone window');
      return;
    }
    if (push.data.name === 'phone') this.followCalls(payload.data as PhoneEvent);
    this.toAgents(push.data.name, payload.data);
  }

  private followCalls(event: PhoneEvent): void {
    if (event.type === 'incoming-call' || event.type === 'call-updated') {
      if (event.call.state === 'ended') this.calls.delete(event.call.id);
      else this.calls.set(event.call.id, event.call);
    } else if (event.type === 'call-removed') this.calls.delete(event.callId);
  }

  private settle(id: number, result: Result<unknown>): void {
    const pending = this.pending.get(id);
    if (!pending) return;
    clearTimeout(pending.timer);
    this.pending.delete(id);
    pending.resolve(result);
  }

  private failAll(message: string): void {
    for (const id of [...this.pending.keys()]) this.settle(id, err('unavailable', message));
    this.waiting = [];
  }
}
