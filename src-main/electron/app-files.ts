/**
 * Maps app://centralita/<path> to a file inside the bundled renderer folder. Anything that
 * would leave that folder (.., encoded separators, another host) resolves to null, so the
 * protocol handler can never serve the rest of the disk.
 */
import { resolveRendererFile } from '../services/static/renderer-files';
import { APP_HOST, APP_SCHEME } from './app-origin';

export { contentTypeFor } from '../services/static/renderer-files';

/** Absolute path of the file `requestUrl` names inside `root`, or null when it is not ours. */
export function resolveAppFile(root: string, requestUrl: string): string | null {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return null;
  return resolveRendererFile(root, url.pathname);
}
