/**
 * Routing benchmark (not a test): `npm run bench:routing`.
 *
 * For 200 and 2,000 agents it measures
 *   - engine/arrival: items arriving one by one into the pure routing engine while agents take
 *     and finish work (the steady state of a contact center); latency = enqueue -> offer made;
 *   - engine/burst:   10 items per agent queued at once (a morning backlog), drained by
 *     repeated dispatch rounds; decisions/s over the whole drain;
 *   - hub/arrival:    the full contact center on a SQLite file (WAL): intake -> customer lookup ->
 *     item row -> routing -> offer row + event log, then accept / end / wrap-up to free the
 *     agent; latency = intake call until the offer is committed.
 * Decisions/s counts offers made per second of routing time.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import type { Channel } from '../src-common/domain';
import { CapacityConfig, HubConfig } from '../src-common/hub-config';
import { ContactCenter } from '../src-hub/center/contact-center';
import { systemClock } from '../src-hub/clock';
import { SeededRandom } from '../src-hub/demo/seeded-random';
import { RoutingEngine, type RoutingQueue } from '../src-hub/routing/engine';
import { openSqliteStore } from '../src-hub/storage/sqlite/sqlite-store';

const QUEUES: (RoutingQueue & { channel: Channel })[] = [
  { id: 'ventas', channel: 'chat', priority: 20, requiredSkills: { ventas: 1 } },
  { id: 'soporte', channel: 'chat', priority: 10, requiredSkills: { soporte: 3 } },
  { id: 'voz', channel: 'voice', priority: 30, requiredSkills: { voz: 2 } },
  { id: 'correo', channel: 'email', priority: 0, requiredSkills: { correo: 1 } },
];
const CAPACITY = CapacityConfig.parse({ voice: 1, chat: 3, email: 2, voiceExclusive: true, maxChatsDuringVoice: 1 });

interface Row {
  scenario: string;
  agents: number;
  items: number;
  decisionsPerSec: number;
  p50us: number | null;
  p99us: number | null;
}

function skillsFor(rnd: SeededRandom): Record<string, number> {
  // Everyone can sell; most do support; a third take calls; half answer email.
  const skills: Record<string, number> = { ventas: rnd.int(1, 10), soporte: rnd.int(1, 10) };
  if (rnd.next() < 0.35) skills.voz = rnd.int(2, 10);
  if (rnd.next() < 0.5) skills.correo = rnd.int(1, 10);
  return skills;
}

function percentile(sortedNs: number[], p: number): number {
  const i = Math.min(sortedNs.length - 1, Math.floor((p / 100) * sortedNs.length));
  return (sortedNs[i] ?? 0) / 1000;
}

const nowNs = (): number => Number(process.hrtime.bigint());

function newEngine(agentCount: number, rnd: SeededRandom): RoutingEngine {
  let n = 0;
  const engine = new RoutingEngine({ capacity: CAPACITY, offerTimeoutMs: 30_000, maxMissedOffers: 3, declineCooldownMs: 30_000, queues: QUEUES }, () => `of-${++n}`);
  for (let a = 0; a < agentCount; a++) {
    engine.addAgent({ id: `agent-${a}`, skills: skillsFor(rnd), selected: 'ready', reasonCode: null, idleSince: a, consecutiveMissed: 0 });
  }
  return engine;
}

function engineArrival(agentCount: number, itemCount: number): Row {
  const rnd = new SeededRandom(agentCount);
  const engine = newEngine(agentCount, rnd);
  const held: string[] = [];
  const latencies: number[] = [];
  let offers = 0;
  let routingNs = 0;
  let now = 1_000_000;
  for (let i = 0; i < itemCount; i++) {
    now += 10;
    const q = rnd.pick(QUEUES);
    const start = nowNs();
    engine.enqueue({ id: `i-${i}`, channel: q.channel, queueId: q.id, priority: q.priority, createdAt: now });
    const effects = engine.dispatch(now);
    const took = nowNs() - start;
    routingNs += took;
    latencies.push(took);
    offers += takeOffers(effects, engine, held);
    // Work finishes at the rate it arrives once the floor is ~60% occupied; freed capacity
    // pulls waiting items, and those dispatches count as routing time too.
    while (held.length > agentCount * 0.6) {
      const done = held.shift();
      if (done === undefined) break;
      engine.release(done, now);
      const began = nowNs();
      const more = engine.dispatch(now);
      routingNs += nowNs() - began;
      offers += takeOffers(more, engine, held);
    }
  }
  latencies.sort((a, b) => a - b);
  return { scenario: 'engine/arrival', agents: agentCount, items: itemCount, decisionsPerSec: offers / (routingNs / 1e9), p50us: percentile(latencies, 50), p99us: percentile(latencies, 99) };
}

/** Agents accept every offer (the bench measures routing, not people). */
function takeOffers(effects: ReturnType<RoutingEngine['dispatch']>, engine: RoutingEngine, held: string[]): number {
  let n = 0;
  for (const e of effects) {
    if (e.kind !== 'offered') continue;
    n++;
    engine.accept(e.offer.offerId, e.offer.agentId);
    held.push(e.offer.itemId);
  }
  return n;
}

