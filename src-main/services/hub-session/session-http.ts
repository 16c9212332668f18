/**
 * The hub's session endpoints as the desktop calls them: login, refresh (spend the refresh
 * token for a new pair) and logout (end the session on the hub). Answers are validated with the
 * protocol's schemas; the tokens never leave main services.
 */
import { LOGIN_PATH, LoginResponse, LOGOUT_PATH, TOKEN_REFRESH_PATH, TokenRefreshRefusal, TokenRefreshResponse, type SessionEndReason } from '../../../src-common/protocol';
import { err, ok, type AppError, type Result } from '../../../src-common/result';

export type RefreshAnswer =
  | { kind: 'refreshed'; value: TokenRefreshResponse }
  /** The hub ended the session: sign in again. */
  | { kind: 'refused'; error: AppError; ended: SessionEndReason }
  /** The hub could not be asked (network, restart): try again later with the same token. */
  | { kind: 'unavailable' };

export async function postRefresh(hubUrl: string, refreshToken: string, timeoutMs: number): Promise<RefreshAnswer> {
  let response: Response;
  try {
    response = await fetch(new URL(TOKEN_REFRESH_PATH, hubUrl), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ refreshToken }),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch {
    return { kind: 'unavailable' };
  }
  const json: unknown = await response.json().catch(() => null);
  if (response.ok) {
    const parsed = TokenRefreshResponse.safeParse(json);
    return parsed.success ? { kind: 'refreshed', value: parsed.data } : { kind: 'unavailable' };
  }
  const refusal = TokenRefreshRefusal.safeParse(json);
  if (response.status === 401 && refusal.success) return { kind: 'refused', error: refusal.data.error, ended: refusal.data.ended };
  return { kind: 'unavailable' };
}

/** Ends the session on the hub; false when the hub could not be told (it then expires on its own). */
export async function postLogout(hubUrl: string, accessToken: string, refreshToken: string, timeoutMs: number): Promise<boolean> {
  try {
    const response = await fetch(new URL(LOGOUT_PATH, hubUrl), {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` },
      body: JSON.stringify({ refreshToken }),
      signal: AbortSignal.timeout(timeoutMs),
    });
    return response.status === 204 || response.status === 401;
  } catch {
    return false;
  }
}

export function normaliseHubUrl(raw: string): string | null {
  try {
    const url = new URL(raw.trim());
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    return url.origin;
  } catch {
    return null;
  }
}

export async function postLogin(hubUrl: string, username: string, password: string, timeoutMs: number): Promise<Result<LoginResponse>> {
  let response: Response;
  try {
    response = await fetch(new URL(LOGIN_PATH, hubUrl), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch {
    return err('unavailable', `Cannot reach the hub at ${hubUrl}. Check the address and your network.`);
  }
  if (response.status === 401 || response.status === 403) return err('unauthenticated', 'Wrong username or password.');
  if (response.status === 429) return err('rate-limited', 'Too many sign-in attempts; wait a minute and try again.');
  if (!response.ok) return err('unavailable', `The hub could not sign you in (HTTP ${response.status}).`);
  const parsed = LoginResponse.safeParse(await response.json().catch(() => null));
  if (!parsed.success) return err('internal', 'The hub sent a sign-in answer this desktop does not understand.');
  return ok(parsed.data);
}
