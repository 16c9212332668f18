import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import WebSocket from 'ws';
import { afterEach, describe, expect, it } from 'vitest';
import { BridgeServerFrame, type DesktopView } from '../../src-common/ipc';
import { PASSWORD } from './helpers/hub-fixture';
import { TempDirs } from './helpers/temp-dirs';

const temp = new TempDirs();
let child: ChildProcess | null = null;
afterEach(async () => {
  if (child && child.exitCode === null && child.pid) process.kill(child.pid, 'SIGKILL');
  child = null;
  temp.cleanup();
});

/** Starts `npm start`'s bundle and resolves with the URLs it prints. */
function launch(dataDir: string): Promise<{ hubUrl: string; pageUrl: string }> {
  const entry = path.resolve('dist/node/start.mjs');
  const started = spawn(process.execPath, [entry, '--no-open', '--web', '--no-simulate', '--data', dataDir], { stdio: ['ignore', 'pipe', 'pipe'] });
  child = started;
  return new Promise((resolve, reject) => {
    let out = '';
    let errText = '';
    const timer = setTimeout(() => reject(new Error(`launcher printed no URLs: ${out} ${errText}`)), 30_000);
    started.stderr?.on('data', (chunk: Buffer) => (errText += chunk.toString()));
    started.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const hub = /^Hub: (http:\/\/127\.0\.0\.1:\d+)$/m.exec(out);
      const page = /^Desktop \(web mode\): (http:\/\/127\.0\.0\.1:\d+\/\?s=[A-Za-z0-9_-]{43})$/m.exec(out);
      if (hub?.[1] && page?.[1]) {
        clearTimeout(timer);
        resolve({ hubUrl: hub[1], pageUrl: page[1] });
      }
    });
    started.once('exit', (code) => reject(new Error(`launcher exited early (${code}): ${errText}`)));
  });
}

/** One bridge call over a fresh socket, as a browser tab would make it. */
async function bridgeCall(pageUrl: string, clientId: string, op: string, params: unknown): Promise<unknown> {
  const page = new URL(pageUrl);
  const socket = new WebSocket(`ws://${page.host}/bridge?s=${page.searchParams.get('s')}&client=${clientId}`, { origin: page.origin });
  try {
    await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
    return await new Promise((resolve) => {
      socket.on('message', (data) => {
        const frame = BridgeServerFrame.parse(JSON.parse(data.toString()));
        if (frame.type === 'result' && frame.id === 1) resolve(frame.result);
      });
      socket.send(JSON.stringify({ type: 'invoke', id: 1, op, params }));
    });
  } finally {
    socket.close();
  }
}

describe('npm start (launcher, web mode)', () => {
  it('starts the embedded hub and the web host, bridges a sign-in, and stops cleanly on SIGTERM', async () => {
    expect(existsSync('dist/node/start.mjs')).toBe(true);
    const dataDir = temp.make('centralita-start-');
    const { hubUrl, pageUrl } = await launch(dataDir);
    expect((await fetch(`${hubUrl}/healthz`)).ok).toBe(true);

    const view = (await bridgeCall(pageUrl, 'tab-launcher-1', 'view.get', {})) as { ok: true; value: DesktopView };
    expect(view.value.status).toBe('signed-out');
    expect(view.value.hubUrl).toBe(hubUrl);
    const login = await bridgeCall(pageUrl, 'tab-launcher-1', 'session.login', { username: 'ana', password: PASSWORD });
    expect(login).toMatchObject({ ok: true, value: { id: 'ana' } });
    const after = (await bridgeCall(pageUrl, 'tab-launcher-1', 'view.get', {})) as { ok: true; value: DesktopView };
    expect(after.value.status).toBe('online');
    expect(existsSync(path.join(dataDir, 'desktop', 'clients', 'tab-launcher-1', 'cache.db'))).toBe(true);

    const running = child;
    if (!running?.pid) throw new Error('no launcher process');
    const exited = new Promise<number | null>((resolve) => running.once('exit', (code) => resolve(code)));
    process.kill(running.pid, 'SIGTERM');
    expect(await exited).toBe(0);
    await expect(fetch(`${hubUrl}/healthz`)).rejects.toThrow();
  });

  it('a second npm start on the same data folder says another hub has it and exits, leaving the first one working', async () => {
    const dataDir = temp.make('centralita-start-twice-');
    const { hubUrl } = await launch(dataDir);
    const first = child;
    const second = spawn(process.execPath, [path.resolve('dist/node/start.mjs'), '--no-open', '--web', '--no-simulate', '--data', dataDir], { stdio: ['ignore', 'pipe', 'pipe'] });
    let said = '';
    second.stderr?.on('data', (chunk: Buffer) => (said += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => second.once('exit', (exitCode) => resolve(exitCode)));
    expect(code).toBe(1);
    expect(said).toContain(`could not start Centralita: Another Centralita hub (process ${first?.pid ?? '?'}) is using the data folder`);
    expect((await fetch(`${hubUrl}/healthz`)).ok).toBe(true);
  });
});
