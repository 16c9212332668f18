/**
 * The chat bench's UI part: customers on widget sockets (Node) chat with agents whose desktops
 * are the real renderer in Chromium (web mode, through the launcher, against a hub this process
 * runs). Each message is timed from the customer's send to its text painted in the agent's
 * transcript (see paint-probe.ts for how paint is detected and how the clocks are aligned).
 *
 * The desktop shows one chat's transcript at a time (the focused tab; the others only count
 * unread). So the bench works in rounds: each agent focuses its next chat tab, then the
 * customer of every focused chat sends one message, and the round ends when all are painted.
 * Every message is thus measured in a transcript, with each agent holding all its chats open.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { chromium, type Browser, type Page } from 'playwright-core';
import WebSocket from 'ws';
import { CHAT_PROTOCOL_VERSION, CHAT_WS_PATH, ChatServerFrame } from '../../src-common/chat';
import { startHub } from '../../src-hub/embedded';
import { chatBenchConfig } from './bench-config';
import type { CleanupStack } from './cleanup';
import { startLauncher } from './launcher-process';
import { epochNow, measureClockOffset, MESSAGE_MARK, PAINT_PROBE, waitForPaints } from './paint-probe';

export interface ChatUiOptions {
  root: string;
  agents: number;
  chatsPerAgent: number;
  messages: number;
}

export interface ChatUiResult {
  /** Send → painted, ms, one per message that was painted. */
  latencies: number[];
  /** Send → its bridge frame reaching the page, and that arrival → painted, ms. */
  transport: number[];
  render: number[];
  total: number;
  /** Worst clock-alignment error bound over the agent pages, ms. */
  clockErrorMs: number;
  customerErrors: string[];
  seconds: number;
}

const CHROMIUM_ARGS = ['--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];
const PAINT_TIMEOUT_MS = 10_000;

interface AgentPage {
  page: Page;
  offsetMs: number;
  /** Customer names of this agent's chats, in tab order. */
  chats: string[];
}

interface Customer {
  name: string;
  ws: WebSocket;
}

function openSocket(url: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

async function signInReady(browser: Browser, desktopUrl: string, username: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 }, locale: 'es-ES' });
  const page = await context.newPage();
  await page.addInitScript({ content: PAINT_PROBE });
  await page.goto(desktopUrl);
  await page.getByLabel('Usuario').fill(username);
  await page.getByLabel('Contraseña').fill('centralita');
  await page.getByRole('button', { name: 'Entrar' }).click();
  await page.getByRole('banner').waitFor();
  await page.getByLabel('Estado', { exact: true }).selectOption('ready');
  await page.locator('.state-now .state-name', { hasText: /^Disponible$/ }).waitFor();
  return page;
}

