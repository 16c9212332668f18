/**
 * The desktop launcher (web mode) as a child process against a hub this process runs, stopped
 * by its PID. Needs the full build (dist/node/start.mjs and dist/renderer).
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { stopChild } from './cleanup';

export interface LauncherProcess {
  desktopUrl: string;
  stop(): Promise<void>;
}

export async function startLauncher(root: string, hubUrl: string, dataDir: string): Promise<LauncherProcess> {
  const start = process.env.CENTRALITA_BENCH_START ?? path.join(root, 'dist/node/start.mjs');
  for (const needed of [start, path.join(root, 'dist/renderer/index.html')]) {
    if (!existsSync(needed)) throw new Error(`${needed} is missing: run \`node_modules/.bin/node scripts/build.mjs\` (the full build, with the renderer) first`);
  }
  // process.execPath: the Node that runs the bench (the project's Node 22), which better-sqlite3 needs.
  const child = spawn(process.execPath, [start, '--no-open', '--port', '0', '--hub-url', hubUrl, '--data', dataDir, '--no-simulate'], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NO_COLOR: '1' },
  });
  // The launcher closes its services on SIGTERM: it gets longer than a tool before SIGKILL.
  const stop = () => stopChild(child, 5_000);
  let output = '';
  try {
    const desktopUrl = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`launcher printed no desktop URL within 45 s:\n${output}`)), 45_000);
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        const url = /^Desktop \(web mode\): (http:\/\/127\.0\.0\.1:\d+\/\S*)\s*$/m.exec(output)?.[1];
        if (url) {
          clearTimeout(timer);
          resolve(url);
        }
      };
      child.stdout?.on('data', onData);
      child.stderr?.on('data', onData);
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`launcher exited (${code}) before it was ready:\n${output}`));
      });
    });
    return { desktopUrl, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

