/**
 * The readiness watchdog on the microphone, in Debian's Chromium with its fake audio devices:
 * Ana is Ready with her phone registered; the browser stops allowing the microphone (as when an
 * agent turns it off in the site's settings). The top bar says so at once, the hub sets her Not
 * Ready "sin micrófono" after its grace period, so no call is offered into silence; when the
 * microphone is allowed again she is Ready by herself, because she was Ready before.
 */
import type { Browser, CDPSession } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoHubConfig } from '../../src-hub/demo/demo-config';
import { es } from '../../src-renderer/i18n/es';
import { goReady, signIn, waitForState } from './support/agent-steps';
import { launchBrowser, openDesktop, type AgentTab } from './support/browser';
import { launchApp, type RunningApp } from './support/launch-app';

let app: RunningApp;
let browser: Browser;
let ana: AgentTab;
let cdp: CDPSession;
const { readinessGraceSeconds } = demoHubConfig();

beforeAll(async () => {
  app = await launchApp();
  browser = await launchBrowser();
  ana = await openDesktop(browser, app.desktopUrl);
  cdp = await ana.context.newCDPSession(ana.page);
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

/** What the site's settings page does: the microphone allowed or refused for this origin, in Ana's browser context. */
async function setMicrophone(setting: 'granted' | 'denied'): Promise<void> {
  const { targetInfo } = await cdp.send('Target.getTargetInfo');
  await cdp.send('Browser.setPermission', { permission: { name: 'microphone' }, setting, origin: new URL(app.desktopUrl).origin, browserContextId: targetInfo.browserContextId });
}

describe('readiness follows the microphone', () => {
  it('a refused microphone takes a Ready agent out of routing with the reason, and back when it is allowed', async () => {
    const { page } = ana;
    await setMicrophone('granted');
    await signIn(page, 'ana');
    await page.getByText(es.phone.status.ready).waitFor({ timeout: 15_000 });
    await goReady(page);

    await setMicrophone('denied');
    const refusedAt = Date.now();
    await page.getByRole('alert').filter({ hasText: es.phone.microphone['permission-denied'] }).waitFor({ timeout: 5_000 });
    await waitForState(page, es.states.notReadyReason.replace('{{reason}}', es.states.systemReasons['microphone-unavailable']));
    const setAsideAfterMs = Date.now() - refusedAt;
    console.log(`readiness e2e: microphone refused → Not Ready after ${setAsideAfterMs} ms (grace ${readinessGraceSeconds} s)`);
    expect(setAsideAfterMs).toBeGreaterThanOrEqual((readinessGraceSeconds - 1) * 1000);
    expect(setAsideAfterMs).toBeLessThan((readinessGraceSeconds + 5) * 1000);

    await setMicrophone('granted');
    await waitForState(page, 'Disponible');
    await expect(page.getByRole('alert').filter({ hasText: es.phone.microphone['permission-denied'] }).count()).resolves.toBe(0);
    expect(ana.problems).toEqual([]);
  });
});
