/**
 * Where the shell's own pages live. The renderer is served from a custom privileged scheme
 * (app://centralita/...) instead of file:// so it has a real, fixed origin: CSP 'self', IPC
 * sender checks and navigation locks can all compare against one value.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'centralita';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

export const MAIN_PAGE_URL = `${APP_ORIGIN}/index.html`;
/** The hidden phone window's page; a built-in placeholder is served until the voice issue ships phone.html. */
export const PHONE_PAGE_URL = `${APP_ORIGIN}/phone.html`;

/**
 * True when `url` is one of our own pages. Compares scheme and host rather than URL.origin:
 * WHATWG URL gives non-special schemes such as app: the opaque origin "null".
 */
export function isAppUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST && parsed.username === '' && parsed.password === '' && parsed.port === '';
}
