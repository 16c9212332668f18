/**
 * Outbox drain benchmark (not a test): a real hub (SQLite file, loopback WebSocket) and a real
 * desktop MainServices (cache worker, outbox). The hub stops, the agent writes N customer notes
 * offline (spread over 50 customers), the hub comes back on the same port, and the bench times
 *   - the drain: from the desktop being online again to the last entry acknowledged (entries/s);
 *   - a write made during the drain: a new note on another customer, from invoke to its answer
 *     (repeated while the drain lasts; p50 and max over the tries and rounds).
 * The same run drains a smaller backlog one entry per round trip (batch size 1) as the baseline.
 *
 * Run: npm run bench:outbox [-- --entries 1000 --rounds 3 --baseline-entries 300]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { DesktopView } from '../src-common/ipc';
import { startHub } from '../src-hub/embedded';
import { findCacheWorker } from '../src-main/services/cache/cache-client';
import { createMainServices, type MainServices } from '../src-main/services';
import { followView } from '../src-main/services/view-follower';
import { percentile } from './support/figures';
import { runBench, type CleanupStack } from './support/cleanup';

const { values: flags } = parseArgs({
  options: {
    entries: { type: 'string', default: '1000' },
    rounds: { type: 'string', default: '3' },
    'baseline-entries': { type: 'string', default: '300' },
  },
});
const ENTRIES = Number(flags.entries);
const ROUNDS = Number(flags.rounds);
const BASELINE_ENTRIES = Number(flags['baseline-entries']);
const CUSTOMERS = 50;
const customerId = (i: number): string => `cust-${String((i % CUSTOMERS) + 1).padStart(4, '0')}`;

interface Desktop {
  services: MainServices;
  view(): DesktopView | null;
  until(what: string, predicate: (view: DesktopView) => boolean, timeoutMs?: number): Promise<void>;
}

async function startDesktop(cleanup: CleanupStack, hubUrl: string, batchSize: number | undefined): Promise<Desktop> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'centralita-bench-outbox-desktop-'));
  cleanup.add('desktop data folder', () => rmSync(dataDir, { recursive: true, force: true }));
  const cacheWorkerPath = findCacheWorker();
  if (!cacheWorkerPath) throw new Error('cache worker bundle missing: run node scripts/build.mjs --node-only');
  const services = await createMainServices({ dataDir, policyPath: null, defaultHubUrl: hubUrl, cacheWorkerPath, reconnect: { initialMs: 20, maxMs: 100 }, outboxBatchSize: batchSize });
  cleanup.add('desktop services', () => services.close());
  let current: DesktopView | null = null;
  const waiters = new Set<() => void>();
  followView(services, (view) => {
    current = view;
    for (const wake of waiters) wake();
  });
  const until = (what: string, predicate: (view: DesktopView) => boolean, timeoutMs = 120_000): Promise<void> =>
    new Promise((resolve, reject) => {
      const check = (): void => {
        if (current && predicate(current)) {
          waiters.delete(check);
          clearTimeout(timer);
          resolve();
        }
      };
      const timer = setTimeout(() => {
        waiters.delete(check);
        reject(new Error(`timed out waiting for ${what}`));
      }, timeoutMs);
      waiters.add(check);
      check();
    });
  const login = await services.invoke('session.login', { username: 'ana', password: 'centralita' });
  if (!login.ok) throw new Error(`login failed: ${login.error.message}`);
  return { services, view: () => current, until };
}

interface RoundResult {
  drainMs: number;
  midDrainAcks: number[];
}

/** One round: hub down, `entries` notes written offline, hub back; times the drain and writes made during it. */
async function drainRound(desktop: Desktop, restartHub: () => Promise<void>, stopHub: () => Promise<void>, entries: number, round: number, probe: boolean): Promise<RoundResult> {
  await stopHub();
  await desktop.until('offline', (v) => v.status === 'reconnecting');
  for (let i = 0; i < entries; i += 1) {
    const written = await desktop.services.invoke('customer.addNote', { customerId: customerId(i), channel: 'voice', text: `Nota ${round}-${i} escrita sin conexión` });
    if (!written.ok) throw new Error(`offline write failed: ${written.error.message}`);
  }
  await desktop.until('backlog on disk', (v) => v.outboxPending === entries);
  const online = desktop.until('online', (v) => v.status === 'online');
  await restartHub();
  await online;
  const started = performance.now();
  const drained = desktop.until('drained', (v) => v.outboxPending === 0 && v.outboxRefused.length === 0);
  const midDrainAcks: number[] = [];
  if (probe) {
    let done = false;
    void drained.then(() => (done = true));
    for (let i = 0; !done; i += 1) {
      const sentAt = performance.now();
      const ack = await desktop.services.invoke('customer.addNote', { customerId: 'cust-maria', channel: 'voice', text: `Nota urgente ${round}-${i}` });
      if (!ack.ok) throw new Error(`mid-drain write failed: ${ack.error.message}`);
      midDrainAcks.push(performance.now() - sentAt);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  await drained;
  return { drainMs: performance.now() - started, midDrainAcks };
}

async function scenario(cleanup: CleanupStack, batchSize: number | undefined, entries: number, rounds: number, probe: boolean): Promise<RoundResult[]> {
  const hubDir = mkdtempSync(path.join(tmpdir(), 'centralita-bench-outbox-hub-'));
  cleanup.add('hub data folder', () => rmSync(hubDir, { recursive: true, force: true }));
  const options = { dataDir: hubDir, seedDemoData: true, simulate: false, logLevel: 'silent' as const };
  let hub = await startHub({ ...options, port: 0 });
  const port = hub.port;
  cleanup.add('hub', () => hub.stop());
  const desktop = await startDesktop(cleanup, hub.url, batchSize);
  const results: RoundResult[] = [];
  for (let round = 0; round < rounds; round += 1) {
    results.push(
      await drainRound(
        desktop,
        async () => {
          hub = await startHub({ ...options, port });
        },
        () => hub.stop(),
        entries,
        round,
        probe,
      ),
    );
  }
  return results;
}

const ms = (v: number): string => v.toFixed(0);

async function main(cleanup: CleanupStack): Promise<void> {
  const batched = await scenario(cleanup, undefined, ENTRIES, ROUNDS, true);
  await cleanup.run();
  const baseline = BASELINE_ENTRIES > 0 ? await scenario(cleanup, 1, BASELINE_ENTRIES, 1, false) : [];
  const drains = batched.map((r) => r.drainMs).sort((a, b) => a - b);
  const acks = batched.flatMap((r) => r.midDrainAcks).sort((a, b) => a - b);
  const rate = (entries: number, drainMs: number): number => entries / (drainMs / 1000);
  const lines = [
    `outbox drain, ${ENTRIES} entries queued offline (notes on ${CUSTOMERS} customers), ${ROUNDS} rounds:`,
    `  drain time   p50 ${ms(percentile(drains, 50))} ms, max ${ms(drains.at(-1) ?? NaN)} ms  (${rate(ENTRIES, percentile(drains, 50)).toFixed(0)} entries/s at p50)`,
    `  write made during the drain, acknowledged in  p50 ${ms(percentile(acks, 50))} ms, max ${ms(acks.at(-1) ?? NaN)} ms  (${acks.length} writes)`,
  ];
  if (baseline[0]) {
    const baseRate = rate(BASELINE_ENTRIES, baseline[0].drainMs);
    lines.push(
      `  baseline, one entry per round trip: ${BASELINE_ENTRIES} entries in ${ms(baseline[0].drainMs)} ms (${baseRate.toFixed(0)} entries/s); batches drain ${(rate(ENTRIES, percentile(drains, 50)) / baseRate).toFixed(1)}x faster`,
    );
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}

runBench('outbox', main);
