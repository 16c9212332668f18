/**
 * An agent's readiness follows the page that shows the work and holds the phone. Ana and Jordi
 * are Ready in two browser contexts; Ana closes her tab. A call that arrives rings at Jordi
 * within the grace plus an offer timeout, never stuck on a desktop nobody sees (the hub sets her
 * Not Ready, "desktop closed"). When she opens it again and her phone registers she is Ready
 * again by herself, since she was Ready before.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoHubConfig } from '../../src-hub/demo/demo-config';
import { goReady, offerCard, signIn, waitForState } from './support/agent-steps';
import { launchBrowser, openDesktop, type AgentTab } from './support/browser';
import { createWorkItem, hubLogin, uniqueSubject } from './support/hub-admin';
import { launchApp, type RunningApp } from './support/launch-app';

let app: RunningApp;
let browser: Browser;
let ana: AgentTab;
let jordi: AgentTab;
const { readinessGraceSeconds, offerTimeoutSeconds } = demoHubConfig();

beforeAll(async () => {
  app = await launchApp();
  browser = await launchBrowser();
  ana = await openDesktop(browser, app.desktopUrl);
  jordi = await openDesktop(browser, app.desktopUrl);
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

describe('readiness follows the page', () => {
  it('a closed tab stops taking calls: the call rings at a colleague, and the agent is Ready again once back', async () => {
    await signIn(ana.page, 'ana');
    await signIn(jordi.page, 'jordi');
    // Both phones register with the lab proxy before they go Ready.
    await ana.page.getByText('Teléfono listo').waitFor({ timeout: 15_000 });
    await jordi.page.getByText('Teléfono listo').waitFor({ timeout: 15_000 });
    await goReady(ana.page);
    await goReady(jordi.page);

    await ana.page.close();
    const closedAt = Date.now();
    const subject = uniqueSubject('+34600100200');
    await createWorkItem(app.hubUrl, await hubLogin(app.hubUrl, 'admin'), { channel: 'voice', queueId: 'soporte-voz', from: '+34600100200', subject });
    await offerCard(jordi.page, subject).waitFor({ timeout: (readinessGraceSeconds + offerTimeoutSeconds + 5) * 1000 });
    const ringsAfterMs = Date.now() - closedAt;
    console.log(`readiness e2e: tab closed → the call is offered to a colleague after ${ringsAfterMs} ms`);
    // Not after Ana's offer times out: her pending offer goes back to the queue when the grace ends.
    expect(ringsAfterMs).toBeLessThan((readinessGraceSeconds + 5) * 1000);

    // Ana opens the desktop again (a new tab signs in again): once her phone is registered she
    // is Ready again by herself, and the call that rang at Jordi stays his.
    const back = await ana.context.newPage();
    await back.goto(app.desktopUrl);
    await signIn(back, 'ana');
    await back.getByText('Teléfono listo').waitFor({ timeout: 15_000 });
    await waitForState(back, 'Disponible');
    expect(await offerCard(back, subject).count()).toBe(0);
  });
});
