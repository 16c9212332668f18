/**
 * Which file of the built renderer a request names, for both desktop hosts (the Electron
 * app:// protocol and the web host). Anything that would leave the folder (.., encoded
 * separators, NUL) resolves to null, so neither host can ever serve the rest of the disk.
 */
import path from 'node:path';

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.wasm': 'application/wasm',
  '.mp3': 'audio/mpeg',
  '.ogg': 'audio/ogg',
  '.wav': 'audio/wav',
  '.txt': 'text/plain; charset=utf-8',
};

/** Content type for a served file; unknown extensions are opaque bytes (never sniffed as HTML). */
export function contentTypeFor(filePath: string): string {
  return CONTENT_TYPES[path.extname(filePath).toLowerCase()] ?? 'application/octet-stream';
}

/** Absolute path of the file a URL path (still percent-encoded) names inside `root`, or null. */
export function resolveRendererFile(root: string, encodedPathname: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(encodedPathname);
  } catch {
    return null;
  }
  // NUL and backslashes would let a path confuse the file system or escape on Windows.
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const relative = decoded === '/' || decoded === '' ? 'index.html' : decoded.replace(/^\/+/, '');
  const base = path.resolve(root);
  const file = path.resolve(base, relative);
  return file.startsWith(base + path.sep) ? file : null;
}
