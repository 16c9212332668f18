/**
 * Serves the built renderer (dist/renderer) read-only: GET/HEAD only, no directory listing,
 * no path escaping the folder, explicit content types.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { contentTypeFor, resolveRendererFile } from '../services/static/renderer-files';

export { contentTypeFor };

/** Maps a URL path to a file inside `root`, or null when it would escape it. */
export function resolveStaticPath(root: string, urlPath: string): string | null {
  return resolveRendererFile(root, urlPath);
}

export async function serveStatic(root: string, urlPath: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const file = resolveStaticPath(root, urlPath);
  if (!file) return sendText(res, 400, 'Bad path');
  const info = await stat(file).catch(() => null);
  if (!info?.isFile()) {
    if (urlPath === '/' || urlPath.endsWith('.html')) {
      return sendText(res, 503, 'The desktop page is not built yet. Run: npm run build');
    }
    return sendText(res, 404, 'Not found');
  }
  res.statusCode = 200;
  res.setHeader('Content-Type', contentTypeFor(file));
  res.setHeader('Content-Length', info.size);
  // HTML must never be cached (it names the current bundle); hashed assets may be.
  res.setHeader('Cache-Control', file.endsWith('.html') ? 'no-store' : 'public, max-age=3600');
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  createReadStream(file)
    .on('error', () => res.destroy())
    .pipe(res);
}

export function sendText(res: ServerResponse, status: number, text: string): void {
  res.statusCode = status;
  res.setHeader('Content-Type', 'text/plain; charset=utf-8');
  res.setHeader('Cache-Control', 'no-store');
  res.end(text);
}
