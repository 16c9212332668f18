/**
 * Email intake benchmark (not a test): `npm run bench:email`.
 *
 * Against the per-run mail rig (scripts/rig/mail: Postfix + Dovecot on loopback, needs root and
 * installs with apt on first use):
 *   1. a support mailbox is filled with 10,000 customer mails by IMAP APPEND (the mix of
 *      bench/support/mail-corpus.ts, ~2,000 customers), timed;
 *   2. the peer, in the same run: a bare imapflow client fetching every full message (msg/s);
 *   3. a hub (temp SQLite, demo config plus that mailbox) starts and takes the backlog: time from
 *      start until every message is filed, the rate and its ratio to the peer, and this
 *      process's memory (the hub runs in it) before, after and at its peak, sampled every 200 ms;
 *   4. arrival -> offer: a second, fresh hub on a second, empty mailbox, the three demo agents on
 *      real desktop sockets taking, ending and wrapping up every offer at once; N mails go
 *      through Postfix at ~5/s; per mail, from Postfix's 250 to the offer at the agent's socket.
 * The backlog's 10,000 open items would keep any agent busy for good, hence the second hub.
 * The intake's sender check asks DNS once per message and files one message at a time, so the
 * resolver's latency is printed with the rate; `--dns none` answers those lookups at once.
 *
 * Run: npm run bench:email [-- --messages 10000 --customers 2000 --arrivals 100 --rate 5 --dns none]
 */
import Database from 'better-sqlite3';
import { ImapFlow } from 'imapflow';
import nodemailer from 'nodemailer';
import dns from 'node:dns';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import v8 from 'node:v8';
import vm from 'node:vm';
import WebSocket from 'ws';
import type { HubConfig } from '../src-common/hub-config';
import { DESKTOP_WS_PATH, LoginResponse, PROTOCOL_VERSION, ServerFrame, type HubOpName } from '../src-common/protocol';
import { demoHubConfig } from '../src-hub/demo/demo-config';
import { HUB_DB_FILE, startHub } from '../src-hub/embedded';
import { percentile } from './support/figures';
import { runBench, type CleanupStack } from './support/cleanup';
import { corpus, type MailKind } from './support/mail-corpus';
import { startMailRig, type MailRig as Rig } from './support/mail-rig';

