/** Starts and stops the interop rig (scripts/rig) from tests; every process is stopped by PID. */
import { execFile, execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const SUPPORT = dirname(fileURLToPath(import.meta.url));
const RIG = resolve(SUPPORT, '../../../scripts/rig');

export interface Rig {
  dir: string;
  env: Record<string, string>;
  restartKamailio(): Promise<void>;
  stopKamailio(): Promise<void>;
  startKamailio(): Promise<void>;
  stop(): Promise<void>;
  /** The end of Kamailio's log, for a failing test's report. */
  kamailioLog(lines?: number): string;
  /** The end of rtpengine's log (media: ICE, DTLS, streams), for a failing test's report. */
  rtpengineLog(lines?: number): string;
}

function tailOf(file: string, lines: number): string {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return `(no ${file})`;
  }
}

function readEnv(dir: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const line of readFileSync(join(dir, 'rig.env'), 'utf8').split('\n')) {
    const match = /^([A-Z_]+)=(.*)$/.exec(line);
    if (match) env[match[1]] = match[2];
  }
  return env;
}

/** With `hub`, Kamailio asks that hub's voice routing API which agent gets contact-center calls. */
/** With `phoneAddress`, phones may also connect there (env PHONE_WS_URL) and rtpengine offers them media there. */
export async function startRig(options: { staticAor: string; hub?: { url: string; secret: string }; phoneAddress?: string }): Promise<Rig> {
  const dir = mkdtempSync(join(tmpdir(), 'centralita-rig-'));
  const hubArgs = options.hub ? ['--hub-url', options.hub.url, '--hub-secret', options.hub.secret] : [];
  const addressArgs = options.phoneAddress ? ['--phone-address', options.phoneAddress] : [];
  try {
    await run(join(RIG, 'start.sh'), [dir, '--static-aor', options.staticAor, ...hubArgs, ...addressArgs], { timeout: 120_000 });
  } catch (cause) {
    // start.sh stops nothing it started when a later step fails: stop by the PIDs it recorded.
    await run(join(RIG, 'stop.sh'), [dir]).catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
    throw cause;
  }
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
    kamailioLog: (lines = 60) => tailOf(join(dir, 'kamailio.log'), lines),
    rtpengineLog: (lines = 60) => tailOf(join(dir, 'rtpengine.log'), lines),
    async stop() {
      await run(join(RIG, 'stop.sh'), [dir]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return rig;
}

/** Two seconds of a 440 Hz tone as raw G.711 µ-law (payload 0). */
export function toneMuLaw(): Buffer {
  const samples = 16_000;
  const bytes = Buffer.alloc(samples);
  for (let index = 0; index < samples; index += 1) {
    const pcm = Math.round(Math.sin((2 * Math.PI * 440 * index) / 8000) * 8000);
    bytes[index] = linearToMuLaw(pcm);
  }
  return bytes;
}

/** The tone as a file, what sipp's rtp_stream plays. */
export function writeToneFile(path: string): void {
  writeFileSync(path, toneMuLaw());
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
export function runSipp(args: { scenario: string; target: string; service: string; localPort: number; mediaPort: number; messageLog: string; callId?: string }): SippRun {
  let output = '';
  const child = spawn(
    'sipp',
    [args.target, '-sf', args.scenario, '-s', args.service, '-i', '127.0.0.1', '-p', String(args.localPort), '-mi', '127.0.0.1', '-mp', String(args.mediaPort),
      '-m', '1', '-l', '1', '-timeout', '60s', '-nostdin', '-trace_msg', '-message_file', args.messageLog, '-trace_err', '-error_file', `${args.messageLog}.err`,
      ...(args.callId ? ['-cid_str', args.callId] : [])],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exit = new Promise<number>((resolveCode) => child.once('exit', (code) => resolveCode(code ?? -1)));
  return { process: child, exit, output: () => output };
}

/**
 * A sipp scenario from a template in this folder, `@@KEY@@` replaced by its value, written to
 * `dir` (as `fileName`, the template's own name by default); returns its path.
 */
export function sippScenario(template: string, dir: string, replacements: Record<string, string>, fileName = template): string {
  let text = readFileSync(join(SUPPORT, template), 'utf8');
  for (const [key, value] of Object.entries(replacements)) text = text.replaceAll(`@@${key}@@`, value);
  const path = join(dir, fileName);
  writeFileSync(path, text);
  return path;
}

/** Where the far end wants media: the c= address and m=audio port of the 200 OK in sipp's message log, once it is there. */
export function answeredMedia(messageLog: string): { address: string; port: number } | undefined {
  const afterOk = messageLog.split(/^SIP\/2\.0 200 /m)[1] ?? '';
  const address = /^c=IN IP4 (\S+)/m.exec(afterOk)?.[1];
  const port = /^m=audio (\d+)/m.exec(afterOk)?.[1];
  return address && port ? { address, port: Number(port) } : undefined;
}

/** N loopback ports free for both TCP and UDP (scripts/rig/free-ports.mjs). */
export function freePorts(count: number): number[] {
  return execFileSync('node', [join(RIG, 'free-ports.mjs'), String(count)]).toString().trim().split(' ').map(Number);
}

/**
 * Bytes waiting in (or dropped by) the loopback UDP socket bound to `port`, from /proc/net/udp.
 * sipp's rtp_stream sends RTP but never reads its media socket, so anything here is RTP that
 * reached sipp: the proof that media flows towards the caller.
 */
export function udpArrivedAt(port: number): number {
  const local = `0100007F:${port.toString(16).toUpperCase().padStart(4, '0')}`;
  let bytes = 0;
  for (const line of readFileSync('/proc/net/udp', 'utf8').split('\n').slice(1)) {
    const fields = line.trim().split(/\s+/);
    if (fields[1] !== local) continue;
    const rxQueue = Number.parseInt(fields[4]?.split(':')[1] ?? '0', 16);
    const drops = Number(fields[12] ?? '0');
    bytes += rxQueue + drops;
  }
  return bytes;
}
