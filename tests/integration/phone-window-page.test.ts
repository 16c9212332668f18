/**
 * The hidden Electron phone window's page, built with the shipped bundle options and run in
 * Debian's Chromium with a stand-in for its preload (window.centralitaPhoneWindow): the page
 * says ready, answers main's requests with the real page PhoneHost and PhoneEngine, reports
 * errors as values, and pushes the phone's registration events. Electron itself cannot run here.
 */
import { build } from 'esbuild';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

interface Relay {
  ready: number;
  pushes: Array<{ name: string; payload: { type?: string; registration?: string } }>;
}

declare global {
  interface Window {
    relayUnderTest: Relay & { handler: ((op: string, params: unknown) => Promise<unknown>) | null };
  }
}

let work: string;
let server: Server;
let browser: Browser;
let page: Page;

const ask = (op: string, params: unknown): Promise<unknown> =>
  page.evaluate(([o, p]) => {
    const handler = window.relayUnderTest.handler;
    if (!handler) throw new Error('the phone page is not serving');
    return handler(o as string, p);
  }, [op, params] as const);
const relay = (): Promise<Relay> => page.evaluate(() => ({ ready: window.relayUnderTest.ready, pushes: window.relayUnderTest.pushes }));

beforeAll(async () => {
  work = mkdtempSync(path.join(tmpdir(), 'centralita-phone-window-'));
  const { phoneWindowBundle } = (await import(path.join(root, 'scripts/bundle-options.mjs'))) as { phoneWindowBundle: Record<string, unknown> };
  await build({ ...phoneWindowBundle, logLevel: 'error', entryPoints: [path.join(root, 'src-phone/window/phone-window.ts')], outfile: path.join(work, 'phone.js') });
  copyFileSync(path.join(root, 'src-phone/window/phone.html'), path.join(work, 'phone.html'));
  server = createServer((request, response) => {
    const file = request.url?.startsWith('/phone.js') ? 'phone.js' : 'phone.html';
    response.writeHead(200, { 'content-type': file.endsWith('.js') ? 'text/javascript' : 'text/html' });
    response.end(readFileSync(path.join(work, file)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', '--autoplay-policy=no-user-gesture-required', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run'],
  });
  page = await browser.newPage();
  // What src-main/electron/phone-preload.ts exposes, recording instead of sending over IPC.
  await page.addInitScript(() => {
    window.relayUnderTest = { ready: 0, pushes: [], handler: null };
    Object.defineProperty(window, 'centralitaPhoneWindow', {
      value: Object.freeze({
        serve(handler: (op: string, params: unknown) => Promise<unknown>) {
          window.relayUnderTest.handler = handler;
          window.relayUnderTest.ready += 1;
        },
        push(name: string, payload: { type?: string }) {
          window.relayUnderTest.pushes.push({ name, payload: JSON.parse(JSON.stringify(payload)) as { type?: string } });
        },
      }),
    });
  });
  await page.goto(`http://127.0.0.1:${port}/phone.html`);
  await page.waitForFunction(() => window.relayUnderTest.ready > 0);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('hidden phone window page (Chromium, stand-in preload)', () => {
  it('says ready once and answers a snapshot with no calls before the phone is started', async () => {
    expect((await relay()).ready).toBe(1);
    expect(await ask('phone.snapshot', {})).toEqual({ ok: true, value: { registration: { transport: 'disconnected', registration: 'unregistered', message: null }, calls: [], microphone: null, speaker: null, fallback: { microphone: false, speaker: false } } });
  });

  it('answers commands it cannot run, and malformed params, with error values', async () => {
    expect(await ask('phone.execute', { type: 'dial', target: '+34600100200' })).toMatchObject({ ok: false });
    expect(await ask('phone.execute', { type: 'conference', callIds: ['x'] })).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(await ask('phone.remoteAudioLevel', { callId: 'nope' })).toEqual({ ok: true, value: null });
  });

  it('lists the microphones (fake devices here) and starts the engine, pushing its registration as it goes', async () => {
    const devices = (await ask('phone.listAudioDevices', {})) as { ok: boolean; value?: Array<{ kind: string }> };
    expect(devices.ok).toBe(true);
    expect(devices.value?.some((device) => device.kind === 'audioinput')).toBe(true);
    // Nobody listens on this port: the engine must say so through an event, not hang the request.
    const started = await ask('phone.start', { serverUrl: 'ws://127.0.0.1:9', aor: 'sip:ana@lab.centralita', authorizationUsername: 'ana', password: 'x', displayName: 'Ana', iceServers: [], dtmfMode: 'rfc4733', lab: true });
    expect(started).toEqual({ ok: true, value: null });
    const registrationPushes = async () => (await relay()).pushes.filter((push) => push.name === 'phone' && push.payload.type === 'registration');
    for (let waited = 0; (await registrationPushes()).length === 0 && waited < 5000; waited += 100) await new Promise((resolve) => setTimeout(resolve, 100));
    expect((await registrationPushes()).map((push) => push.payload.registration)).not.toContain('registered');
    expect((await registrationPushes()).length).toBeGreaterThan(0);
    expect(await ask('phone.stop', {})).toEqual({ ok: true, value: null });
  });
});
