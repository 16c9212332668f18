/**
 * Live updates to connected desktops: derived state (the queue backlog, a customer typing) that
 * is only worth something now. Unlike EventStream nothing is numbered, stored or replayed; a
 * desktop that was away gets fresh values when it comes back, not the history it missed.
 */
import type { LiveUpdate } from '../../src-common/protocol';

export interface LiveSubscriber {
  userId: string;
  deliver(update: LiveUpdate, at: string): void;
}

export class LiveStream {
  private readonly subscribers = new Set<LiveSubscriber>();
  private readonly joinHooks = new Set<(sub: LiveSubscriber) => void>();

  /** To every connected desktop of this user; nobody connected, nobody told. */
  send(userId: string, update: LiveUpdate, at: string): void {
    for (const sub of this.subscribers) if (sub.userId === userId) sub.deliver(update, at);
  }

  /** Users with at least one desktop connected now. */
  connectedUsers(): Set<string> {
    return new Set([...this.subscribers].map((s) => s.userId));
  }

  /** A newly connected desktop is handed the current values at once by each hook. */
  onJoin(hook: (sub: LiveSubscriber) => void): void {
    this.joinHooks.add(hook);
  }

  subscribe(sub: LiveSubscriber): () => void {
    this.subscribers.add(sub);
    for (const hook of this.joinHooks) hook(sub);
    return () => this.subscribers.delete(sub);
  }
}
