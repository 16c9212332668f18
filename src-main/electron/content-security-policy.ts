/**
 * The shell's Content-Security-Policy. The renderer talks to main only over IPC, so it needs
 * no network at all: everything comes from our own origin and nothing may be framed, posted
 * or injected. Media (the softphone) is local capture plus WebRTC, which CSP does not gate.
 */
import { PHONE_PAGE_URL } from './app-origin';

const DIRECTIVES: ReadonlyArray<readonly [string, readonly string[]]> = [
  ['default-src', ["'none'"]],
  ['script-src', ["'self'"]],
  // React writes styles through the CSSOM (not blocked by CSP); stylesheets are bundled files.
  ['style-src', ["'self'"]],
  // Remote images appear only in a customer's HTML mail, and only after the agent allows them
  // for that message: the sanitiser holds them back and the mail's frame has its own stricter CSP.
  ['img-src', ["'self'", 'data:', 'https:', 'http:']],
  ['font-src', ["'self'"]],
  ['connect-src', ["'self'"]],
  ['media-src', ["'self'", 'blob:']],
  ['worker-src', ["'self'"]],
  ['object-src', ["'none'"]],
  ['base-uri', ["'none'"]],
  ['form-action', ["'none'"]],
  ['frame-src', ["'none'"]],
  ['frame-ancestors', ["'none'"]],
];

export const CONTENT_SECURITY_POLICY = DIRECTIVES.map(([name, sources]) => `${name} ${sources.join(' ')}`).join('; ');

/**
 * The hidden phone window's policy: the same, except that SIP over WebSocket must reach the SIP
 * server the hub provisions (any host, ws: or wss:). Only the phone page gets it.
 */
export const PHONE_CONTENT_SECURITY_POLICY = DIRECTIVES.map(([name, sources]) =>
  `${name} ${(name === 'connect-src' ? [...sources, 'ws:', 'wss:'] : sources).join(' ')}`,
).join('; ');

/** Extra headers every response to our windows carries, CSP first. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
};

/**
 * Returns response headers with our security headers forced in. Any header of the same name
 * (in any letter case) sent by the server is dropped, so a response cannot loosen the policy.
 */
export function withSecurityHeaders(headers: Record<string, string[]> | undefined, url?: string): Record<string, string[]> {
  const security = url !== undefined ? securityHeadersFor(url) : SECURITY_HEADERS;
  const forced = new Set(Object.keys(security).map((name) => name.toLowerCase()));
  const result: Record<string, string[]> = {};
  for (const [name, values] of Object.entries(headers ?? {})) {
    if (!forced.has(name.toLowerCase())) result[name] = values;
  }
  for (const [name, value] of Object.entries(security)) result[name] = [value];
  return result;
}

/** The security headers for one of our URLs: the phone page's CSP for it, the strict one for the rest. */
export function securityHeadersFor(url: string): Readonly<Record<string, string>> {
  const isPhonePage = url.split(/[?#]/)[0] === PHONE_PAGE_URL;
  return isPhonePage ? { ...SECURITY_HEADERS, 'Content-Security-Policy': PHONE_CONTENT_SECURITY_POLICY } : SECURITY_HEADERS;
}
