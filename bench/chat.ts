/**
 * Web chat benchmark (not a test), two parts:
 *
 * 1. Sockets: N customers × M messages through a real hub (SQLite file, loopback WebSockets).
 *    Customers are widget sockets; agents are desktop-protocol sockets that accept their offers.
 *    Measures customer → agent desktop socket and agent request → customer widget socket,
 *    p50/p99, and messages per second.
 * 2. UI: customers on widget sockets chat with agents whose desktops are the real renderer in
 *    Chromium (web mode via the launcher); each message is timed from the customer's send to its
 *    text painted in the agent's transcript (bench/support/chat-ui.ts, paint-probe.ts).
 *
 * Run (the UI part needs the full build, renderer included):
 *   node_modules/.bin/node scripts/build.mjs && node_modules/.bin/node dist/bench/chat.mjs \
 *     [customers] [messages] [round ms] [--ui-agents 3] [--ui-chats 3] [--ui-messages 20] [--no-ui]
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pino from 'pino';
import WebSocket from 'ws';
import { CHAT_PROTOCOL_VERSION, CHAT_WS_PATH, ChatServerFrame } from '../src-common/chat';
import { DESKTOP_WS_PATH, LoginResponse, PROTOCOL_VERSION, ServerFrame } from '../src-common/protocol';
import { startHub } from '../src-hub/embedded';
import { chatBenchConfig } from './support/bench-config';
import { percentile } from './support/figures';
import { runChatUiBench } from './support/chat-ui';
import { runBench, type CleanupStack } from './support/cleanup';

/** The repository root (this file runs bundled from dist/bench/). */
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const { values: flags, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    'ui-agents': { type: 'string', default: '3' },
    'ui-chats': { type: 'string', default: '3' },
    'ui-messages': { type: 'string', default: '20' },
    'no-ui': { type: 'boolean', default: false },
  },
});
const CUSTOMERS = Number(positionals[0] ?? 60);
const MESSAGES = Number(positionals[1] ?? 20);
/** Pause between rounds (every customer and every agent sends one message per round). */
const ROUND_MS = Number(positionals[2] ?? 100);
const CHATS_PER_AGENT = 3;
const AGENTS = Math.ceil(CUSTOMERS / CHATS_PER_AGENT);

const open = (url: string): Promise<WebSocket> =>
  new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });

const ms = (v: number): string => v.toFixed(2);

