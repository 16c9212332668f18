/** Starts and stops the interop rig (scripts/rig) from tests; every process is stopped by PID. */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const RIG = resolve(dirname(fileURLToPath(import.meta.url)), '../../../scripts/rig');

export interface Rig {
  dir: string;
  env: Record<string, string>;
  restartKamailio(): Promise<void>;
  stopKamailio(): Promise<void>;
  startKamailio(): Promise<void>;
  stop(): Promise<void>;
}

function readEnv(dir: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const line of readFileSync(join(dir, 'rig.env'), 'utf8').split('\n')) {
    const match = /^([A-Z_]+)=(.*)$/.exec(line);
    if (match) env[match[1]] = match[2];
  }
  return env;
}

export async function startRig(options: { staticAor: string }): Promise<Rig> {
  const dir = mkdtempSync(join(tmpdir(), 'centralita-rig-'));
  await run(join(RIG, 'start.sh'), [dir, '--static-aor', options.staticAor], { timeout: 120_000 });
  const rig: Rig = {
    dir,
    env: readEnv(dir),
    async stopKamailio() {
      await run(join(RIG, 'stop-kamailio.sh'), [dir]);
    },
    async startKamailio() {
      await run(join(RIG, 'start-kamailio.sh'), [dir]);
      rig.env = readEnv(dir);
    },
    async restartKamailio() {
      await rig.stopKamailio();
      await rig.startKamailio();
    },
    async stop() {
      await run(join(RIG, 'stop.sh'), [dir]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return rig;
}

/** Two seconds of a 440 Hz tone as raw G.711 µ-law, what sipp's rtp_stream plays (payload 0). */
export function writeToneFile(path: string): void {
  const samples = 16_000;
  const bytes = Buffer.alloc(samples);
  for (let index = 0; index < samples; index += 1) {
    const pcm = Math.round(Math.sin((2 * Math.PI * 440 * index) / 8000) * 8000);
    bytes[index] = linearToMuLaw(pcm);
  }
  writeFileSync(path, bytes);
}

function linearToMuLaw(sample: number): number {
  const BIAS = 0x84;
  const sign = sample < 0 ? 0x80 : 0;
  const magnitude = Math.min(Math.abs(sample), 32635) + BIAS;
  let exponent = 7;
  for (let mask = 0x4000; (magnitude & mask) === 0 && exponent > 0; mask >>= 1) exponent -= 1;
  const mantissa = (magnitude >> (exponent + 3)) & 0x0f;
  return ~(sign | (exponent << 4) | mantissa) & 0xff;
}

export interface SippRun {
  process: ChildProcess;
  exit: Promise<number>;
  output: () => string;
}

/** Runs one sipp call from the given scenario; the caller waits on `exit` (0 = scenario passed). */
export function runSipp(args: { scenario: string; target: string; service: string; localPort: number; mediaPort: number; messageLog: string }): SippRun {
  let output = '';
  const child = spawn(
    'sipp',
    [args.target, '-sf', args.scenario, '-s', args.service, '-i', '127.0.0.1', '-p', String(args.localPort), '-mi', '127.0.0.1', '-mp', String(args.mediaPort),
      '-m', '1', '-l', '1', '-timeout', '60s', '-nostdin', '-trace_msg', '-message_file', args.messageLog, '-trace_err', '-error_file', `${args.messageLog}.err`],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exit = new Promise<number>((resolveExit) => child.once('exit', (code) => resolveExit(code ?? -1)));
  return { process: child, exit, output: () => output };
}