/** Accepts whatever offers reach each page until every chat is taken; returns each page's tab names. */
async function acceptAll(pages: Page[], total: number): Promise<string[][]> {
  const tabNames = (page: Page) => page.locator('.chat-tab-name').allTextContents();
  const deadline = Date.now() + 60_000;
  for (;;) {
    for (const page of pages) {
      const accept = page.locator('li.offer').first().getByRole('button', { name: 'Aceptar' });
      if (await accept.isVisible()) await accept.click({ timeout: 5_000 }).catch(() => undefined);
    }
    const names = await Promise.all(pages.map(tabNames));
    const taken = names.reduce((sum, n) => sum + n.length, 0);
    if (taken >= total) return names;
    if (Date.now() > deadline) throw new Error(`only ${taken} of ${total} chats were accepted in the agents' desktops`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function focusChat(page: Page, customerName: string): Promise<void> {
  await page.locator('.chat-tab', { hasText: `${customerName} ·` }).click();
  await page.getByRole('log', { name: `Conversación con ${customerName}` }).waitFor({ timeout: PAINT_TIMEOUT_MS });
}

export async function runChatUiBench(opts: ChatUiOptions, cleanup: CleanupStack): Promise<ChatUiResult> {
  const hubDir = mkdtempSync(path.join(tmpdir(), 'centralita-bench-chatui-hub-'));
  cleanup.add('hub data folder', () => rmSync(hubDir, { recursive: true, force: true }));
  const deskDir = mkdtempSync(path.join(tmpdir(), 'centralita-bench-chatui-desk-'));
  cleanup.add('desktop data folder', () => rmSync(deskDir, { recursive: true, force: true }));
  const hub = await startHub({ port: 0, dataDir: hubDir, config: chatBenchConfig('ui', opts.agents, opts.chatsPerAgent), simulate: false, logger: pino({ level: 'silent' }) });
  cleanup.add('hub', () => hub.stop());
  const launcher = await startLauncher(opts.root, hub.url, deskDir);
  cleanup.add('launcher', () => launcher.stop());
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
  cleanup.add('Chromium', () => browser.close());

  const pages = await Promise.all(Array.from({ length: opts.agents }, (_, i) => signInReady(browser, launcher.desktopUrl, `ui-${i}`)));

  const total = opts.agents * opts.chatsPerAgent;
  const customers = new Map<string, Customer>();
  const customerErrors: string[] = [];
  const wsBase = hub.url.replace(/^http/, 'ws');
  for (let i = 0; i < total; i++) {
    const name = `ClienteUI-${i}`;
    const ws = await openSocket(`${wsBase}${CHAT_WS_PATH}`);
    cleanup.add(`customer socket ${i}`, () => ws.terminate());
    ws.on('message', (data) => {
      const frame = ChatServerFrame.safeParse(JSON.parse(data.toString()));
      if (!frame.success) customerErrors.push(`${name}: unreadable frame`);
      else if (frame.data.type === 'error') customerErrors.push(`${name}: ${frame.data.message}`);
    });
    ws.send(JSON.stringify({ type: 'hello', protocol: CHAT_PROTOCOL_VERSION, visitorToken: null, lastSeq: null }));
    ws.send(JSON.stringify({ type: 'start', form: { name, topic: 'ventas' } }));
    customers.set(name, { name, ws });
  }

  const tabs = await acceptAll(pages, total);
  const agents: AgentPage[] = [];
  let clockError = 0;
  for (const [i, page] of pages.entries()) {
    const chats = (tabs[i] ?? []).map((subject) => subject.split(' · ')[0] ?? subject);
    const { offsetMs, errorMs } = await measureClockOffset(page);
    agents.push({ page, offsetMs, chats });
    clockError = Math.max(clockError, errorMs);
  }

  const latencies: number[] = [];
  const transport: number[] = [];
  const render: number[] = [];
  const started = performance.now();
  for (let round = 0; round < opts.chatsPerAgent * opts.messages; round++) {
    await Promise.all(
      agents.map(async (agent) => {
        const name = agent.chats[round % agent.chats.length];
        const customer = name === undefined ? undefined : customers.get(name);
        if (!name || !customer) return;
        await focusChat(agent.page, name);
        const id = randomUUID().replaceAll('-', '');
        const sentAt = epochNow();
        customer.ws.send(JSON.stringify({ type: 'message', clientId: id, text: `${MESSAGE_MARK}${id} mensaje ${Math.floor(round / agent.chats.length)} de ${name}` }));
        const times = (await waitForPaints(agent.page, [id], PAINT_TIMEOUT_MS))[id];
        if (!times) return;
        latencies.push(times.painted - agent.offsetMs - sentAt);
        if (times.arrived !== undefined) {
          transport.push(times.arrived - agent.offsetMs - sentAt);
          render.push(times.painted - times.arrived);
        }
      }),
    );
  }
  const seconds = (performance.now() - started) / 1000;
  return { latencies, transport, render, total: total * opts.messages, clockErrorMs: clockError, customerErrors, seconds };
}
