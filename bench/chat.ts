/**
 * Web chat benchmark (not a test): N customers × M messages through a real hub (SQLite file,
 * loopback WebSockets). Customers are widget sockets; agents are desktop-protocol sockets that
 * accept their offers. Measures message latency customer → agent desktop socket and agent
 * request → customer widget socket, p50/p99, and messages per second.
 *
 * Run: node_modules/.bin/node scripts/build.mjs --node-only && node_modules/.bin/node dist/bench/chat.mjs [customers] [messages] [round ms]
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import WebSocket from 'ws';
import { CHAT_PROTOCOL_VERSION, CHAT_WS_PATH, ChatServerFrame } from '../src-common/chat';
import { HubConfig } from '../src-common/hub-config';
import { DESKTOP_WS_PATH, LoginResponse, PROTOCOL_VERSION, ServerFrame } from '../src-common/protocol';
import { demoHubConfig } from '../src-hub/demo/demo-config';
import { startHub } from '../src-hub/embedded';

const CUSTOMERS = Number(process.argv[2] ?? 60);
const MESSAGES = Number(process.argv[3] ?? 20);
/** Pause between rounds (every customer and every agent sends one message per round). */
const ROUND_MS = Number(process.argv[4] ?? 100);
const CHATS_PER_AGENT = 3;
const AGENTS = Math.ceil(CUSTOMERS / CHATS_PER_AGENT);

function benchConfig(): HubConfig {
  const demo = demoHubConfig();
  const template = demo.users.find((u) => u.id === 'ana');
  if (!template) throw new Error('demo config has no ana');
  const agents = Array.from({ length: AGENTS }, (_, i) => ({ ...template, id: `bench-${i}`, username: `bench-${i}`, displayName: `Agente ${i}` }));
  // One loopback address plays every customer here, so the per-address limits are lifted.
  const chat = { ...demo.chat, messageBurst: 1000, messagesPerMinute: 60_000, startsPerAddressBurst: 100_000, startsPerAddressPerMinute: 100_000, socketsPerAddressBurst: 100_000, socketsPerAddressPerSecond: 100_000 };
  return HubConfig.parse({ ...demo, users: [...demo.users.filter((u) => u.role !== 'agent'), ...agents], chat, capacity: { ...demo.capacity, chat: CHATS_PER_AGENT } });
}

const open = (url: string): Promise<WebSocket> =>
  new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'centralita-bench-chat-'));
  const hub = await startHub({ port: 0, dataDir, config: benchConfig(), logger: pino({ level: 'silent' }) });
  const wsBase = hub.url.replace(/^http/, 'ws');
  const sentAt = new Map<string, number>();
  const toAgent: number[] = [];
  const toCustomer: number[] = [];
  let accepted = 0;
  const agentSockets: { ws: WebSocket; items: string[] }[] = [];
  try {
    for (let i = 0; i < AGENTS; i++) {
      const res = await fetch(`${hub.url}/api/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: `bench-${i}`, password: 'centralita' }) });
      const { token } = LoginResponse.parse(await res.json());
      const ws = await open(`${wsBase}${DESKTOP_WS_PATH}`);
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
    const ms = (v: number): string => v.toFixed(2);
    process.stdout.write(
      `chat bench: ${CUSTOMERS} customers × ${MESSAGES} messages each way, ${AGENTS} agents (${CHATS_PER_AGENT} chats each), a round every ${ROUND_MS} ms\n` +
        `  customer → agent socket: ${a.length}/${total} delivered, p50 ${ms(percentile(a, 50))} ms, p99 ${ms(percentile(a, 99))} ms\n` +
        `  agent → customer socket: ${c.length}/${total} delivered, p50 ${ms(percentile(c, 50))} ms, p99 ${ms(percentile(c, 99))} ms\n` +
        `  throughput: ${((a.length + c.length) / seconds).toFixed(0)} messages/s stored and delivered\n`,
    );
    for (const ws of customers) ws.close();
    for (const agent of agentSockets) agent.ws.close();
  } finally {
    await hub.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`chat bench failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});
