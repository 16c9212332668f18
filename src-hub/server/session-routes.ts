/**
 * HTTP routes of a sign-in session after login: refresh (rotate the refresh token, get a new
 * access token) and logout (end the session on the hub). Also the Bearer-token checks every
 * other hub route uses, which read the caller's current role and state from the store.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Role } from '../../src-common/domain';
import { LogoutRequest, TokenRefreshRequest, type TokenRefreshRefusal } from '../../src-common/protocol';
import { err, type Result } from '../../src-common/result';
import type { AuthenticatedUser, Authenticator, Sessions } from '../auth/sessions';
import { sendError, sendJson } from './http-replies';
import { readJson } from './http-request';

const MAX_BODY_BYTES = 4 * 1024;

export function bearerToken(req: IncomingMessage): string | null {
  return /^Bearer (.+)$/i.exec(req.headers.authorization ?? '')?.[1] ?? null;
}

/** The caller of an HTTP route, who must hold one of `roles` now (not when the token was made). */
export async function authorize(sessions: Authenticator, req: IncomingMessage, roles: readonly Role[], refusal: string): Promise<Result<AuthenticatedUser>> {
  const token = bearerToken(req);
  if (!token) return err('unauthenticated', 'Sign in first.');
  const caller = await sessions.authenticate(token);
  if (!caller.ok) return caller;
  return roles.includes(caller.value.role) ? caller : err('forbidden', refusal);
}

export async function refreshRoute(sessions: Sessions, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const body = await readJson(req, MAX_BODY_BYTES);
  if (!body.ok) return sendError(res, body.error, body.status);
  const parsed = TokenRefreshRequest.safeParse(body.value);
  if (!parsed.success) return sendError(res, { code: 'bad-request', message: 'Give the refresh token.' });
  const outcome = await sessions.refresh(parsed.data.refreshToken);
  if (outcome.ok) return sendJson(res, 200, outcome.value);
  const refusal: TokenRefreshRefusal = { error: outcome.error, ended: outcome.ended };
  sendJson(res, 401, refusal);
}

export async function logoutRoute(sessions: Sessions, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const raw = await readJson(req, MAX_BODY_BYTES);
  // An empty body is a logout by access token alone.
  const parsed = LogoutRequest.safeParse(raw.ok ? raw.value : {});
  if (!parsed.success) return sendError(res, { code: 'bad-request', message: 'The logout body may only carry the refresh token.' });
  const ended = await sessions.logout(bearerToken(req), parsed.data.refreshToken ?? null);
  if (!ended) return sendError(res, { code: 'unauthenticated', message: 'This session is unknown to the hub.' });
  res.writeHead(204, { 'cache-control': 'no-store' });
  res.end();
}
