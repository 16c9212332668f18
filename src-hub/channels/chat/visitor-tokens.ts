/**
 * A returning browser is recognised by a signed visitor token (JWT, HS256, jose) the widget
 * keeps in localStorage. It reuses the hub's token secret with its own audience, so a visitor
 * token can never pass as a desktop session token nor the other way round.
 */
import { randomUUID } from 'node:crypto';
import { jwtVerify, SignJWT } from 'jose';

const ISSUER = 'centralita-hub';
const AUDIENCE = 'centralita-chat-visitor';
const TTL_SECONDS = 180 * 24 * 3600;

export class VisitorTokens {
  constructor(private readonly secret: Uint8Array) {}

  newVisitorId(): string {
    return `v-${randomUUID()}`;
  }

  async issue(visitorId: string, nowMs: number): Promise<string> {
    const iat = Math.floor(nowMs / 1000);
    return new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(visitorId)
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt(iat)
      .setExpirationTime(iat + TTL_SECONDS)
      .sign(this.secret);
  }

  /** The visitor id of a valid token; null for a forged, expired or foreign one. */
  async verify(token: string, nowMs: number): Promise<string | null> {
    try {
      const { payload } = await jwtVerify(token, this.secret, { issuer: ISSUER, audience: AUDIENCE, algorithms: ['HS256'], currentDate: new Date(nowMs) });
      return typeof payload.sub === 'string' && /^v-[0-9a-f-]{36}$/.test(payload.sub) ? payload.sub : null;
    } catch {
      return null;
    }
  }
}
