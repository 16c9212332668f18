import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import pino from 'pino';
import WebSocket from 'ws';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BridgeServerFrame } from '../../src-common/ipc';
import { createMainServices } from '../../src-main/services';
import { startWebHost, type WebHost } from '../../src-main/web/web-host';
import { CACHE_WORKER } from './helpers/desktop-client';
import { TempDirs } from './helpers/temp-dirs';

const temp = new TempDirs();
let host: WebHost;
let created: string[];

beforeEach(async () => {
  const rendererDir = temp.make('centralita-renderer-');
  writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>Centralita</title><script type="module" src="./app.js"></script>');
  mkdirSync(path.join(rendererDir, 'assets'));
  writeFileSync(path.join(rendererDir, 'assets', 'app.js'), 'export {};');
  const dataDir = temp.make();
  created = [];
  host = await startWebHost({
    rendererDir,
    log: pino({ level: 'silent' }),
    idleCloseMs: 400,
    createServices: (clientId) => {
      created.push(clientId);
      return createMainServices({ dataDir: path.join(dataDir, 'clients', clientId), policyPath: null, defaultHubUrl: null, cacheWorkerPath: CACHE_WORKER });
    },
  });
});

afterEach(async () => {
  await host.stop();
  temp.cleanup();
});

/** Opens a bridge socket; resolves with the socket or the HTTP status the upgrade got. */
function connect(query: string, origin: string | undefined): Promise<{ socket: WebSocket } | { status: number }> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`ws://127.0.0.1:${host.port}/bridge?${query}`, origin ? { origin } : {});
    socket.once('open', () => resolve({ socket }));
    socket.once('unexpected-response', (_req, res) => resolve({ status: res.statusCode ?? 0 }));
    socket.once('error', (error) => reject(error));
  });
}

/** Sends raw text and resolves with the next result frame. */
function call(socket: WebSocket, text: string): Promise<Extract<BridgeServerFrame, { type: 'result' }>> {
  return new Promise((resolve) => {
    const onMessage = (data: WebSocket.RawData): void => {
      const frame = BridgeServerFrame.parse(JSON.parse(data.toString()));
      if (frame.type !== 'result') return;
      socket.off('message', onMessage);
      resolve(frame);
    };
    socket.on('message', onMessage);
    socket.send(text);
  });
}

describe('web host', () => {
  it('serves the renderer on loopback with a strict CSP and no path escape', async () => {
    expect(host.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const page = await fetch(host.pageUrl);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain('connect-src \'self\' ws://127.0.0.1:*');
    expect(csp).not.toContain('unsafe-inline');
    const script = await fetch(`${host.origin}/assets/app.js`);
    expect(script.headers.get('content-type')).toContain('text/javascript');
    const escape = await fetch(`${host.origin}/..%2f..%2fpackage.json`);
    expect([400, 404]).toContain(escape.status);
  });

  it('refuses the bridge with a wrong secret or a foreign Origin (HTTP 403)', async () => {
    const wrongSecret = await connect(`s=not-the-secret&client=tab-aaaaaaaa`, host.origin);
    expect(wrongSecret).toEqual({ status: 403 });
    const wrongOrigin = await connect(`s=${host.secret}&client=tab-aaaaaaaa`, 'http://evil.example');
    expect(wrongOrigin).toEqual({ status: 403 });
    const noOrigin = await connect(`s=${host.secret}&client=tab-aaaaaaaa`, undefined);
    expect(noOrigin).toEqual({ status: 403 });
    expect(created).toEqual([]);
  });

  it('answers invalid frames with bad-request and keeps the socket usable', async () => {
    const opened = await connect(`s=${host.secret}&client=tab-aaaaaaaa`, host.origin);
    if (!('socket' in opened)) throw new Error(`bridge refused: ${opened.status}`);
    const { socket } = opened;
    try {
      const garbage = await call(socket, 'not json at all');
      expect(garbage).toMatchObject({ id: -1, result: { ok: false, error: { code: 'bad-request' } } });
      const unknownOp = await call(socket, JSON.stringify({ type: 'invoke', id: 7, op: 'hub.dropTables', params: {} }));
      expect(unknownOp).toMatchObject({ id: 7, result: { ok: false, error: { code: 'bad-request' } } });
      const badParams = await call(socket, JSON.stringify({ type: 'invoke', id: 8, op: 'offer.accept', params: { offerId: 42 } }));
      expect(badParams).toMatchObject({ id: 8, result: { ok: false, error: { code: 'bad-request' } } });
      const view = await call(socket, JSON.stringify({ type: 'invoke', id: 9, op: 'view.get', params: {} }));
      expect(view).toMatchObject({ id: 9, result: { ok: true, value: { status: 'signed-out' } } });
      expect(socket.readyState).toBe(WebSocket.OPEN);
    } finally {
      socket.close();
    }
  });

  it('gives each browser tab its own services and keeps them across a reload', async () => {
    const first = await connect(`s=${host.secret}&client=tab-aaaaaaaa`, host.origin);
    if (!('socket' in first)) throw new Error('refused');
    await call(first.socket, JSON.stringify({ type: 'invoke', id: 1, op: 'view.get', params: {} }));
    first.socket.close();
    const reload = await connect(`s=${host.secret}&client=tab-aaaaaaaa`, host.origin);
    const other = await connect(`s=${host.secret}&client=tab-bbbbbbbb`, host.origin);
    if (!('socket' in reload) || !('socket' in other)) throw new Error('refused');
    await call(reload.socket, JSON.stringify({ type: 'invoke', id: 2, op: 'view.get', params: {} }));
    await call(other.socket, JSON.stringify({ type: 'invoke', id: 3, op: 'view.get', params: {} }));
    expect(created).toEqual(['tab-aaaaaaaa', 'tab-bbbbbbbb']);
    reload.socket.close();
    other.socket.close();
  });

  it('closes a tab\'s services after it stays away past the idle time', async () => {
    const first = await connect(`s=${host.secret}&client=tab-cccccccc`, host.origin);
    if (!('socket' in first)) throw new Error('refused');
    await call(first.socket, JSON.stringify({ type: 'invoke', id: 1, op: 'view.get', params: {} }));
    first.socket.close();
    await new Promise((resolve) => setTimeout(resolve, 900));
    const later = await connect(`s=${host.secret}&client=tab-cccccccc`, host.origin);
    if (!('socket' in later)) throw new Error('refused');
    await call(later.socket, JSON.stringify({ type: 'invoke', id: 2, op: 'view.get', params: {} }));
    expect(created).toEqual(['tab-cccccccc', 'tab-cccccccc']);
    later.socket.close();
  });
});