function engineBurst(agentCount: number, itemCount: number): Row {
  const rnd = new SeededRandom(agentCount + 1);
  const engine = newEngine(agentCount, rnd);
  for (let i = 0; i < itemCount; i++) {
    const q = rnd.pick(QUEUES);
    engine.enqueue({ id: `i-${i}`, channel: q.channel, queueId: q.id, priority: q.priority, createdAt: i });
  }
  let offers = 0;
  let routingNs = 0;
  let now = itemCount;
  for (let round = 0; round < 10_000 && engine.queuedItemIds().length > 0; round++) {
    now += 1000;
    const start = nowNs();
    const effects = engine.dispatch(now);
    routingNs += nowNs() - start;
    if (effects.length === 0) break;
    for (const e of effects) {
      if (e.kind !== 'offered') continue;
      offers++;
      engine.accept(e.offer.offerId, e.offer.agentId);
      engine.release(e.offer.itemId, now);
    }
  }
  return { scenario: 'engine/burst', agents: agentCount, items: itemCount, decisionsPerSec: offers / (routingNs / 1e9), p50us: null, p99us: null };
}

async function hubArrival(agentCount: number, itemCount: number): Promise<Row> {
  const rnd = new SeededRandom(agentCount + 2);
  const dir = mkdtempSync(path.join(tmpdir(), 'centralita-bench-'));
  const opened = openSqliteStore(path.join(dir, 'hub.db'));
  if (!opened.ok) throw new Error(opened.error.message);
  const store = opened.value;
  const config = HubConfig.parse({
    lab: true,
    users: Array.from({ length: agentCount }, (_, a) => ({ id: `agent-${a}`, username: `agent${a}`, displayName: `Agent ${a}`, role: 'agent', password: 'x', skills: skillsFor(rnd) })),
    queues: QUEUES.map((q) => ({ id: q.id, name: q.id, channel: q.channel, priority: q.priority, requiredSkills: q.requiredSkills })),
    reasonCodes: [{ id: 'missed', label: 'Missed' }],
    dispositions: [{ id: 'resolved', label: 'Resolved' }],
    wrapUpSeconds: 0,
  });
  const center = new ContactCenter({ config, store, clock: systemClock, log: pino({ level: 'silent' }) });
  center.start();
  for (const u of config.users) center.setState(u.id, 'ready', null);
  const latencies: number[] = [];
  let intakeNs = 0;
  const held: { agentId: string; itemId: string }[] = [];
  for (let i = 0; i < itemCount; i++) {
    // Let timers run between actions as they would in a server (WAL checkpoints, expiry).
    if (i % 50 === 0) await new Promise((resolve) => setTimeout(resolve, 1));
    const q = rnd.pick(QUEUES);
    const from = q.channel === 'voice' ? `+3469${String(1_000_000 + i).padStart(7, '0')}` : `cliente${i % 5000}@example.es`;
    const start = nowNs();
    const created = center.submitWork({ channel: q.channel, queueId: q.id, from, subject: `Bench ${i}` });
    const took = nowNs() - start;
    intakeNs += took;
    latencies.push(took);
    if (!created.ok) throw new Error(created.error.message);
    // The agent takes every offer; work completes once ~60% of agents hold something.
    for (const agentId of created.value.agentId ? [created.value.agentId] : []) {
      const offer = center.snapshot(agentId)?.offers.find((o) => o.item.id === created.value.id);
      if (offer && center.acceptOffer(agentId, offer.offerId).ok) held.push({ agentId, itemId: offer.item.id });
    }
    while (held.length > agentCount * 0.6) {
      const done = held.shift();
      if (done) center.wrapUp(done.agentId, done.itemId, 'resolved', '');
    }
  }
  center.stop();
  store.close();
  rmSync(dir, { recursive: true, force: true });
  latencies.sort((a, b) => a - b);
  return { scenario: 'hub/arrival (SQLite)', agents: agentCount, items: itemCount, decisionsPerSec: itemCount / (intakeNs / 1e9), p50us: percentile(latencies, 50), p99us: percentile(latencies, 99) };
}

function print(rows: Row[]): void {
  const fmt = (n: number | null, digits = 1): string => (n === null ? '—' : n.toLocaleString('en-US', { maximumFractionDigits: digits }));
  const header = ['scenario', 'agents', 'items', 'decisions/s', 'offer p50 (µs)', 'offer p99 (µs)'];
  const body = rows.map((r) => [r.scenario, String(r.agents), String(r.items), fmt(r.decisionsPerSec, 0), fmt(r.p50us), fmt(r.p99us)]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => (b[i] ?? '').length)));
  const line = (cells: string[]): string => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ');
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const b of body) console.log(line(b));
}

const rows: Row[] = [];
for (const agents of [200, 2000]) {
  // Warm the JIT on a small run so the first measured scenario is not penalised.
  if (agents === 200) engineArrival(50, 2000);
  rows.push(engineArrival(agents, 20_000));
  rows.push(engineBurst(agents, agents * 10));
  rows.push(await hubArrival(agents, agents === 200 ? 5000 : 4000));
}
console.log(`Centralita routing benchmark — node ${process.version}, ${new Date().toISOString()}`);
print(rows);
