/**
 * HTTP digest authentication for SIP (RFC 3261 22, RFC 2617): MD5 with qop=auth, which every
 * SIP phone (SIP.js included) speaks. Nonces are stateless: expiry time + HMAC with the hub's
 * lab key, so the proxy keeps no table of challenges and a restarted hub still accepts nonces it
 * signed. An expired but genuine nonce is answered with `stale=true`, so phones retry at once.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { LabSipCredentials } from './lab-credentials';

export const NONCE_TTL_MS = 5 * 60_000;

export interface DigestCredentials {
  username: string;
  realm: string;
  nonce: string;
  uri: string;
  response: string;
  qop?: string;
  nc?: string;
  cnonce?: string;
  algorithm?: string;
}

export type DigestCheck = 'ok' | 'stale' | 'bad';

const md5 = (text: string): string => createHash('md5').update(text).digest('hex');

/** Parses `Digest username="ana", realm="x", …` (auth-params: token or quoted-string values). */
export function parseDigestCredentials(header: string): DigestCredentials | null {
  const match = /^\s*Digest\s+(.*)$/is.exec(header);
  if (!match?.[1]) return null;
  const params: Record<string, string> = {};
  const re = /([A-Za-z0-9_-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]+))\s*(?:,|$)/gy;
  const rest = match[1].trim();
  let m: RegExpExecArray | null;
  let consumed = 0;
  while ((m = re.exec(rest)) !== null) {
    const key = (m[1] ?? '').toLowerCase();
    params[key] = m[2] !== undefined ? m[2].replace(/\\(.)/g, '$1') : (m[3] ?? '');
    consumed = re.lastIndex;
    while (rest[consumed] === ' ') consumed += 1;
    re.lastIndex = consumed;
  }
  if (consumed < rest.length) return null;
  const { username, realm, nonce, uri, response } = params;
  if (!username || realm === undefined || !nonce || !uri || !response) return null;
  return { username, realm, nonce, uri, response, qop: params.qop, nc: params.nc, cnonce: params.cnonce, algorithm: params.algorithm };
}

export class DigestAuth {
  constructor(
    private readonly realm: string,
    private readonly secrets: LabSipCredentials,
    private readonly now: () => number,
  ) {}

  get realmName(): string {
    return this.realm;
  }

  /** Value of WWW-Authenticate / Proxy-Authenticate. */
  challenge(stale = false): string {
    const expires = (this.now() + NONCE_TTL_MS).toString(36);
    const nonce = `${expires}.${this.secrets.sign('nonce', expires).slice(0, 22)}`;
    return `Digest realm="${this.realm}", nonce="${nonce}", algorithm=MD5, qop="auth"${stale ? ', stale=true' : ''}`;
  }

  /** Checks credentials for `method` against the user's password. */
  verify(credentials: DigestCredentials, method: string, password: string): DigestCheck {
    if (credentials.realm !== this.realm) return 'bad';
    if (credentials.algorithm !== undefined && credentials.algorithm.toUpperCase() !== 'MD5') return 'bad';
    if (credentials.qop !== 'auth' || !credentials.nc || !credentials.cnonce) return 'bad';
    const [expires = '', signature = ''] = credentials.nonce.split('.');
    if (!equal(signature, this.secrets.sign('nonce', expires).slice(0, 22))) return 'bad';
    const ha1 = md5(`${credentials.username}:${this.realm}:${password}`);
    const ha2 = md5(`${method}:${credentials.uri}`);
    const expected = md5(`${ha1}:${credentials.nonce}:${credentials.nc}:${credentials.cnonce}:auth:${ha2}`);
    if (!equal(credentials.response.toLowerCase(), expected)) return 'bad';
    return parseInt(expires, 36) < this.now() ? 'stale' : 'ok';
  }
}

function equal(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