const { values: flags } = parseArgs({
  options: {
    messages: { type: 'string', default: '10000' },
    customers: { type: 'string', default: '2000' },
    arrivals: { type: 'string', default: '100' },
    rate: { type: 'string', default: '5' },
    'append-connections': { type: 'string', default: '4' },
    dns: { type: 'string', default: 'system' },
  },
});
const MESSAGES = Number(flags.messages);
const CUSTOMERS = Number(flags.customers);
const ARRIVALS = Number(flags.arrivals);
const RATE = Number(flags.rate);
const APPEND_CONNECTIONS = Number(flags['append-connections']);
/** `none`: the sender check's lookups answer "no such record" at once, to show the hub without DNS. */
const DNS_MODE = flags.dns === 'none' ? 'none' : 'system';
/** The backlog's mailbox, and the empty one the arrivals go to. */
const BACKLOG = { address: 'soporte@example.test', password: 'soporte-pw' };
const ARRIVAL = { address: 'entrada@example.test', password: 'entrada-pw' };
const AGENTS = ['ana', 'jordi', 'marta'];
/** Intake that files nothing for this long has stalled: report it rather than wait for ever. */
const STALL_MS = 120_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const mib = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(0)} MiB`;

/**
 * A real GC before reading memory, so "before" and "after" compare live data, not garbage.
 * Without --expose-gc on the command line the flag is set at run time; null if that is refused.
 */
function gcFunction(): (() => void) | null {
  try {
    v8.setFlagsFromString('--expose-gc');
    const gc: unknown = vm.runInNewContext('gc');
    return typeof gc === 'function' ? () => void gc() : null;
  } catch {
    return null;
  }
}

/**
 * The sender check (mailauth) asks DNS through dns.promises.resolve for every message, and the
 * intake files one message at a time, so the resolver's latency is part of the intake rate:
 * every lookup is timed here; with --dns none it is answered at once instead.
 */
function instrumentDns(): number[] {
  const lookups: number[] = [];
  const resolve = dns.promises.resolve;
  const timed = async (name: string, type: string): Promise<unknown> => {
    const started = performance.now();
    try {
      if (DNS_MODE === 'none') throw Object.assign(new Error(`queryTxt ENOTFOUND ${name}`), { code: 'ENOTFOUND' });
      return await resolve(name, type as 'TXT');
    } finally {
      lookups.push(performance.now() - started);
    }
  };
  dns.promises.resolve = timed as unknown as typeof dns.promises.resolve;
  return lookups;
}

async function imapClient(rig: Rig, user: { address: string; password: string }): Promise<ImapFlow> {
  const client = new ImapFlow({ host: '127.0.0.1', port: rig.imapPort, secure: false, auth: { user: user.address, pass: user.password }, logger: false });
  await client.connect();
  return client;
}

interface AppendResult {
  ms: number;
  bytes: number;
  kinds: Record<MailKind, number>;
  replies: number;
}

/** Several connections share one generator: APPEND is one round trip per message. */
async function appendBacklog(rig: Rig): Promise<AppendResult> {
  const mails = corpus({ count: MESSAGES, customers: CUSTOMERS, runTag: `${Date.now().toString(36)}`, to: BACKLOG.address });
  const result: AppendResult = { ms: 0, bytes: 0, kinds: { plain: 0, html: 0, 'latin1-qp': 0, attachment: 0 }, replies: 0 };
  const clients = await Promise.all(Array.from({ length: APPEND_CONNECTIONS }, () => imapClient(rig, BACKLOG)));
  try {
    const started = performance.now();
    await Promise.all(
      clients.map(async (client) => {
        for (let next = mails.next(); !next.done; next = mails.next()) {
          const mail = next.value;
          result.bytes += mail.raw.length;
          result.kinds[mail.kind] += 1;
          if (mail.reply) result.replies += 1;
          if (!(await client.append('INBOX', mail.raw))) throw new Error('IMAP APPEND refused');
        }
      }),
    );
    result.ms = performance.now() - started;
  } finally {
    await Promise.all(clients.map((c) => c.logout().catch(() => c.close())));
  }
  return result;
}

/** The peer: one bare client, one FETCH of every full message. */
async function baselineFetch(rig: Rig): Promise<{ ms: number; messages: number }> {
  const client = await imapClient(rig, BACKLOG);
  try {
    await client.mailboxOpen('INBOX', { readOnly: true });
    const started = performance.now();
    let messages = 0;
    for await (const message of client.fetch('1:*', { uid: true, source: true })) if (message.source) messages += 1;
    return { ms: performance.now() - started, messages };
  } finally {
    await client.logout().catch(() => client.close());
  }
}

function hubConfig(rig: Rig, user: { address: string; password: string }): HubConfig {
  const demo = demoHubConfig();
  return {
    ...demo,
    email: {
      mailboxes: [
        {
          id: 'soporte',
          queueId: 'correo',
          imap: { host: '127.0.0.1', port: rig.imapPort, secure: false, user: user.address, auth: { password: user.password } },
          folder: 'INBOX',
          afterIntake: 'flag',
          address: user.address,
          displayName: 'Soporte Centralita',
          // IDLE brings new mail; the poll only covers dropped IDLE, so it stays at its default.
          pollSeconds: 60,
        },
      ],
      smtp: { host: '127.0.0.1', port: rig.smtpPort, secure: false },
      maxSendAttempts: 3,
    },
  };
}

interface IntakeResult {
  firstMs: number;
  allMs: number;
  /** When each quarter of the backlog had been filed (ms after start): does the rate hold? */
  quarters: number[];
  dnsMs: number[];
  states: string;
  items: number;
  before: NodeJS.MemoryUsage;
  filed: NodeJS.MemoryUsage;
  afterGc: NodeJS.MemoryUsage | null;
  peakRss: number;
}

async function measureIntake(cleanup: CleanupStack, rig: Rig, gc: (() => void) | null, dnsLookups: number[]): Promise<IntakeResult> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'centralita-bench-email-hub-'));
  cleanup.add('hub data folder', () => rmSync(dataDir, { recursive: true, force: true }));
  gc?.();
  const before = process.memoryUsage();
  let peakRss = before.rss;
  dnsLookups.length = 0;
  const started = performance.now();
  const hub = await startHub({ port: 0, dataDir, config: hubConfig(rig, BACKLOG), seedDemoData: false, simulate: false, logLevel: 'silent' });
  cleanup.add('intake hub', () => hub.stop());
  // Read-only and separate from the hub's connection, as any outside observer would count.
  const db = new Database(path.join(dataDir, HUB_DB_FILE), { readonly: true, fileMustExist: true });
  cleanup.add('intake database reader', () => void db.close());
  const filedCount = db.prepare<[], { n: number }>("SELECT count(*) AS n FROM email_messages WHERE direction = 'in' AND state IN ('processed', 'duplicate')");
  let firstMs = NaN;
  let lastCount = 0;
  let lastProgress = started;
  const quarters: number[] = [];
  for (;;) {
    await sleep(200);
    const now = performance.now();
    peakRss = Math.max(peakRss, process.memoryUsage.rss());
    const count = filedCount.get()?.n ?? 0;
    if (count > 0 && Number.isNaN(firstMs)) firstMs = now - started;
    if (count > lastCount) [lastCount, lastProgress] = [count, now];
    while (quarters.length < 4 && count >= ((quarters.length + 1) * MESSAGES) / 4) quarters.push(now - started);
    if (count >= MESSAGES) break;
    if (now - lastProgress > STALL_MS) throw new Error(`intake stalled at ${count}/${MESSAGES} filed`);
  }
  const allMs = performance.now() - started;
  const dnsMs = [...dnsLookups].sort((a, b) => a - b);
  const filed = process.memoryUsage();
  const states = db
    .prepare<[], { state: string; n: number }>("SELECT state, count(*) AS n FROM email_messages WHERE direction = 'in' GROUP BY state ORDER BY state")
    .all()
    .map((r) => `${r.state} ${r.n}`)
    .join(', ');
  const items = db.prepare<[], { n: number }>("SELECT count(*) AS n FROM work_items WHERE channel = 'email'").get()?.n ?? 0;
  db.close();
  gc?.();
  const afterGc = gc ? process.memoryUsage() : null;
  await hub.stop();
  return { firstMs, allMs, quarters, dnsMs, states, items, before, filed, afterGc, peakRss };
}

type OpResult = Extract<ServerFrame, { type: 'response' }>['result'];

/** One agent's desktop socket: takes every offer, ends it and wraps it up at once. */
async function connectAgent(url: string, username: string, onOffer: (subject: string, at: number) => void, onDone: () => void): Promise<WebSocket> {
  const response = await fetch(`${url}/api/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: 'centralita' }) });
  const login = LoginResponse.parse(await response.json());
  const ws = new WebSocket(`${url.replace(/^http/, 'ws')}${DESKTOP_WS_PATH}`);
  const waiting = new Map<string, (result: OpResult) => void>();
  let nextId = 1;
  const request = (op: HubOpName, params: unknown): Promise<OpResult> =>
    new Promise((resolve) => {
      const id = `r${nextId++}`;
      waiting.set(id, resolve);
      ws.send(JSON.stringify({ type: 'request', id, op, params }));
    });
  const must = async (op: HubOpName, params: unknown): Promise<void> => {
    const result = await request(op, params);
    if (!result.ok) throw new Error(`${username} ${op}: ${result.error.message}`);
  };
  let welcomed: () => void = () => undefined;
  const welcome = new Promise<void>((resolve) => (welcomed = resolve));
  ws.on('message', (data: Buffer) => {
    const at = performance.now();
    const frame = ServerFrame.parse(JSON.parse(data.toString('utf8')));
    if (frame.type === 'welcome') welcomed();
    if (frame.type === 'response') {
      waiting.get(frame.id)?.(frame.result);
      waiting.delete(frame.id);
    }
    if (frame.type !== 'event' || frame.event.kind !== 'offer') return;
    const { offerId, item } = frame.event.offer;
    onOffer(item.subject, at);
    void (async () => {
      await must('acceptOffer', { offerId });
      await must('endWork', { itemId: item.id });
      await must('wrapUp', { itemId: item.id, disposition: 'resolved', notes: '' });
    })()
      .catch((error: unknown) => process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`))
      .finally(onDone);
  });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  ws.send(JSON.stringify({ type: 'hello', protocol: PROTOCOL_VERSION, token: login.token, resumeFrom: null }));
  await welcome;
  await must('setState', { state: 'ready', reasonCode: null });
  return ws;
}

interface ArrivalResult {
  latencies: number[];
  smtpMs: number[];
  received: number;
  maxHeld: number;
  sendSeconds: number;
}

async function measureArrivals(cleanup: CleanupStack, rig: Rig): Promise<ArrivalResult> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'centralita-bench-email-arrivals-'));
  cleanup.add('arrivals hub data folder', () => rmSync(dataDir, { recursive: true, force: true }));
  const hub = await startHub({ port: 0, dataDir, config: hubConfig(rig, ARRIVAL), seedDemoData: false, simulate: false, logLevel: 'silent' });
  cleanup.add('arrivals hub', () => hub.stop());
  const tag = Date.now().toString(36);
  const acceptedAt = new Map<string, number>();
  const offeredAt = new Map<string, number>();
  let held = 0;
  let maxHeld = 0;
  const onOffer = (subject: string, at: number): void => {
    if (!offeredAt.has(subject)) offeredAt.set(subject, at);
    held += 1;
    maxHeld = Math.max(maxHeld, held);
  };
  for (const agent of AGENTS) {
    const ws = await connectAgent(hub.url, agent, onOffer, () => (held -= 1));
    cleanup.add(`${agent}'s socket`, () => ws.close());
  }
  const transport = nodemailer.createTransport({ host: '127.0.0.1', port: rig.smtpPort, secure: false, pool: true, maxConnections: 4 });
  cleanup.add('SMTP pool', () => transport.close());
  const send = (subject: string, customer: number) =>
    transport.sendMail({ from: { name: 'Clienta Llegada', address: `llegada${customer}@llegadas.example` }, to: ARRIVAL.address, subject, text: `Hola, os escribo por ${subject}.` });
  const waitOffer = async (subject: string, timeoutMs: number): Promise<boolean> => {
    for (const deadline = performance.now() + timeoutMs; performance.now() < deadline; await sleep(20)) if (offeredAt.has(subject)) return true;
    return false;
  };
  // A first mail opens the hub's IMAP session and IDLE; it is not counted.
  const warmUp = `Calentamiento ${tag}`;
  await send(warmUp, 9_999);
  if (!(await waitOffer(warmUp, 30_000))) throw new Error('the warm-up mail never became an offer');
  maxHeld = 0;

  const smtpMs: number[] = [];
  const sends: Promise<void>[] = [];
  const started = performance.now();
  for (let i = 0; i < ARRIVALS; i += 1) {
    await sleep(started + (i * 1000) / RATE - performance.now());
    const subject = `Consulta ${tag} #${i}`;
    const submitted = performance.now();
    sends.push(
      send(subject, i).then(() => {
        acceptedAt.set(subject, performance.now());
        smtpMs.push(performance.now() - submitted);
      }),
    );
  }
  await Promise.all(sends);
  const sendSeconds = (performance.now() - started) / 1000;
  const subjects = Array.from({ length: ARRIVALS }, (_, i) => `Consulta ${tag} #${i}`);
  for (const deadline = performance.now() + 30_000; performance.now() < deadline && subjects.some((s) => !offeredAt.has(s)); ) await sleep(50);
  const latencies = subjects.flatMap((s) => {
    const offer = offeredAt.get(s);
    const accepted = acceptedAt.get(s);
    return offer !== undefined && accepted !== undefined ? [offer - accepted] : [];
  });
  await hub.stop();
  return { latencies: latencies.sort((a, b) => a - b), smtpMs: smtpMs.sort((a, b) => a - b), received: latencies.length, maxHeld, sendSeconds };
}

async function main(cleanup: CleanupStack): Promise<void> {
  const gc = gcFunction();
  const dnsLookups = instrumentDns();
  const rig = await startMailRig(cleanup, [BACKLOG, ARRIVAL]);
  const appended = await appendBacklog(rig);
  const baseline = await baselineFetch(rig);
  if (baseline.messages !== MESSAGES) throw new Error(`the mailbox holds ${baseline.messages} messages, not ${MESSAGES}`);
  const intake = await measureIntake(cleanup, rig, gc, dnsLookups);
  const arrivals = await measureArrivals(cleanup, rig);

  const perSecond = (n: number, ms: number): number => n / (ms / 1000);
  const baseRate = perSecond(baseline.messages, baseline.ms);
  const intakeRate = perSecond(MESSAGES, intake.allMs);
  const k = appended.kinds;
  const lat = arrivals.latencies;
  const ms = (v: number): string => `${v.toFixed(0)} ms`;
  const mem = (m: NodeJS.MemoryUsage): string => `RSS ${mib(m.rss)}, heap ${mib(m.heapUsed)}`;
  const capacity = AGENTS.length * demoHubConfig().capacity.email;
  const quarterRates = intake.quarters.map((at, q) => MESSAGES / 4 / ((at - (intake.quarters[q - 1] ?? 0)) / 1000));
  const dnsMs = intake.dnsMs;
  const dnsSum = dnsMs.reduce((a, b) => a + b, 0);
  const lines = [
    `bench:email — ${MESSAGES} messages in Dovecot (${(appended.bytes / 2 ** 20).toFixed(1)} MiB from ${CUSTOMERS} customers: plain ${k.plain}, html ${k.html}, ISO-8859-1 QP ${k['latin1-qp']}, attachment ${k.attachment}; ${appended.replies} threaded answers) — node ${process.version}`,
    `  append        ${(appended.ms / 1000).toFixed(1)} s over ${APPEND_CONNECTIONS} IMAP connections (${perSecond(MESSAGES, appended.ms).toFixed(0)} msg/s)`,
    `  baseline      bare imapflow FETCH 1:* (full source): ${(baseline.ms / 1000).toFixed(1)} s, ${baseRate.toFixed(0)} msg/s`,
    `  hub intake    all ${MESSAGES} filed ${(intake.allMs / 1000).toFixed(1)} s after startHub (±0.2 s; first after ${ms(intake.firstMs)}): ${intakeRate.toFixed(0)} msg/s = ${((intakeRate / baseRate) * 100).toFixed(2)} % of the baseline (1/${(baseRate / intakeRate).toFixed(0)})`,
    `                per quarter of the backlog: ${quarterRates.map((r) => r.toFixed(0)).join(' / ')} msg/s`,
    `                sender check DNS (${DNS_MODE === 'none' ? 'answered at once, --dns none' : "this machine's resolver"}): ${dnsMs.length} lookups, ${(dnsSum / 1000).toFixed(1)} s in all = ${((dnsSum / intake.allMs) * 100).toFixed(0)} % of the intake time; p50 ${dnsMs.length ? percentile(dnsMs, 50).toFixed(1) : '-'} ms, p99 ${dnsMs.length ? percentile(dnsMs, 99).toFixed(0) : '-'} ms, max ${(dnsMs.at(-1) ?? 0).toFixed(0)} ms`,
    `                rows: ${intake.states}; ${intake.items} email items (threaded answers join their first mail's item)`,
    `  hub memory    before ${mem(intake.before)}${gc ? ' (after GC)' : ''}; all filed ${mem(intake.filed)}; ${intake.afterGc ? `after GC ${mem(intake.afterGc)}; ` : ''}peak RSS ${mib(intake.peakRss)} (200 ms samples; the bench runs in the same process)`,
    `  arrival→offer ${arrivals.received}/${ARRIVALS} offers for mails sent at ${(ARRIVALS / arrivals.sendSeconds).toFixed(1)}/s, from Postfix's 250 to the offer at the agent's socket:`,
    `                p50 ${ms(percentile(lat, 50))}, p95 ${ms(percentile(lat, 95))}, p99 ${ms(percentile(lat, 99))}, max ${ms(lat.at(-1) ?? NaN)}`,
    `                SMTP submit p50 ${ms(percentile(arrivals.smtpMs, 50))}; ${AGENTS.length} agents, at most ${arrivals.maxHeld} of ${capacity} email slots held at once (${arrivals.maxHeld < capacity ? 'no queueing' : 'capacity reached: some mails queued'})`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

runBench('email', main);
