/**
 * Token buckets for the public chat endpoints. A customer is limited as a person: per visitor
 * (the signed visitor token) and per conversation, so one hurried customer waits without
 * slowing anyone else. The remote address only has a ceiling far above that, since a whole
 * office or a mobile carrier may share one address; it still stops a flood of fresh visitor
 * tokens from one machine. Refusals say how long to wait (Retry-After).
 */
import type { ChatConfig } from '../../../src-common/chat-config';

export interface BucketPolicy {
  /** Burst size. */
  capacity: number;
  /** Tokens added per second. */
  refillPerSecond: number;
}

export class TokenBucket {
  private tokens: number;
  private updatedAt: number;

  constructor(
    private readonly policy: BucketPolicy,
    now: number,
  ) {
    this.tokens = policy.capacity;
    this.updatedAt = now;
  }

  /** Takes one token if there is one. */
  take(now: number): boolean {
    this.refill(now);
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }

  /** Milliseconds until a token is there (0 when one is there now). */
  waitMs(now: number): number {
    this.refill(now);
    return this.tokens >= 1 ? 0 : Math.ceil(((1 - this.tokens) / this.policy.refillPerSecond) * 1000);
  }

  /** True once the bucket is full again, so its key may be forgotten. */
  full(now: number): boolean {
    this.refill(now);
    return this.tokens >= this.policy.capacity;
  }

  private refill(now: number): void {
    const elapsed = Math.max(0, now - this.updatedAt) / 1000;
    this.tokens = Math.min(this.policy.capacity, this.tokens + elapsed * this.policy.refillPerSecond);
    this.updatedAt = now;
  }
}

const MAX_KEYS = 100_000;

/** One bucket per key (a visitor, a conversation, an address), forgetting keys once full again. */
export class KeyedBuckets {
  private readonly buckets = new Map<string, TokenBucket>();
  private lastSweep = 0;

  constructor(private readonly policy: BucketPolicy) {}

  take(key: string, now: number): boolean {
    return this.bucket(key, now).take(now);
  }

  waitMs(key: string, now: number): number {
    return this.buckets.get(key)?.waitMs(now) ?? 0;
  }

  private bucket(key: string, now: number): TokenBucket {
    if (now - this.lastSweep > 60_000) {
      this.lastSweep = now;
      for (const [k, b] of this.buckets) if (b.full(now)) this.buckets.delete(k);
      // Memory stays bounded even under a flood of fresh keys; forgetting only forgives.
      if (this.buckets.size > MAX_KEYS) this.buckets.clear();
    }
    let bucket = this.buckets.get(key);
    if (!bucket) this.buckets.set(key, (bucket = new TokenBucket(this.policy, now)));
    return bucket;
  }
}

export type LimitScope = 'visitor' | 'user' | 'conversation' | 'address';
export type LimitKeys = Partial<Record<LimitScope, string>>;
/** `retryAfter`: whole seconds until the request would pass. */
export type LimitVerdict = { ok: true } | { ok: false; scope: LimitScope; retryAfter: number };

/**
 * Several keyed limits on one action (e.g. a chat start: per visitor and per address). A
 * request passes only if every layer it names has a token, and then takes one from each; a
 * refused request takes none, so a visitor stopped by the address ceiling keeps their own.
 */
export class LayeredLimit {
  private readonly layers: ReadonlyArray<readonly [LimitScope, KeyedBuckets]>;

  constructor(policies: Partial<Record<LimitScope, BucketPolicy>>) {
    this.layers = Object.entries(policies).map(([scope, policy]) => [scope as LimitScope, new KeyedBuckets(policy)] as const);
  }

  take(keys: LimitKeys, now: number): LimitVerdict {
    let worst: { scope: LimitScope; waitMs: number } | null = null;
    for (const [scope, buckets] of this.layers) {
      const key = keys[scope];
      if (key === undefined) continue;
      const waitMs = buckets.waitMs(key, now);
      if (waitMs > 0 && (!worst || waitMs > worst.waitMs)) worst = { scope, waitMs };
    }
    if (worst) return { ok: false, scope: worst.scope, retryAfter: retryAfterSeconds(worst.waitMs) };
    for (const [scope, buckets] of this.layers) {
      const key = keys[scope];
      if (key !== undefined) buckets.take(key, now);
    }
    return { ok: true };
  }
}

/** Whole seconds for Retry-After, never 0 (0 would invite an immediate retry that fails again). */
export function retryAfterSeconds(waitMs: number): number {
  return Math.max(1, Math.ceil(waitMs / 1000));
}

/** Frames of any kind per socket (typing, read, ping…): generous, it only stops floods. */
export const FRAME_LIMIT: BucketPolicy = { capacity: 60, refillPerSecond: 10 };

export interface ChatLimits {
  /** Per socket. */
  messages: BucketPolicy;
  /** Per socket. */
  frames: BucketPolicy;
  /** New chats: per visitor, and a ceiling per address. */
  starts: LayeredLimit;
  /** New widget sockets: a ceiling per address (a socket names no visitor until its hello). */
  connections: LayeredLimit;
  /** Files: per visitor or agent, per conversation, and a ceiling per address for visitors. */
  uploads: LayeredLimit;
}

const perMinute = (capacity: number, perMinuteRate: number): BucketPolicy => ({ capacity, refillPerSecond: perMinuteRate / 60 });

export function chatLimits(config: ChatConfig): ChatLimits {
  return {
    messages: perMinute(config.messageBurst, config.messagesPerMinute),
    frames: FRAME_LIMIT,
    starts: new LayeredLimit({
      visitor: perMinute(config.startsPerVisitorBurst, config.startsPerVisitorPerMinute),
      address: perMinute(config.startsPerAddressBurst, config.startsPerAddressPerMinute),
    }),
    connections: new LayeredLimit({ address: { capacity: config.socketsPerAddressBurst, refillPerSecond: config.socketsPerAddressPerSecond } }),
    uploads: new LayeredLimit({
      visitor: perMinute(config.uploadsPerVisitorBurst, config.uploadsPerVisitorPerMinute),
      user: perMinute(config.uploadsPerVisitorBurst, config.uploadsPerVisitorPerMinute),
      conversation: perMinute(config.uploadsPerConversationBurst, config.uploadsPerConversationPerMinute),
      address: perMinute(config.uploadsPerAddressBurst, config.uploadsPerAddressPerMinute),
    }),
  };
}
