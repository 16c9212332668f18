/**
 * Which links may leave the app for the system browser. Only plain web links qualify:
 * javascript:, file:, data:, custom schemes and anything with credentials could run code or
 * reach local resources, so they are never handed to the OS.
 */
const EXTERNAL_SCHEMES = new Set(['https:', 'http:']);

/** The normalised URL to open externally, or null when it must not be opened. */
export function externalUrlToOpen(raw: string): string | null {
  if (raw.length > 2048) return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (!EXTERNAL_SCHEMES.has(url.protocol)) return null;
  if (url.username !== '' || url.password !== '' || url.hostname === '') return null;
  return url.href;
}
