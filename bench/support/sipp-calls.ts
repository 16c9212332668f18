/**
 * The call-setup bench's caller and clock: sipp places the calls through Kamailio
 * (tests/interop/support/sipp-setup-caller.xml) and its message log, stamped in microseconds,
 * gives INVITE sent → 200 OK received per call, the same way for every phone.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { stopChild, type CleanupStack } from './cleanup';
import { percentile } from './figures';
import { ROOT, freeLoopbackPorts } from './call-setup-rig';

/** Calls per second; with one call at a time (-l 1) each call is over before the next starts. */
const CALLS_PER_SECOND = 2;

/**
 * Runs sipp with the setup scenario against `service` (one call at a time) and returns its message
 * log. sipp also binds the ports after its media port (video RTP); when another process took one
 * between the free-port probe and sipp's start, no call was placed yet, so it runs again.
 */
export async function sippCalls(work: string, cleanup: CleanupStack, label: string, sipPort: string, service: string, calls: number): Promise<string> {
  for (let attempt = 1; ; attempt += 1) {
    const outcome = await runSipp(work, cleanup, label, sipPort, service, calls);
    if (outcome.ok) return outcome.log;
    if (!outcome.portTaken || attempt === 3) throw new Error(outcome.error);
  }
}

async function runSipp(work: string, cleanup: CleanupStack, label: string, sipPort: string, service: string, calls: number): Promise<{ ok: true; log: string } | { ok: false; error: string; portTaken: boolean }> {
  const scenario = path.join(ROOT, 'tests/interop/support/sipp-setup-caller.xml');
  const [localPort, mediaPort] = await freeLoopbackPorts(2);
  const messageLog = path.join(work, `${label}-messages.log`);
  const errorLog = path.join(work, `${label}-errors.log`);
  // A retried run must not read the failed attempt's messages.
  rmSync(messageLog, { force: true });
  let output = '';
  const child = spawn(
    'sipp',
    [`127.0.0.1:${sipPort}`, '-sf', scenario, '-s', service, '-i', '127.0.0.1', '-p', String(localPort), '-mi', '127.0.0.1', '-mp', String(mediaPort),
      '-m', String(calls), '-l', '1', '-r', String(CALLS_PER_SECOND), '-rp', '1000', '-timeout', '120s', '-nostdin',
      '-trace_msg', '-message_file', messageLog, '-trace_err', '-error_file', errorLog],
    { cwd: work, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  cleanup.add(`sipp ${label}`, () => stopChild(child));
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const code = await new Promise<number>((resolve) => child.once('exit', (exitCode) => resolve(exitCode ?? -1)));
  if (code !== 0) {
    const errors = existsSync(errorLog) ? readFileSync(errorLog, 'utf8').slice(-2000) : '';
    const portTaken = /Unable to bind .*Address already in use/.test(output);
    return { ok: false, portTaken, error: `sipp (${label}) exited with ${code}: not every call was answered\n${output.slice(-2000)}\n${errors}` };
  }
  return { ok: true, log: readFileSync(messageLog, 'utf8') };
}

/** sipp's log stamps each message "----…---- 2026-11-25 01:38:39.370294" (local time, µs). */
const ENTRY_HEADER = /^-{20,} (\d{4}-\d{2}-\d{2}) (\d{2}):(\d{2}):(\d{2}(?:\.\d+)?)\s*$/gm;

export interface CallLog {
  /** INVITE → 200 OK per call, in ms. */
  setupMs: number[];
  /** Calls whose caller BYE got no final answer (the phone left the caller hanging). */
  byeUnanswered: number;
}

/**
 * Reads a sipp message log: per Call-ID, the first INVITE sent (retransmissions ignored) to the
 * first 200 OK received for it (CSeq INVITE); and whether the caller's BYE was answered.
 */
export function readCallLog(log: string): CallLog {
  const headers = [...log.matchAll(ENTRY_HEADER)];
  const invitedAt = new Map<string, number>();
  const answeredAt = new Map<string, number>();
  const byeSent = new Set<string>();
  const byeAnswered = new Set<string>();
  headers.forEach((header, index) => {
    const [, date, hours, minutes, seconds] = header;
    const atMs = Date.parse(`${date}T00:00:00Z`) + (Number(hours) * 3600 + Number(minutes) * 60 + Number(seconds)) * 1000;
    const body = log.slice((header.index ?? 0) + header[0].length, headers[index + 1]?.index ?? log.length);
    const sent = /message sent/.test(body);
    // The entry's first line says sent/received; the SIP start line comes next.
    const startLine = body.split('\n').map((line) => line.trim()).filter((line) => line !== '')[1] ?? '';
    const callId = /^Call-ID:\s*(\S+)/im.exec(body)?.[1];
    const cseqMethod = /^CSeq:\s*\d+\s+(\w+)/im.exec(body)?.[1];
    if (!callId) return;
    if (sent && startLine.startsWith('INVITE ') && !invitedAt.has(callId)) invitedAt.set(callId, atMs);
    if (!sent && /^SIP\/2\.0 200\b/.test(startLine) && cseqMethod === 'INVITE' && !answeredAt.has(callId)) answeredAt.set(callId, atMs);
    if (sent && startLine.startsWith('BYE ')) byeSent.add(callId);
    if (!sent && /^SIP\/2\.0 2\d\d\b/.test(startLine) && cseqMethod === 'BYE') byeAnswered.add(callId);
  });
  const setupMs: number[] = [];
  for (const [callId, invited] of invitedAt) {
    const answered = answeredAt.get(callId);
    if (answered !== undefined) setupMs.push(answered - invited);
  }
  return { setupMs, byeUnanswered: [...byeSent].filter((callId) => !byeAnswered.has(callId)).length };
}


export interface Figures {
  label: string;
  calls: number;
  byeUnanswered: number;
  p50: number;
  p95: number;
  min: number;
  max: number;
}

/** p50/p95/min/max of the setup times of `label`'s calls, gathered over every round. */
export function figuresOf(label: string, logs: CallLog[]): Figures {
  const times = logs.flatMap((log) => log.setupMs).sort((a, b) => a - b);
  const byeUnanswered = logs.reduce((sum, log) => sum + log.byeUnanswered, 0);
  return { label, calls: times.length, byeUnanswered, p50: percentile(times, 50), p95: percentile(times, 95), min: times[0] ?? Number.NaN, max: times.at(-1) ?? Number.NaN };
}
