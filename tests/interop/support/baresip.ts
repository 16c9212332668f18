/**
 * baresip (Debian baresip-core), a real native SIP phone, started by scripts/rig/start-baresip.sh
 * and driven through its ctrl_tcp module (JSON in netstrings: commands with a token and their
 * response, plus every call event baresip reports). Two uses: a caller that follows transfers on
 * loopback (sipp cannot follow a REFER; baresip does it natively, like a desk phone or a
 * carrier's UA), and a listener inside the agent's network namespace that records what it plays
 * (the call-quality test's second receiver).
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const RIG = resolve(dirname(fileURLToPath(import.meta.url)), '../../../scripts/rig');

/** One event as baresip's ctrl_tcp reports it (the fields the tests read). */
export interface BaresipEvent {
  type: string;
  /** baresip's own call id (not the SIP Call-ID). */
  id?: string;
  direction?: string;
  peeruri?: string;
  param?: string;
  /** Local receive time, to order events against the phones'. */
  atMs: number;
}

export interface BaresipCaller {
  aor: string;
  /** Where start-baresip.sh --record put what baresip played (null without --record). */
  recordings: string | null;
  /** The UDP ports its RTP may use. */
  rtpPorts: [number, number];
  events: BaresipEvent[];
  /** Runs one menu command (dial, hangup…); rejects when baresip says it failed. */
  command(command: string, params?: string): Promise<string>;
  /** The end of baresip's own log, for a failing test's report. */
  log(lines?: number): string;
  /** baresip's whole log, with the trace of every SIP message it sent or received. */
  sipTrace(): string;
  stop(): Promise<void>;
}

function readEnv(file: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const match = /^([A-Z_]+)=(.*)$/.exec(line);
    if (match) env[match[1]] = match[2];
  }
  return env;
}

/** Splits a netstring stream ("<len>:<payload>,") into payloads; returns what is left over. */
function takeNetstrings(buffer: Buffer, onPayload: (payload: string) => void): Buffer {
  let rest = buffer;
  for (;;) {
    const colon = rest.indexOf(0x3a);
    if (colon < 0) return rest;
    const length = Number(rest.subarray(0, colon).toString('ascii'));
    if (!Number.isInteger(length)) throw new Error(`baresip ctrl_tcp: bad netstring header "${rest.subarray(0, colon).toString()}"`);
    if (rest.length < colon + 1 + length + 1) return rest;
    onPayload(rest.subarray(colon + 1, colon + 1 + length).toString('utf8'));
    rest = rest.subarray(colon + 1 + length + 1);
  }
}

/**
 * Registers `user` (e.g. an E.164 caller number) with the rig's Kamailio; the caller never
 * answers by itself. Its log holds a trace of every SIP message (what was signalled, and what was not).
 */
export function startBaresipCaller(options: { sipPort: string; user: string }): Promise<BaresipCaller> {
  return startBaresip(['--registrar', `127.0.0.1:${options.sipPort}`, '--user', options.user, '--answer', 'manual', '--control', '--sip-trace']);
}

/**
 * baresip inside a test network namespace at `address`, registered as `user` with the rig at
 * `registrar` (its address on the namespace's link), answering every call by itself, Opus only
 * with in-band FEC and concealment, recording what it plays.
 */
export function startBaresipListener(options: { netns: string; address: string; registrar: string; user: string }): Promise<BaresipCaller> {
  return startBaresip(['--netns', options.netns, '--address', options.address, '--registrar', options.registrar, '--user', options.user, '--answer', 'auto', '--codec', 'opus', '--record', '--control']);
}

async function startBaresip(args: string[]): Promise<BaresipCaller> {
  const dir = mkdtempSync(join(tmpdir(), 'centralita-baresip-'));
  try {
    await run(join(RIG, 'start-baresip.sh'), [dir, ...args], { timeout: 120_000 });
  } catch (cause) {
    await run(join(RIG, 'stop-baresip.sh'), [dir]).catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
    throw cause;
  }
  const env = readEnv(join(dir, 'baresip.env'));
  const socket: Socket = connect(Number(env.BARESIP_CTRL_PORT), env.BARESIP_CTRL_ADDRESS ?? '127.0.0.1');
  await new Promise<void>((resolveConnect, rejectConnect) => {
    socket.once('connect', resolveConnect);
    socket.once('error', rejectConnect);
  });
  const events: BaresipEvent[] = [];
  const pending = new Map<string, { resolve: (data: string) => void; reject: (error: Error) => void }>();
  let buffer: Buffer = Buffer.alloc(0);
  socket.on('data', (chunk: Buffer) => {
    buffer = takeNetstrings(Buffer.concat([buffer, chunk]), (payload) => {
      const message = JSON.parse(payload) as { event?: boolean; response?: boolean; ok?: boolean; data?: string; token?: string } & Omit<BaresipEvent, 'atMs'>;
      if (message.event) {
        events.push({ type: message.type, id: message.id, direction: message.direction, peeruri: message.peeruri, param: message.param, atMs: Date.now() });
      } else if (message.response && message.token !== undefined) {
        const waiter = pending.get(message.token);
        pending.delete(message.token);
        if (message.ok) waiter?.resolve(message.data ?? '');
        else waiter?.reject(new Error(`baresip refused the command: ${message.data ?? ''}`));
      }
    });
  });
  let nextToken = 0;
  return {
    aor: env.BARESIP_AOR ?? '',
    recordings: env.BARESIP_RECORDINGS ?? null,
    rtpPorts: (env.BARESIP_RTP_PORTS ?? '0-0').split('-').map(Number) as [number, number],
    events,
    command(command, params = '') {
      const token = String((nextToken += 1));
      const json = JSON.stringify({ command, params, token });
      return new Promise((resolveCommand, rejectCommand) => {
        pending.set(token, { resolve: resolveCommand, reject: rejectCommand });
        socket.write(`${Buffer.byteLength(json)}:${json},`);
      });
    },
    log(lines = 40) {
      try {
        return readFileSync(join(dir, 'baresip.log'), 'utf8').split('\n').slice(-lines).join('\n');
      } catch {
        return '(no baresip.log)';
      }
    },
    sipTrace() {
      return readFileSync(join(dir, 'baresip.log'), 'utf8');
    },
    async stop() {
      socket.destroy();
      await run(join(RIG, 'stop-baresip.sh'), [dir]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
