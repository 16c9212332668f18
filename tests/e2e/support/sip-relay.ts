/**
 * The agent page's SIP WebSocket, passed on to the hub by the test (playwright's routeWebSocket),
 * so a test can make one connection lead nowhere, both ways, without either end hearing of it:
 * what a docked laptop's phone has in the seconds before it notices.
 */
import type { Page, WebSocketRoute } from 'playwright-core';
import { launchVoiceChromium, openCallerPhone, type CallerPhone, type VoiceChromium } from '../voice-caller/caller-browser';
import { goReady, signIn } from './agent-steps';
import { openDesktop, type AgentTab } from './browser';
import { launchApp, type RunningApp } from './launch-app';

export interface SipConnection {
  /** False once cut: nothing more passes, in either direction. */
  passing: boolean;
  /** When each connection check (OPTIONS) the phone sent went through. */
  optionsAt: number[];
}

/** Starts relaying `page`'s SIP connections; each one opened is appended to the list returned. */
export async function relaySipConnections(page: Page): Promise<SipConnection[]> {
  const connections: SipConnection[] = [];
  await page.routeWebSocket(/\/ws\/sip$/, (ws: WebSocketRoute) => {
    const connection: SipConnection = { passing: true, optionsAt: [] };
    connections.push(connection);
    const server = ws.connectToServer();
    ws.onMessage((message) => {
      if (!connection.passing) return;
      if (typeof message === 'string' && message.startsWith('OPTIONS ')) connection.optionsAt.push(Date.now());
      server.send(message);
    });
    server.onMessage((message) => {
      if (connection.passing) ws.send(message);
    });
  });
  return connections;
}

/**
 * Cuts the newest connection right after a connection check went through, so the phone's own
 * next check is a whole interval away; resolves with the moment of the cut.
 */
export async function cutRightAfterACheck(connections: readonly SipConnection[]): Promise<number> {
  const connection = connections[connections.length - 1];
  if (!connection) throw new Error('the phone opened no SIP connection');
  const checksBefore = connection.optionsAt.length;
  const deadline = Date.now() + 15_000;
  while (connection.optionsAt.length <= checksBefore) {
    if (Date.now() > deadline) throw new Error('the phone sent no connection check within 15 s');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  await new Promise((resolve) => setTimeout(resolve, 300));
  connection.passing = false;
  return Date.now();
}

/** Ana's desktop in the voice Chromium with her SIP connections relayed, a caller, and the launched app. */
export interface AgentWithRelayedPhone {
  app: RunningApp;
  ana: AgentTab;
  caller: CallerPhone;
  connections: SipConnection[];
  close(): Promise<void>;
}

export async function openAgentWithRelayedPhone(): Promise<AgentWithRelayedPhone> {
  const app = await launchApp();
  let voice: VoiceChromium | null = null;
  try {
    voice = await launchVoiceChromium();
    const ana = await openDesktop(voice.browser, app.desktopUrl);
    const connections = await relaySipConnections(ana.page);
    const caller = await openCallerPhone(voice.browser, app.hubUrl);
    const opened = voice;
    return {
      app,
      ana,
      caller,
      connections,
      async close() {
        await opened.close();
        await app.stop();
      },
    };
  } catch (cause) {
    await voice?.close();
    await app.stop();
    throw cause;
  }
}

/** Ana signs in, her phone registers, she goes Ready; then her SIP connection leads nowhere. Resolves with the cut's moment. */
export async function readyOnADeadConnection(agent: AgentWithRelayedPhone): Promise<number> {
  const { page } = agent.ana;
  await signIn(page, 'ana');
  await page.locator('[data-phone-status="ready"]').waitFor({ timeout: 15_000 });
  await goReady(page);
  return cutRightAfterACheck(agent.connections);
}
