/**
 * Starts the real desktop launcher (embedded hub + web host) as a child process on free
 * loopback ports with a throwaway data folder, and stops it by PID. The bundles must have been
 * built (`npm run test:e2e` builds first).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const NODE = path.join(ROOT, 'node_modules/.bin/node');
/** CENTRALITA_E2E_START runs the suite against another launcher build (same flags and output). */
const START = process.env.CENTRALITA_E2E_START ?? path.join(ROOT, 'dist/node/start.mjs');

export interface RunningApp {
  hubUrl: string;
  /** Web-mode page URL including the per-launch secret. */
  desktopUrl: string;
  dataDir: string;
  pid: number;
  output(): string;
  /** Ends the launcher and removes its data folder. */
  stop(): Promise<void>;
  /** kill -9: no shutdown of any kind; the data folder stays for a relaunch on it. */
  crash(): Promise<void>;
}

/**
 * Tests run without the simulator (its chats and calls would land in their queues at random
 * moments) unless `simulate` is set: the embedded-default test wants exactly what `npm start` does.
 */
export async function launchApp(extraArgs: string[] = [], options: { simulate?: boolean; dataDir?: string } = {}): Promise<RunningApp> {
  if (!existsSync(START)) throw new Error(`${START} is missing: run \`node_modules/.bin/node scripts/build.mjs\` (npm run test:e2e does it)`);
  // A relaunch after crash() reuses the folder the crashed launcher left.
  const dataDir = options.dataDir ?? mkdtempSync(path.join(tmpdir(), 'centralita-e2e-'));
  const simulation = options.simulate ? [] : ['--no-simulate'];
  const child = spawn(NODE, [START, '--no-open', '--port', '0', '--hub-port', '0', ...simulation, '--data', dataDir, ...extraArgs], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NO_COLOR: '1' },
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  try {
    const { hubUrl, desktopUrl } = await waitForUrls(child, () => output, 45_000);
    return { hubUrl, desktopUrl, dataDir, pid: child.pid ?? -1, output: () => output, stop: () => stopChild(child, dataDir), crash: () => crashChild(child) };
  } catch (error) {
    await stopChild(child, dataDir);
    throw error;
  }
}

function waitForUrls(child: ChildProcess, output: () => string, timeoutMs: number): Promise<{ hubUrl: string; desktopUrl: string }> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => finish(new Error(`launcher printed no URLs within ${timeoutMs} ms:\n${output()}`)), timeoutMs);
    const poll = setInterval(check, 50);
    const onExit = (code: number | null) => finish(new Error(`launcher exited (${code}) before it was ready:\n${output()}`));
    child.once('exit', onExit);
    function check() {
      const hub = /^Hub: (http:\/\/127\.0\.0\.1:\d+)\s*$/m.exec(output());
      const desktop = /^Desktop \(web mode\): (http:\/\/127\.0\.0\.1:\d+\/\S*)\s*$/m.exec(output());
      if (hub?.[1] && desktop?.[1]) finish(null, { hubUrl: hub[1], desktopUrl: desktop[1] });
    }
    function finish(error: Error | null, value?: { hubUrl: string; desktopUrl: string }) {
      clearTimeout(timer);
      clearInterval(poll);
      child.off('exit', onExit);
      if (error) reject(error);
      else if (value) resolve(value);
    }
  });
}

async function crashChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || !child.pid) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  process.kill(child.pid, 'SIGKILL');
  await exited;
}

async function stopChild(child: ChildProcess, dataDir: string): Promise<void> {
  if (child.exitCode === null && child.signalCode === null && child.pid) {
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    process.kill(child.pid, 'SIGTERM');
    const killTimer = setTimeout(() => {
      if (child.pid && child.exitCode === null) process.kill(child.pid, 'SIGKILL');
    }, 5_000);
    await exited;
    clearTimeout(killTimer);
  }
  rmSync(dataDir, { recursive: true, force: true });
}