async function socketBench(cleanup: CleanupStack): Promise<string> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'centralita-bench-chat-'));
  cleanup.add('socket bench data folder', () => rmSync(dataDir, { recursive: true, force: true }));
  const hub = await startHub({ port: 0, dataDir, config: chatBenchConfig('bench', AGENTS, CHATS_PER_AGENT), logger: pino({ level: 'silent' }) });
  cleanup.add('socket bench hub', () => hub.stop());
  const wsBase = hub.url.replace(/^http/, 'ws');
  const sentAt = new Map<string, number>();
  const toAgent: number[] = [];
  const toCustomer: number[] = [];
  let accepted = 0;
  const agentSockets: { ws: WebSocket; items: string[] }[] = [];
  for (let i = 0; i < AGENTS; i++) {
    const res = await fetch(`${hub.url}/api/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: `bench-${i}`, password: 'centralita' }) });
    const { token } = LoginResponse.parse(await res.json());
    const ws = await open(`${wsBase}${DESKTOP_WS_PATH}`);
    cleanup.add(`agent socket ${i}`, () => ws.terminate());
    const agent = { ws, items: [] as string[] };
    agentSockets.push(agent);
    let req = 0;
    ws.on('message', (data) => {
      const frame = ServerFrame.parse(JSON.parse(data.toString()));
      if (frame.type !== 'event') return;
      const event = frame.event;
      if (event.kind === 'offer') ws.send(JSON.stringify({ type: 'request', id: `a${req++}`, op: 'acceptOffer', params: { offerId: event.offer.offerId } }));
      if (event.kind === 'item' && event.item.state === 'accepted' && !agent.items.includes(event.item.id)) {
        agent.items.push(event.item.id);
        accepted++;
      }
      if (event.kind === 'chat-message' && event.message.author === 'customer' && event.message.clientId) {
        const at = sentAt.get(event.message.clientId);
        if (at !== undefined) toAgent.push(performance.now() - at);
      }
    });
    ws.send(JSON.stringify({ type: 'hello', protocol: PROTOCOL_VERSION, token, resumeFrom: null }));
    ws.send(JSON.stringify({ type: 'request', id: 'ready', op: 'setState', params: { state: 'ready', reasonCode: null } }));
  }

  const customers: WebSocket[] = [];
  for (let i = 0; i < CUSTOMERS; i++) {
    const ws = await open(`${wsBase}${CHAT_WS_PATH}`);
    cleanup.add(`customer socket ${i}`, () => ws.terminate());
    ws.on('message', (data) => {
      const frame = ChatServerFrame.parse(JSON.parse(data.toString()));
      if (frame.type === 'message' && frame.message.author === 'agent' && frame.message.clientId) {
        const at = sentAt.get(frame.message.clientId);
        if (at !== undefined) toCustomer.push(performance.now() - at);
      }
    });
    ws.send(JSON.stringify({ type: 'hello', protocol: CHAT_PROTOCOL_VERSION, visitorToken: null, lastSeq: null }));
    ws.send(JSON.stringify({ type: 'start', form: { name: `Cliente ${i}`, topic: 'ventas' } }));
    customers.push(ws);
  }
  const deadline = Date.now() + 30_000;
  while (accepted < CUSTOMERS && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  if (accepted < CUSTOMERS) throw new Error(`only ${accepted} of ${CUSTOMERS} chats were accepted`);

  const started = performance.now();
  for (let m = 0; m < MESSAGES; m++) {
    for (const ws of customers) {
      const clientId = randomUUID();
      sentAt.set(clientId, performance.now());
      ws.send(JSON.stringify({ type: 'message', clientId, text: `mensaje ${m} del cliente` }));
    }
    for (const agent of agentSockets) {
      for (const itemId of agent.items) {
        const clientId = randomUUID();
        sentAt.set(clientId, performance.now());
        agent.ws.send(JSON.stringify({ type: 'request', id: clientId, op: 'sendChatMessage', params: { itemId, clientId, text: `respuesta ${m}` } }));
      }
    }
    await new Promise((r) => setTimeout(r, ROUND_MS));
  }
  const total = CUSTOMERS * MESSAGES;
  const until = Date.now() + 30_000;
  while ((toAgent.length < total || toCustomer.length < total) && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
  const seconds = (performance.now() - started) / 1000;
  const a = [...toAgent].sort((x, y) => x - y);
  const c = [...toCustomer].sort((x, y) => x - y);
  return (
    `chat bench: ${CUSTOMERS} customers × ${MESSAGES} messages each way, ${AGENTS} agents (${CHATS_PER_AGENT} chats each), a round every ${ROUND_MS} ms\n` +
    `  customer → agent socket: ${a.length}/${total} delivered, p50 ${ms(percentile(a, 50))} ms, p99 ${ms(percentile(a, 99))} ms\n` +
    `  agent → customer socket: ${c.length}/${total} delivered, p50 ${ms(percentile(c, 50))} ms, p99 ${ms(percentile(c, 99))} ms\n` +
    `  throughput: ${((a.length + c.length) / seconds).toFixed(0)} messages/s stored and delivered\n`
  );
}

async function uiBench(cleanup: CleanupStack): Promise<string> {
  const agents = Number(flags['ui-agents']);
  const chatsPerAgent = Number(flags['ui-chats']);
  const messages = Number(flags['ui-messages']);
  const result = await runChatUiBench({ root: ROOT, agents, chatsPerAgent, messages }, cleanup);
  const sort = (values: number[]) => [...values].sort((x, y) => x - y);
  const sorted = sort(result.latencies);
  const [transport, render] = [sort(result.transport), sort(result.render)];
  const errors = result.customerErrors.length > 0 ? `  widget errors: ${result.customerErrors.length} (first: ${result.customerErrors[0]})\n` : '';
  return (
    `chat UI bench: ${agents} agent desktops in Chromium × ${chatsPerAgent} open chats × ${messages} customer messages each; per round every agent focuses its next chat tab and that chat's customer sends one\n` +
    `  customer send → text painted in agent transcript: ${sorted.length}/${result.total} delivered, p50 ${ms(percentile(sorted, 50))} ms, p99 ${ms(percentile(sorted, 99))} ms, max ${ms(percentile(sorted, 100))} ms\n` +
    `    of which send → bridge frame in page p50 ${ms(percentile(transport, 50))} / p99 ${ms(percentile(transport, 99))} ms, frame → painted p50 ${ms(percentile(render, 50))} / p99 ${ms(percentile(render, 99))} ms (${render.length} split)\n` +
    `  clock alignment Node ↔ page within ±${ms(result.clockErrorMs)} ms; ${result.seconds.toFixed(1)} s of rounds\n` +
    errors
  );
}

async function main(cleanup: CleanupStack): Promise<void> {
  process.stdout.write(await socketBench(cleanup));
  // The socket bench's hub and clients go before the UI bench starts its own.
  await cleanup.run();
  if (!flags['no-ui']) process.stdout.write(await uiBench(cleanup));
}

runBench('chat', main);
