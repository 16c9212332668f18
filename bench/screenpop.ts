/**
 * Screen-pop latency (prints figures; not a test): with 100,000 customers in the hub and the
 * desktop's cache warming from it, how long from the offer event reaching the renderer to the
 * customer's context being painted in Chromium (web mode)?
 *
 *   npm run bench:screenpop [-- --customers 100000 --offers 50 --warm-seconds 30]
 *
 * Steps: bulk-seed a hub database (the demo generator, scaled), start that hub in this process,
 * start the desktop launcher against it (--hub-url), sign in as ana in Chromium, then for each
 * offer: create a chat item for a customer not seen before, take the time the `view` frame
 * carrying the offer arrives at the page and the time the context pane shows that customer
 * (both taken after the next animation frame, i.e. when painted), then accept, end and wrap up
 * so the agent is free for the next one.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { chromium, type Page } from 'playwright-core';
import type { Customer } from '../src-common/domain';
import { LoginResponse } from '../src-common/protocol';
import { generateDemoDataset } from '../src-hub/demo/demo-dataset';
import { HUB_DB_FILE, startHub } from '../src-hub/embedded';
import { openSqliteStore } from '../src-hub/storage/sqlite/sqlite-store';
import { percentile } from './support/figures';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const { values: flags } = parseArgs({
  options: {
    customers: { type: 'string', default: '100000' },
    offers: { type: 'string', default: '50' },
    'warm-seconds': { type: 'string', default: '30' },
  },
});
const CUSTOMERS = Number(flags.customers);
const OFFERS = Number(flags.offers);
const WARM_SECONDS = Number(flags['warm-seconds']);


function seedHub(dataDir: string): { customers: Customer[]; ms: number } {
  const started = Date.now();
  const data = generateDemoDataset(Date.now(), CUSTOMERS);
  const opened = openSqliteStore(path.join(dataDir, HUB_DB_FILE));
  if (!opened.ok) throw new Error(opened.error.message);
  const store = opened.value;
  store.transaction(() => {
    for (const c of data.customers) store.customers.insert(c);
    for (const t of data.timeline) store.customers.addTimelineEntry({ ...t, workItemId: null });
  });
  store.close();
  return { customers: data.customers, ms: Date.now() - started };
}

function startLauncher(hubUrl: string, dataDir: string): Promise<{ child: ChildProcess; desktopUrl: string }> {
  const start = process.env.CENTRALITA_BENCH_START ?? path.join(ROOT, 'dist/node/start.mjs');
  const child = spawn(process.execPath, [start, '--no-open', '--port', '0', '--hub-url', hubUrl, '--data', dataDir], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`launcher did not start:\n${output}`)), 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const url = /^Desktop \(web mode\): (\S+)/m.exec(output)?.[1];
      if (url) {
        clearTimeout(timer);
        resolve({ child, desktopUrl: url });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`launcher exited (${code}):\n${output}`)));
  });
}

/**
 * Runs in the page before the app (plain JS: this file compiles without DOM types). Timestamps
 * each customer's first offer frame as it arrives on the bridge socket, and the moment the
 * context pane showing that customer has been painted (two animation frames after the DOM
 * change).
 */
const INSTRUMENT_PAGE = `
(() => {
  const pop = { offerAt: {}, paintedAt: {} };
  window.__pop = pop;
  const Native = window.WebSocket;
  window.WebSocket = class extends Native {
    constructor(url, protocols) {
      super(url, protocols);
      this.addEventListener('message', (ev) => {
        const arrived = performance.now();
        if (typeof ev.data !== 'string' || !ev.data.includes('"offers"')) return;
        const frame = JSON.parse(ev.data);
        if (frame.type !== 'event' || frame.name !== 'view') return;
        for (const offer of frame.payload.offers) {
          const id = offer.item.customerId;
          if (id && !(id in pop.offerAt)) pop.offerAt[id] = arrived;
        }
      });
    }
  };
  new MutationObserver(() => {
    const pane = document.querySelector('aside[data-customer-id]');
    const id = pane && pane.getAttribute('data-customer-id');
    if (id && !(id in pop.paintedAt) && pane.querySelector('.customer-name')) {
      pop.paintedAt[id] = -1;
      requestAnimationFrame(() => requestAnimationFrame(() => { pop.paintedAt[id] = performance.now(); }));
    }
  }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-customer-id'] });
})();
`;

