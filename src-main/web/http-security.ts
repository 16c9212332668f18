/**
 * Security of the loopback web host: a per-launch secret (only the page we open knows it),
 * an Origin check on the bridge (other sites in the same browser cannot drive an agent's
 * session), a Host check (DNS rebinding), and a strict CSP on every response.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

export function newLaunchSecret(): string {
  return randomBytes(32).toString('base64url');
}

export function secretMatches(given: string | null, expected: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  // Remote images: only in a customer's HTML mail, once the agent allows them (see the shell's CSP).
  "img-src 'self' data: https: http:",
  "font-src 'self'",
  "media-src 'self' blob:",
  "connect-src 'self' ws://127.0.0.1:*",
  "worker-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
].join('; ');

export function applySecurityHeaders(res: ServerResponse): void {
  res.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  // The page URL carries the launch secret: never leak it in a Referer.
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
  res.setHeader('Permissions-Policy', 'microphone=(self), camera=(), geolocation=()');
}

/** A request is ours only if it names our own host: blocks DNS-rebinding pages. */
export function hostMatches(req: IncomingMessage, ownHost: string): boolean {
  return req.headers.host === ownHost;
}
