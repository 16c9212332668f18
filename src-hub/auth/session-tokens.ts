/**
 * Signed session tokens (JWT, HS256 via jose). The signing secret is generated once into the
 * data directory with mode 0600, so tokens survive a hub restart and are never written
 * anywhere else.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { jwtVerify, SignJWT } from 'jose';
import { Role } from '../../src-common/domain';

const SECRET_FILE = 'hub-token-secret';
const ISSUER = 'centralita-hub';
const AUDIENCE = 'centralita-desktop';

export interface TokenClaims {
  userId: string;
  role: Role;
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

export class SessionTokens {
  constructor(
    private readonly secret: Uint8Array,
    private readonly ttlSeconds: number,
  ) {}

  async issue(claims: TokenClaims, nowMs: number): Promise<{ token: string; expiresAt: string }> {
    const iat = Math.floor(nowMs / 1000);
    const exp = iat + this.ttlSeconds;
    const token = await new SignJWT({ role: claims.role })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(claims.userId)
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt(iat)
      .setExpirationTime(exp)
      .sign(this.secret);
    return { token, expiresAt: new Date(exp * 1000).toISOString() };
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
      const role = Role.safeParse(payload.role);
      return payload.sub && role.success ? { userId: payload.sub, role: role.data } : null;
    } catch {
      return null;
    }
  }
}
