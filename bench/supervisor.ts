/**
 * Supervisor dashboard benchmark (not a test): `npm run bench:supervisor`.
 *
 * A real hub (SQLite file, HTTP + WebSocket) with 2,000 agents and 20 supervisors whose
 * desktops are real WebSocket clients. Work arrives at 200 items/s for 20 s; the agents take
 * each offer at once and finish it a few seconds later (through the contact center, as a
 * desktop's ops do). For each item the figure is: intake on the hub -> the first dashboard
 * frame at each supervisor's socket that counts it ("event -> supervisor's view", before the
 * window paints it; the renderer adds one frame). The push is throttled to once a second by
 * design, so p50 sits near half a second.
 *
 * Also printed: frames and bytes per supervisor, and this process's CPU and memory (the hub
 * shares the process with the load generator and the 20 socket clients, so it is an upper
 * bound for the hub).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';
import { HubConfig } from '../src-common/hub-config';
import { DESKTOP_WS_PATH, LoginResponse, PROTOCOL_VERSION, ServerFrame } from '../src-common/protocol';
import { SeededRandom } from '../src-hub/demo/seeded-random';
import { startHub } from '../src-hub/embedded';

const AGENTS = 2_000;
const SUPERVISORS = 20;
const RATE_PER_SECOND = 200;
const SECONDS = 20;
const PASSWORD = 'bench-password';
const QUEUES = [
  { id: 'ventas', name: 'Ventas', channel: 'chat', priority: 20, requiredSkills: { ventas: 1 } },
  { id: 'soporte', name: 'Soporte', channel: 'chat', priority: 10, requiredSkills: { soporte: 3 } },
  { id: 'voz', name: 'Voz', channel: 'voice', priority: 30, requiredSkills: { voz: 2 } },
  { id: 'correo', name: 'Correo', channel: 'email', priority: 0, requiredSkills: { correo: 1 } },
] as const;

function config(rnd: SeededRandom): HubConfig {
  const agents = Array.from({ length: AGENTS }, (_, a) => {
    const skills: Record<string, number> = { ventas: rnd.int(1, 10), soporte: rnd.int(1, 10) };
    if (rnd.next() < 0.35) skills.voz = rnd.int(2, 10);
    if (rnd.next() < 0.5) skills.correo = rnd.int(1, 10);
    return { id: `a${a}`, username: `a${a}`, displayName: `Agente ${a}`, role: 'agent', password: PASSWORD, skills };
  });
  const supervisors = Array.from({ length: SUPERVISORS }, (_, s) => ({ id: `s${s}`, username: `s${s}`, displayName: `Supervisor ${s}`, role: 'supervisor', password: PASSWORD }));
  return HubConfig.parse({
    lab: true,
    users: [...agents, ...supervisors],
    queues: QUEUES,
    reasonCodes: [{ id: 'missed', label: 'Missed' }, { id: 'break', label: 'Break' }],
    dispositions: [{ id: 'resolved', label: 'Resolved' }],
    wrapUpSeconds: 0,
  });
}

interface SupervisorClient {
  frames: number;
  bytes: number;
  /** How many items the last dashboard counted as offered today. */
  counted: number;
  close(): void;
}

