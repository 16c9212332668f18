/**
 * What the agent's desktop does around its phone when a route moves, for the network tests:
 * main's route watch runs inside the agent's namespace (route-watch-process.ts, bundled and
 * started with `ip netns exec`), and each move it prints is handed to the phone as the
 * renderer does (src-renderer/phone/network-moves.ts: the `reconnect` command, `route-moved`).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { RouteMove } from '../../../src-main/services/network/route-watch';
import type { AgentNetwork } from './agent-netns';
import type { NamespacedAgent } from './namespaced-agent';

const HERE = dirname(fileURLToPath(import.meta.url));

export interface NamespacedRouteWatch {
  /** The moves the watch saw, with when the phone was told (Date.now()). */
  readonly moves: Array<RouteMove & { toldAt: number }>;
  stop(): Promise<void>;
}

export async function watchRoutesInNamespace(network: AgentNetwork, agent: NamespacedAgent, serverUrl: string): Promise<NamespacedRouteWatch> {
  const url = new URL(serverUrl);
  const work = mkdtempSync(join(tmpdir(), 'centralita-route-watch-'));
  const bundle = join(work, 'route-watch.mjs');
  await build({ entryPoints: [join(HERE, 'route-watch-process.ts')], bundle: true, platform: 'node', format: 'esm', target: 'node20', outfile: bundle, logLevel: 'silent' });
  const asRoot = process.getuid?.() === 0;
  const command = ['ip', 'netns', 'exec', network.namespace, process.execPath, bundle, url.hostname, url.port || (url.protocol === 'wss:' ? '443' : '80')];
  const child = spawn(asRoot ? command[0]! : 'sudo', asRoot ? command.slice(1) : ['-n', ...command], { stdio: ['ignore', 'pipe', 'pipe'] });
  let errors = '';
  child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  const moves: NamespacedRouteWatch['moves'] = [];
  const started = new Promise<void>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the route watch stopped (exit ${code}): ${errors}`)));
    createInterface({ input: child.stdout }).on('line', (line) => {
      const message = JSON.parse(line) as RouteMove | { watching: string };
      if ('watching' in message) return resolve();
      void agent.execute({ type: 'reconnect', why: 'route-moved', since: message.since }).then(() => moves.push({ ...message, toldAt: Date.now() }));
    });
  });
  try {
    await started;
  } catch (cause) {
    rmSync(work, { recursive: true, force: true });
    throw cause;
  }
  return {
    moves,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        // The watch itself, by its PID: `ip netns exec` runs it in place of itself.
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(work, { recursive: true, force: true });
    },
  };
}
