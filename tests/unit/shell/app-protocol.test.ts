import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { CONTENT_SECURITY_POLICY, PHONE_CONTENT_SECURITY_POLICY } from '../../../src-main/electron/content-security-policy';

type ProtocolHandler = (request: Request) => Promise<Response>;

// Stand-in for Electron's protocol module: keeps the handler so the test can send requests.
const electron = vi.hoisted(() => ({ handlers: new Map<string, ProtocolHandler>(), privileged: [] as unknown[] }));
vi.mock('electron', () => ({
  protocol: {
    handle: (scheme: string, handler: ProtocolHandler) => electron.handlers.set(scheme, handler),
    registerSchemesAsPrivileged: (schemes: unknown[]) => electron.privileged.push(...schemes),
  },
}));

const { registerAppScheme, serveAppProtocol } = await import('../../../src-main/electron/app-protocol');

const root = mkdtempSync(path.join(tmpdir(), 'centralita-renderer-'));
mkdirSync(path.join(root, 'assets'));
writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>Centralita</title>');
writeFileSync(path.join(root, 'assets', 'main.js'), 'export {};');
writeFileSync(path.join(path.dirname(root), 'secret.txt'), 'not yours');
afterAll(() => {
  rmSync(root, { recursive: true, force: true });
  rmSync(path.join(path.dirname(root), 'secret.txt'), { force: true });
});

serveAppProtocol(root, pino({ level: 'silent' }));
const get = (url: string, method = 'GET'): Promise<Response> => {
  const handler = electron.handlers.get('app');
  if (!handler) throw new Error('app:// is not handled');
  return handler(new Request(url, { method }));
};

describe('app:// protocol', () => {
  it('is registered as a secure, standard scheme so pages get a real origin', () => {
    registerAppScheme();
    expect(electron.privileged).toEqual([expect.objectContaining({ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) })]);
  });

  it('serves the renderer with the strict CSP on the response', async () => {
    const page = await get('app://centralita/index.html');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(await page.text()).toContain('<title>Centralita</title>');
    const script = await get('app://centralita/assets/main.js');
    expect(script.headers.get('content-type')).toMatch(/^text\/javascript/);
  });

  it('answers 404 for files outside the renderer folder and for missing files', async () => {
    expect((await get('app://centralita/..%2fsecret.txt')).status).toBe(404);
    expect((await get('app://centralita/missing.js')).status).toBe(404);
  });

  it('refuses anything but GET', async () => {
    expect((await get('app://centralita/index.html', 'POST')).status).toBe(405);
  });

  it('serves a placeholder phone page when the build has none, with the phone page policy', async () => {
    const phone = await get('app://centralita/phone.html');
    expect(phone.status).toBe(200);
    // Only the phone page may open WebSockets (SIP over ws/wss); every other page keeps the strict policy.
    expect(phone.headers.get('content-security-policy')).toBe(PHONE_CONTENT_SECURITY_POLICY);
    expect(PHONE_CONTENT_SECURITY_POLICY).toMatch(/connect-src 'self' ws: wss:/);
    expect((await get('app://centralita/index.html')).headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
  });
});
