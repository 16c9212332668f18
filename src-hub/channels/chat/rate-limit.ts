/**
 * Token buckets for the public widget endpoint: per socket (messages, typing) and per remote
 * address (new connections, new chats), so one browser cannot flood agents or the database.
 */
import type { ChatConfig } from '../../../src-common/hub-config';

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
    const elapsed = Math.max(0, now - this.updatedAt) / 1000;
    this.tokens = Math.min(this.policy.capacity, this.tokens + elapsed * this.policy.refillPerSecond);
    this.updatedAt = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}

/** One bucket per key (e.g. remote address), forgetting keys idle long enough to be full again. */
export class KeyedBuckets {
  private readonly buckets = new Map<string, TokenBucket>();
  private lastSweep = 0;

  constructor(private readonly policy: BucketPolicy) {}

  take(key: string, now: number): boolean {
    if (now - this.lastSweep > 60_000) {
      this.lastSweep = now;
      if (this.buckets.size > 10_000) this.buckets.clear();
    }
    let bucket = this.buckets.get(key);
    if (!bucket) this.buckets.set(key, (bucket = new TokenBucket(this.policy, now)));
    return bucket.take(now);
  }
}

/** Frames of any kind per socket (typing, read, ping…): generous, it only stops floods. */
export const FRAME_LIMIT: BucketPolicy = { capacity: 60, refillPerSecond: 10 };

export interface ChatLimits {
  messages: BucketPolicy;
  frames: BucketPolicy;
  starts: BucketPolicy;
  connections: BucketPolicy;
}

export function chatLimits(config: ChatConfig): ChatLimits {
  return {
    messages: { capacity: config.messageBurst, refillPerSecond: config.messagesPerMinute / 60 },
    frames: FRAME_LIMIT,
    starts: { capacity: config.startsPerAddressBurst, refillPerSecond: config.startsPerAddressPerMinute / 60 },
    connections: { capacity: config.socketsPerAddressBurst, refillPerSecond: config.socketsPerAddressPerSecond },
  };
}
