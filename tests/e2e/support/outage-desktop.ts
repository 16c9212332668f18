/**
 * The setup of the outage tests: a hub the test can stop and restart (same port and data), the
 * app pointed at it, Chromium, and one agent tab. Registers its own beforeAll/afterAll; the
 * parts can be read once beforeAll has run. The teardown closes whatever did start.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchBrowser, openDesktop, type AgentTab } from './browser';
import { launchApp, type RunningApp } from './launch-app';
import { RestartableHub } from './restartable-hub';

export interface OutageDesktop {
  readonly hub: RestartableHub;
  readonly app: RunningApp;
  readonly browser: Browser;
  readonly tab: AgentTab;
}

export function useOutageDesktop(): OutageDesktop {
  const hub = new RestartableHub();
  let app: RunningApp | undefined;
  let browser: Browser | undefined;
  let tab: AgentTab | undefined;

  beforeAll(async () => {
    await hub.start();
    app = await launchApp(['--hub-url', hub.url]);
    browser = await launchBrowser();
    tab = await openDesktop(browser, app.desktopUrl);
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    await hub.cleanup();
  });

  const started = <T>(part: T | undefined, name: string): T => {
    if (part === undefined) throw new Error(`${name} did not start`);
    return part;
  };
  return {
    hub,
    get app() {
      return started(app, 'the app');
    },
    get browser() {
      return started(browser, 'Chromium');
    },
    get tab() {
      return started(tab, 'the agent tab');
    },
  };
}
