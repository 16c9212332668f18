/**
 * The SIP side of the call-setup bench: the interop rig (scripts/rig: Kamailio 5.6 + rtpengine in
 * userspace, loopback, free ports) and baresip registered to it. Every process is started by the
 * rig's scripts, which record PIDs; the stop step registered here stops exactly those PIDs.
 */
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { CleanupStack } from './cleanup';

export const run = promisify(execFile);

/** dist/bench/call-setup.mjs runs from the repo; `npx tsx bench/call-setup.ts` would too. */
function findRepoRoot(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  for (const candidate of [path.resolve(here, '../..'), path.resolve(here, '..'), process.cwd()]) {
    if (existsSync(path.join(candidate, 'scripts/rig/start.sh'))) return candidate;
  }
  throw new Error('cannot find the repository (scripts/rig/start.sh); run from the repo root');
}

export const ROOT = findRepoRoot();
const RIG = path.join(ROOT, 'scripts/rig');

export async function freeLoopbackPorts(count: number): Promise<number[]> {
  const { stdout } = await run(process.execPath, [path.join(RIG, 'free-ports.mjs'), String(count)]);
  return stdout.trim().split(' ').map(Number);
}

function readEnvFile(file: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const match = /^([A-Z_]+)=(.*)$/.exec(line);
    if (match) env[match[1]] = match[2];
  }
  return env;
}

export interface Rig {
  sipPort: string;
  wsUrl: string;
  pids: string;
}

/**
 * Starts Kamailio + rtpengine in `work/rig`; `staticAor` receives calls for unknown users.
 * `calls`: how many the run places, so rtpengine has media ports for all of them (each holds 4,
 * and a hung-up call's ports stay taken for 30 s).
 */
export async function startRig(work: string, cleanup: CleanupStack, staticAor: string, calls: number): Promise<Rig> {
  const rtpPorts = Math.min(5000, Math.max(100, calls * 4 + 100));
  const dir = path.join(work, 'rig');
  // stop.sh only stops PIDs start.sh recorded, so registering it first is safe if start fails.
  cleanup.add('rig', async () => {
    await run(path.join(RIG, 'stop.sh'), [dir]);
  });
  await run(path.join(RIG, 'start.sh'), [dir, '--static-aor', staticAor, '--rtp-ports', String(rtpPorts)], { timeout: 180_000 });
  const env = readEnvFile(path.join(dir, 'rig.env'));
  return { sipPort: env.SIP_PORT, wsUrl: env.WS_URL, pids: `${env.KAMAILIO_PID}, ${env.RTPENGINE_PID}` };
}

/**
 * Starts baresip (auto-answer) registered as `user`; returns its version banner. `webrtc` media
 * answers as a browser must (ICE, DTLS-SRTP, rtcp-mux; Kamailio offers it so to a user named
 * webrtc-…); `plain` is plain RTP.
 */
export async function startBaresip(work: string, cleanup: CleanupStack, sipPort: string, user: string, media: 'plain' | 'webrtc' = 'plain'): Promise<string> {
  const dir = path.join(work, media === 'plain' ? 'baresip' : `baresip-${media}`);
  cleanup.add(`baresip (${media})`, async () => {
    await run(path.join(RIG, 'stop-baresip.sh'), [dir]);
  });
  await run(path.join(RIG, 'start-baresip.sh'), [dir, '--registrar', `127.0.0.1:${sipPort}`, '--user', user, '--media', media], { timeout: 120_000 });
  const banner = /baresip v[\d.]+/.exec(readFileSync(path.join(dir, 'baresip.log'), 'utf8'));
  return banner?.[0] ?? 'baresip';
}
