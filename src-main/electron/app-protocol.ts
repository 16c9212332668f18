/**
 * Serves the bundled renderer over app://centralita. Registered as a privileged, standard,
 * secure scheme so pages get a real origin, ES modules, fetch and media streaming, without any
 * of file://'s extra powers. Each response carries the security headers itself, because
 * webRequest hooks do not see custom-protocol responses on every Electron version.
 */
import { readFile } from 'node:fs/promises';
import { protocol } from 'electron';
import { contentTypeFor, resolveAppFile } from './app-files';
import { APP_SCHEME, PHONE_PAGE_URL } from './app-origin';
import { SECURITY_HEADERS, securityHeadersFor } from './content-security-policy';
import type { Logger } from 'pino';

/** Must run before app 'ready'. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true, codeCache: true },
    },
  ]);
}

// A build without the phone page (e.g. --node-only followed by a shell test) shows this.
const PHONE_PLACEHOLDER = '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Centralita phone</title></head><body></body></html>';

function respond(body: BodyInit | null, status: number, contentType: string, url?: string): Response {
  return new Response(body, { status, headers: { ...(url ? securityHeadersFor(url) : SECURITY_HEADERS), 'Content-Type': contentType } });
}

/** Serves files from `rendererRoot`; must run after app 'ready'. */
export function serveAppProtocol(rendererRoot: string, log: Logger): void {
  protocol.handle(APP_SCHEME, async (request) => {
    if (request.method !== 'GET') return respond(null, 405, 'text/plain; charset=utf-8');
    const file = resolveAppFile(rendererRoot, request.url);
    if (file === null) {
      log.warn({ url: request.url }, 'app:// request outside the renderer folder refused');
      return respond('Not found', 404, 'text/plain; charset=utf-8');
    }
    try {
      return respond(await readFile(file), 200, contentTypeFor(file), request.url);
    } catch (cause) {
      if (request.url.split(/[?#]/)[0] === PHONE_PAGE_URL) return respond(PHONE_PLACEHOLDER, 200, 'text/html; charset=utf-8', request.url);
      log.warn({ url: request.url, err: cause }, 'app:// file not found');
      return respond('Not found', 404, 'text/plain; charset=utf-8');
    }
  });
}