async function connectSupervisor(url: string, username: string, onCount: (count: number, at: number) => void): Promise<SupervisorClient> {
  const response = await fetch(`${url}/api/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: PASSWORD }) });
  const login = LoginResponse.parse(await response.json());
  const ws = new WebSocket(`${url.replace(/^http/, 'ws')}${DESKTOP_WS_PATH}`);
  const client: SupervisorClient = { frames: 0, bytes: 0, counted: 0, close: () => ws.close() };
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => {
      ws.send(JSON.stringify({ type: 'hello', protocol: PROTOCOL_VERSION, token: login.token, resumeFrom: null }));
      resolve();
    });
    ws.once('error', reject);
  });
  ws.on('message', (data: Buffer) => {
    const at = performance.now();
    const frame = ServerFrame.safeParse(JSON.parse(data.toString('utf8')));
    if (!frame.success || frame.data.type !== 'live' || frame.data.update.kind !== 'supervisor') return;
    client.frames += 1;
    client.bytes += data.length;
    const count = frame.data.update.dashboard.queues.reduce((n, q) => n + q.offered, 0);
    if (count > client.counted) onCount(count, at);
    client.counted = Math.max(client.counted, count);
  });
  return client;
}

const percentile = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function main(): Promise<void> {
  const rnd = new SeededRandom(11);
  const dataDir = mkdtempSync(path.join(tmpdir(), 'centralita-bench-supervisor-'));
  const hub = await startHub({ port: 0, dataDir, config: config(rnd), seedDemoData: false, simulate: false, logLevel: 'silent' });
  try {
    const center = hub.center;
    for (let a = 0; a < AGENTS; a++) center.setState(`a${a}`, 'ready', null);

    const submittedAt: number[] = [];
    const latencies: number[] = [];
    const clients: SupervisorClient[] = [];
    for (let s = 0; s < SUPERVISORS; s++) {
      const client = await connectSupervisor(hub.url, `s${s}`, (count, at) => {
        for (let i = client.counted; i < Math.min(count, submittedAt.length); i++) latencies.push(at - (submittedAt[i] ?? at));
      });
      clients.push(client);
    }
    await sleep(1_500);
    for (const client of clients) client.frames = client.bytes = 0;

    // Agents take offers at once and finish work 2-6 s later, freeing capacity as a centre does.
    const finishing: { agentId: string; itemId: string; at: number }[] = [];
    const agentLoop = setInterval(() => {
      const now = performance.now();
      for (const offer of center.pendingOffers()) {
        const accepted = center.acceptOffer(offer.agentId, offer.offerId);
        if (accepted.ok) finishing.push({ agentId: offer.agentId, itemId: accepted.value.id, at: now + 2_000 + rnd.next() * 4_000 });
      }
      for (let i = finishing.length - 1; i >= 0; i--) {
        const work = finishing[i];
        if (!work || work.at > now) continue;
        finishing.splice(i, 1);
        center.endWork(work.agentId, work.itemId);
        center.wrapUp(work.agentId, work.itemId, 'resolved', '');
      }
    }, 20);

    const cpuStart = process.cpuUsage();
    const wallStart = performance.now();
    const total = RATE_PER_SECOND * SECONDS;
    let next = 0;
    while (next < total) {
      const due = Math.floor(((performance.now() - wallStart) / 1000) * RATE_PER_SECOND);
      for (; next < Math.min(due, total); next++) {
        const q = QUEUES[next % QUEUES.length] ?? QUEUES[0];
        const from = q.channel === 'voice' ? `+3469${String(1_000_000 + next).padStart(7, '0')}` : `cliente${next % 5000}@example.es`;
        submittedAt.push(performance.now());
        const created = center.submitWork({ channel: q.channel, queueId: q.id, from, subject: `Bench ${next}` });
        if (!created.ok) throw new Error(created.error.message);
      }
      await sleep(5);
    }
    const loadSeconds = (performance.now() - wallStart) / 1000;
    await sleep(2_500);
    clearInterval(agentLoop);
    const cpu = process.cpuUsage(cpuStart);
    const wall = (performance.now() - wallStart) / 1000;
    const memory = process.memoryUsage();

    latencies.sort((a, b) => a - b);
    const expected = total * SUPERVISORS;
    const frames = clients.reduce((n, c) => n + c.frames, 0) / SUPERVISORS;
    const bytes = clients.reduce((n, c) => n + c.bytes, 0) / SUPERVISORS;
    console.log(`Centralita supervisor benchmark — node ${process.version}, ${new Date().toISOString()}`);
    console.log(`${AGENTS} agents, ${SUPERVISORS} supervisors, ${total} items at ${(total / loadSeconds).toFixed(0)} items/s over ${loadSeconds.toFixed(1)} s`);
    console.log(`event -> supervisor socket: p50 ${percentile(latencies, 50).toFixed(0)} ms, p95 ${percentile(latencies, 95).toFixed(0)} ms, p99 ${percentile(latencies, 99).toFixed(0)} ms (${latencies.length}/${expected} item-views measured)`);
    console.log(`per supervisor: ${frames.toFixed(1)} frames, ${(bytes / frames / 1024).toFixed(0)} KiB per frame, ${(bytes / wall / 1024).toFixed(0)} KiB/s`);
    console.log(`process (hub + load + clients): CPU ${(((cpu.user + cpu.system) / 1e6 / wall) * 100).toFixed(0)} % of one core, RSS ${(memory.rss / 2 ** 20).toFixed(0)} MiB, heap ${(memory.heapUsed / 2 ** 20).toFixed(0)} MiB`);
    for (const client of clients) client.close();
  } finally {
    await hub.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
