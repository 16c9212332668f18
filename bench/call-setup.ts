/**
 * Call-setup benchmark (not a test): `npm run bench:call-setup`.
 *
 * Starts the interop rig (scripts/rig: Kamailio 5.6 + rtpengine in userspace, loopback, free
 * ports), registers two answering user agents to it and has sipp call each of them through
 * Kamailio, CALLS calls each (plus one warm-up call that is not counted):
 *   - ours:    the product's phone engine (SIP.js + our WebRTC handler) in Debian's Chromium with
 *              fake media, registered over WebSocket; it auto-answers because the INVITE carries
 *              `Call-Info: …;answer-after=0` (the engine's own auto-answer path, no test hook);
 *              rtpengine turns sipp's plain RTP offer into ICE + DTLS-SRTP for it;
 *   - baresip: Debian's baresip-core, registered over UDP, `answermode=auto`, plain RTP.
 * Both are timed the same way, from sipp's message log (microsecond timestamps): first INVITE
 * sent → first 200 OK for that INVITE received. Prints p50/p95 per agent and the ratio.
 * Every process it starts (rtpengine, Kamailio, baresip, sipp, Chromium) is stopped by PID, on
 * failure and on Ctrl-C too.
 */
import { build } from 'esbuild';
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { chromium, type Browser, type Page } from 'playwright-core';

const CALLS = 20;
/** Calls per second; with one call at a time (-l 1) each call is over before the next starts. */
const CALLS_PER_SECOND = 2;
const PHONE_USER = 'phone';
const BARESIP_USER = 'baresip';

const run = promisify(execFile);

/** dist/bench/call-setup.mjs runs from the repo; `npx tsx bench/call-setup.ts` would too. */
function repoRoot(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  for (const candidate of [path.resolve(here, '../..'), path.resolve(here, '..'), process.cwd()]) {
    if (existsSync(path.join(candidate, 'scripts/rig/start.sh'))) return candidate;
  }
  throw new Error('cannot find the repository (scripts/rig/start.sh); run from the repo root');
}

const ROOT = repoRoot();
const RIG = path.join(ROOT, 'scripts/rig');

/** Things to undo, newest first; each runs once even if the bench is interrupted twice. */
const cleanups: Array<{ what: string; undo: () => Promise<void> }> = [];
let cleaning: Promise<void> | null = null;

function onCleanup(what: string, undo: () => Promise<void>): void {
  // Started while cleaning up after Ctrl-C (main() is still unwinding): undo it at once.
  if (cleaning) void undo().catch(() => undefined);
  else cleanups.push({ what, undo });
}

