/**
 * The grants of voice supervision: a payload (who supervises whom, which item, which mode, until
 * when, a one-time id) signed with HMAC-SHA-256 under a key derived from the hub's secret for this
 * purpose only, so a grant can never pass as a session token nor the other way round. The hub
 * signs and the hub checks (the agent's desktop presents what its phone received), so replay is
 * refused centrally: a one-time id is spent on its first use and remembered until it expires.
 *
 * Signing is synchronous (node:crypto) because desktop ops run inside one SQLite transaction.
 */
import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { err, ok, type Result } from '../../src-common/result';
import { SupervisionStep } from '../../src-common/voice-supervision';

const GrantPayload = z.object({
  v: z.literal(1),
  jti: z.string().uuid(),
  supervisorId: z.string().min(1),
  agentId: z.string().min(1),
  itemId: z.string().min(1),
  mode: SupervisionStep,
  /** Expiry, ms since the epoch. */
  exp: z.number().int(),
});
export type GrantPayload = z.infer<typeof GrantPayload>;

const KEY_PURPOSE = 'centralita voice supervision grant v1';

export class VoiceGrants {
  private readonly key: Buffer;
  /** Spent one-time ids, each kept until its grant would have expired anyway. */
  private readonly spent = new Map<string, number>();

  constructor(secret: Uint8Array) {
    this.key = createHmac('sha256', secret).update(KEY_PURPOSE).digest();
  }

  issue(fields: Omit<GrantPayload, 'v' | 'jti' | 'exp'>, nowMs: number, ttlSeconds: number): { grant: string; payload: GrantPayload } {
    const payload: GrantPayload = { v: 1, jti: randomUUID(), ...fields, exp: nowMs + ttlSeconds * 1000 };
    const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
    return { grant: `${body}.${this.sign(body)}`, payload };
  }

  /**
   * The payload of a genuine, unexpired, unspent grant for `agentId`, and spends it. Every
   * refusal says why, for the audit log: forged (bad signature or shape), expired, replayed,
   * or meant for another agent.
   */
  redeem(grant: string, agentId: string, nowMs: number): Result<GrantPayload> {
    this.forgetExpired(nowMs);
    const [body = '', signature = ''] = grant.split('.');
    const expected = Buffer.from(this.sign(body));
    const given = Buffer.from(signature);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return err('forbidden', 'The supervision grant is not signed by this hub.');
    let decoded: unknown;
    try {
      decoded = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
    } catch {
      return err('forbidden', 'The supervision grant cannot be read.');
    }
    const parsed = GrantPayload.safeParse(decoded);
    if (!parsed.success) return err('forbidden', 'The supervision grant cannot be read.');
    const payload = parsed.data;
    if (payload.exp <= nowMs) return err('forbidden', 'The supervision grant has expired.');
    if (this.spent.has(payload.jti)) return err('forbidden', 'The supervision grant was already used.');
    if (payload.agentId !== agentId) return err('forbidden', 'The supervision grant is for another agent.');
    this.spent.set(payload.jti, payload.exp);
    return ok(payload);
  }

  private sign(body: string): string {
    return createHmac('sha256', this.key).update(body).digest('base64url');
  }

  private forgetExpired(nowMs: number): void {
    for (const [jti, exp] of this.spent) if (exp <= nowMs) this.spent.delete(jti);
  }
}