interface PopTimes {
  __pop: { offerAt: Record<string, number>; paintedAt: Record<string, number> };
}

async function waitForPop(page: Page, customerId: string): Promise<number> {
  // A function, not a string: the page's CSP forbids eval, and Playwright calls functions over CDP.
  const handle = await page.waitForFunction(
    (id: string) => {
      const pop = (globalThis as unknown as PopTimes).__pop;
      const painted = pop.paintedAt[id];
      const offered = pop.offerAt[id];
      return painted !== undefined && painted > 0 && offered !== undefined ? painted - offered : null;
    },
    customerId,
    { timeout: 30_000, polling: 20 },
  );
  return Number(await handle.jsonValue());
}

async function main(): Promise<void> {
  const hubDir = mkdtempSync(path.join(tmpdir(), 'centralita-bench-hub-'));
  const deskDir = mkdtempSync(path.join(tmpdir(), 'centralita-bench-desk-'));
  let launcher: ChildProcess | null = null;
  const seeded = seedHub(hubDir);
  console.log(`seeded ${seeded.customers.length} customers in ${seeded.ms} ms`);
  const hub = await startHub({ dataDir: hubDir, seedDemoData: false, simulate: false, logLevel: 'warn' });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
  try {
    const started = await startLauncher(hub.url, deskDir);
    launcher = started.child;
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    await page.addInitScript({ content: INSTRUMENT_PAGE });
    await page.goto(started.desktopUrl);
    await page.getByLabel('Usuario').fill('ana');
    await page.getByLabel('Contraseña').fill('centralita');
    await page.getByRole('button', { name: 'Entrar' }).click();
    await page.getByRole('banner').waitFor();
    console.log(`signed in; letting the desktop cache warm for ${WARM_SECONDS} s`);
    await page.waitForTimeout(WARM_SECONDS * 1000);
    await page.getByLabel('Estado', { exact: true }).selectOption('ready');

    const login = await fetch(`${hub.url}/api/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: 'centralita' }) });
    const token = LoginResponse.parse(await login.json()).token;
    const step = Math.floor(seeded.customers.length / (OFFERS + 1));
    const samples: number[] = [];
    for (let i = 1; i <= OFFERS; i++) {
      const customer = seeded.customers[i * step];
      const email = customer?.identities.find((id) => id.kind === 'email')?.value;
      if (!customer || !email) continue;
      const created = await fetch(`${hub.url}/api/work-items`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ channel: 'chat', queueId: 'ventas', from: email, subject: `Bench ${i}` }),
      });
      if (!created.ok) throw new Error(`work item ${i}: ${created.status} ${await created.text()}`);
      samples.push(await waitForPop(page, customer.id));
      await page.locator('li.offer').first().getByRole('button', { name: 'Aceptar' }).click();
      await page.getByRole('button', { name: 'Finalizar' }).click();
      const form = page.getByRole('form', { name: 'Cierre de la interacción' });
      await form.getByRole('radio').first().check();
      await form.getByRole('button', { name: 'Guardar y terminar' }).click();
      await page.locator('.state-now .state-name', { hasText: /^Disponible$/ }).waitFor();
    }
    const sorted = [...samples].sort((a, b) => a - b);
    console.log(`screen pop, offer frame -> context painted (${sorted.length} offers, ${seeded.customers.length} customers):`);
    console.log(`  p50 ${percentile(sorted, 50).toFixed(1)} ms   p95 ${percentile(sorted, 95).toFixed(1)} ms   max ${percentile(sorted, 100).toFixed(1)} ms`);
  } finally {
    await browser.close();
    if (launcher?.pid && launcher.exitCode === null) {
      const exited = new Promise((resolve) => launcher?.once('exit', resolve));
      process.kill(launcher.pid, 'SIGTERM');
      await exited;
    }
    await hub.stop();
    rmSync(hubDir, { recursive: true, force: true });
    rmSync(deskDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