function cleanUp(): Promise<void> {
  cleaning ??= (async () => {
    for (const step of cleanups.reverse()) {
      await step.undo().catch((error: unknown) => console.error(`cleanup (${step.what}) failed: ${String(error)}`));
    }
  })();
  return cleaning;
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 2000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

async function freeLoopbackPorts(count: number): Promise<number[]> {
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

async function startRig(work: string): Promise<Record<string, string>> {
  const dir = path.join(work, 'rig');
  // stop.sh only stops PIDs start.sh recorded, so registering it first is safe if start fails.
  onCleanup('rig', async () => {
    await run(path.join(RIG, 'stop.sh'), [dir]);
  });
  await run(path.join(RIG, 'start.sh'), [dir, '--static-aor', `sip:${PHONE_USER}@lab.centralita`], { timeout: 180_000 });
  return readEnvFile(path.join(dir, 'rig.env'));
}

async function startBaresip(work: string, sipPort: string): Promise<string> {
  const dir = path.join(work, 'baresip');
  onCleanup('baresip', async () => {
    await run(path.join(RIG, 'stop-baresip.sh'), [dir]);
  });
  await run(path.join(RIG, 'start-baresip.sh'), [dir, '--registrar', `127.0.0.1:${sipPort}`, '--user', BARESIP_USER], { timeout: 120_000 });
  const banner = /baresip v[\d.]+/.exec(readFileSync(path.join(dir, 'baresip.log'), 'utf8'));
  return banner?.[0] ?? 'baresip';
}

/** What the interop test page (tests/interop/phone-page/entry.ts) puts on the window. */
interface PhonePageWindow {
  phoneUnderTest: {
    start(config: Record<string, unknown>): Promise<string | null>;
    events: Array<{ type: string; registration?: string; call?: { id: string; state: string } }>;
  };
}

/** The phone under test: the interop test page, served on loopback, in Chromium with fake media. */
async function openPhone(work: string, wsUrl: string): Promise<{ page: Page; browserVersion: string }> {
  const pageDir = path.join(work, 'phone-page');
  await build({
    entryPoints: [path.join(ROOT, 'tests/interop/phone-page/entry.ts')],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'chrome120',
    outfile: path.join(pageDir, 'phone.js'),
    logLevel: 'silent',
  });
  writeFileSync(path.join(pageDir, 'index.html'), '<!doctype html><meta charset="utf-8"><title>phone under test</title><script type="module" src="/phone.js"></script>');
  const server: Server = createServer((request, response) => {
    const file = request.url === '/phone.js' ? 'phone.js' : 'index.html';
    response.writeHead(200, { 'content-type': file.endsWith('.js') ? 'text/javascript' : 'text/html' });
    response.end(readFileSync(path.join(pageDir, file)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  onCleanup('page server', () => new Promise((resolve) => server.close(() => resolve())));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;

  const browser: Browser = await chromium.launch({
    // Our own signal handlers stop everything in order; Playwright's would exit the process first.
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', '--autoplay-policy=no-user-gesture-required', '--disable-gpu', '--disable-dev-shm-usage',
      '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
  onCleanup('chromium', () => browser.close());
  const page = await browser.newPage();
  await page.goto(`http://127.0.0.1:${port}/`);
  await page.waitForFunction(() => 'phoneUnderTest' in globalThis);
  // The product's defaults (iceGatheringTimeoutMs 500, honourAutoAnswerHeaders true) on purpose.
  const failure = await page.evaluate(
    (config) => (globalThis as unknown as PhonePageWindow).phoneUnderTest.start(config),
    { serverUrl: wsUrl, aor: `sip:${PHONE_USER}@lab.centralita`, displayName: 'Bench phone' },
  );
  if (failure !== null) throw new Error(`our phone did not start: ${failure}`);
  await page.waitForFunction(
    () => (globalThis as unknown as PhonePageWindow).phoneUnderTest.events.filter((event) => event.type === 'registration').at(-1)?.registration === 'registered',
    undefined,
    { timeout: 10_000, polling: 25 },
  );
  return { page, browserVersion: browser.version() };
}

/** Calls the page's engine reports as answered (reached `active`). */
function answeredCalls(page: Page): Promise<number> {
  return page.evaluate(() => {
    const ids = new Set<string>();
    for (const event of (globalThis as unknown as PhonePageWindow).phoneUnderTest.events) {
      if (event.type === 'call-updated' && event.call?.state === 'active') ids.add(event.call.id);
    }
    return ids.size;
  });
}

/** Runs sipp with the setup scenario against `service` and returns its message log. */
async function sippCalls(work: string, label: string, sipPort: string, service: string, calls: number): Promise<string> {
  const scenario = path.join(ROOT, 'tests/interop/support/sipp-setup-caller.xml');
  const [localPort, mediaPort] = await freeLoopbackPorts(2);
  const messageLog = path.join(work, `${label}-messages.log`);
  const errorLog = path.join(work, `${label}-errors.log`);
  let output = '';
  const child = spawn(
    'sipp',
    [`127.0.0.1:${sipPort}`, '-sf', scenario, '-s', service, '-i', '127.0.0.1', '-p', String(localPort), '-mi', '127.0.0.1', '-mp', String(mediaPort),
      '-m', String(calls), '-l', '1', '-r', String(CALLS_PER_SECOND), '-rp', '1000', '-timeout', '120s', '-nostdin',
      '-trace_msg', '-message_file', messageLog, '-trace_err', '-error_file', errorLog],
    { cwd: work, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const stop = (): Promise<void> => stopChild(child);
  onCleanup(`sipp ${label}`, stop);
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const code = await new Promise<number>((resolve) => child.once('exit', (exitCode) => resolve(exitCode ?? -1)));
  if (code !== 0) {
    const errors = existsSync(errorLog) ? readFileSync(errorLog, 'utf8').slice(-2000) : '';
    throw new Error(`sipp (${label}) exited with ${code}: not every call was answered\n${output.slice(-2000)}\n${errors}`);
  }
  return readFileSync(messageLog, 'utf8');
}

/** sipp's log stamps each message "----…---- 2026-11-25 01:38:39.370294" (local time, µs). */
const ENTRY_HEADER = /^-{20,} (\d{4}-\d{2}-\d{2}) (\d{2}):(\d{2}):(\d{2}(?:\.\d+)?)\s*$/gm;

interface CallLog {
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

/** Nearest-rank percentile of an ascending list. */
function percentile(sorted: number[], p: number): number {
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

interface Figures {
  label: string;
  byeUnanswered: number;
  p50: number;
  p95: number;
  min: number;
  max: number;
}

async function measure(work: string, label: string, sipPort: string, service: string): Promise<Figures> {
  // One call first, not counted: Chromium's first getUserMedia/peer connection and baresip's
  // first audio device open are start-up costs, not call setup.
  await sippCalls(work, `${label}-warmup`, sipPort, service, 1);
  const calls = readCallLog(await sippCalls(work, label, sipPort, service, CALLS));
  const times = calls.setupMs.sort((a, b) => a - b);
  if (times.length !== CALLS) throw new Error(`${label}: timed ${times.length} of ${CALLS} calls in sipp's log`);
  return { label, byeUnanswered: calls.byeUnanswered, p50: percentile(times, 50), p95: percentile(times, 95), min: times[0], max: times[times.length - 1] };
}

const ms = (value: number): string => `${value.toFixed(value < 10 ? 2 : 1)} ms`;

async function main(): Promise<void> {
  const work = mkdtempSync(path.join(tmpdir(), 'centralita-bench-call-setup-'));
  // CALL_SETUP_KEEP_LOGS=1 keeps the logs (sipp, Kamailio, rtpengine, baresip) for a look afterwards.
  const keepLogs = process.env.CALL_SETUP_KEEP_LOGS === '1';
  onCleanup('temp dir', async () => (keepLogs ? console.log(`logs kept in ${work}`) : rmSync(work, { recursive: true, force: true })));
  console.log(`Centralita call-setup benchmark — ${new Date().toISOString()}`);
  const rig = await startRig(work);
  console.log(`rig: Kamailio udp 127.0.0.1:${rig.SIP_PORT} + ${rig.WS_URL}, rtpengine (userspace); pids ${rig.KAMAILIO_PID}, ${rig.RTPENGINE_PID}`);
  const phone = await openPhone(work, rig.WS_URL);
  const baresipVersion = await startBaresip(work, rig.SIP_PORT);
  console.log(`agents registered: ours (SIP.js engine, Chromium ${phone.browserVersion}, WebSocket) and ${baresipVersion} (UDP)`);

  const ours = await measure(work, 'ours', rig.SIP_PORT, PHONE_USER);
  const answered = await answeredCalls(phone.page);
  if (answered !== CALLS + 1) throw new Error(`our engine reports ${answered} answered calls, sipp placed ${CALLS + 1}`);
  const baresip = await measure(work, 'baresip', rig.SIP_PORT, BARESIP_USER);

  console.log(`\nINVITE -> 200 OK through Kamailio, ${CALLS} calls each (+1 warm-up), sipp 3.6 message-log timestamps, one call at a time:`);
  for (const row of [ours, baresip]) {
    console.log(`  ${row.label.padEnd(8)} p50 ${ms(row.p50).padStart(9)}   p95 ${ms(row.p95).padStart(9)}   min ${ms(row.min).padStart(9)}   max ${ms(row.max).padStart(9)}`);
  }
  console.log(`  ratio ours/baresip: p50 ${(ours.p50 / baresip.p50).toFixed(1)}x   p95 ${(ours.p95 / baresip.p95).toFixed(1)}x`);
  for (const row of [ours, baresip]) {
    if (row.byeUnanswered > 0) console.log(`  WARNING ${row.label}: ${row.byeUnanswered} of ${CALLS} caller BYEs got no answer (the caller would see 408 after 32 s)`);
  }
  console.log('  ours: plain RTP offer turned into ICE + DTLS-SRTP by rtpengine, answered after getUserMedia and ICE gathering;');
  console.log('  baresip: plain RTP both ways. Both auto-answer (ours: Call-Info answer-after=0; baresip: answermode=auto).');
}

let interrupted = false;
for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
  process.once(signal, () => {
    interrupted = true;
    console.error(`${signal}: stopping everything the bench started`);
    void cleanUp().then(() => process.exit(code));
  });
}

main()
  .then(cleanUp)
  .catch(async (error: unknown) => {
    if (interrupted) return;
    console.error(`call-setup bench failed: ${error instanceof Error ? error.message : String(error)}`);
    await cleanUp();
    process.exitCode = 1;
  });
