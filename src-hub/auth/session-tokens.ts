/**
 * Signed access tokens (JWT, HS256 via jose). The signing secret is generated once into the
 * data directory with mode 0600, so tokens survive a hub restart and are never written
 * anywhere else.
 *
 * A token says who (`sub`) and which sign-in session (`sid`), nothing more: no role. What the
 * user may do is read from the hub's store on every use, and the session must still be open
 * there (auth/sessions.ts), so a role change, a disabled user or a logout applies at once.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { jwtVerify, SignJWT } from 'jose';

const SECRET_FILE = 'hub-token-secret';
const ISSUER = 'centralita-hub';
const AUDIENCE = 'centralita-desktop';

export interface TokenClaims {
  userId: string;
  sessionId: string;
}

export function loadOrCreateSecret(dataDir: string): Uint8Array {
  const file = path.join(dataDir, SECRET_FILE);
  if (!existsSync(file)) {
    writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600, flag: 'wx' });
  }
  // Tighten permissions even if someone copied the file in with a looser mode.
  chmodSync(file, 0o600);
  return Buffer.from(readFileSync(file, 'utf8').trim(), 'hex');
}

export class AccessTokens {
  constructor(
    private readonly secret: Uint8Array,
    private readonly ttlSeconds: number,
  ) {}

  async issue(claims: TokenClaims, nowMs: number): Promise<{ token: string; expiresAt: string; expiresInSeconds: number }> {
    const iat = Math.floor(nowMs / 1000);
    const exp = iat + this.ttlSeconds;
    const token = await new SignJWT({ sid: claims.sessionId })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(claims.userId)
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt(iat)
      .setExpirationTime(exp)
      .sign(this.secret);
    return { token, expiresAt: new Date(exp * 1000).toISOString(), expiresInSeconds: this.ttlSeconds };
  }

  /** Claims of a valid, unexpired token; null otherwise. */
  async verify(token: string, nowMs: number): Promise<TokenClaims | null> {
    try {
      const { payload } = await jwtVerify(token, this.secret, {
        issuer: ISSUER,
        audience: AUDIENCE,
        algorithms: ['HS256'],
        currentDate: new Date(nowMs),
      });
      const sid = payload.sid;
      return payload.sub && typeof sid === 'string' && sid ? { userId: payload.sub, sessionId: sid } : null;
    } catch {
      return null;
    }
  }
}
