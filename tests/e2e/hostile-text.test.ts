/**
 * Customer-controlled text (subjects, previews) is shown as text: markup in it is neither
 * parsed nor run, in the queue, in the workspace or anywhere else.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { goReady, signIn } from './support/agent-steps';
import { launchBrowser, openDesktop, type AgentTab } from './support/browser';
import { createWorkItem, hubLogin } from './support/hub-admin';
import { launchApp, type RunningApp } from './support/launch-app';

const HOSTILE = '<img src=x onerror=window.__pwned=1>';

let app: RunningApp;
let browser: Browser;
let tab: AgentTab;

beforeAll(async () => {
  app = await launchApp();
  browser = await launchBrowser();
  tab = await openDesktop(browser, app.desktopUrl);
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

describe('hostile text', () => {
  it('renders markup in subject and preview as literal text and never runs it', async () => {
    const { page } = tab;
    await signIn(page, 'ana');
    await goReady(page);
    await createWorkItem(app.hubUrl, await hubLogin(app.hubUrl, 'admin'), {
      channel: 'chat',
      queueId: 'ventas',
      from: 'atacante@example.es',
      subject: HOSTILE,
      preview: `Hola ${HOSTILE} adiós`,
      customerName: `${HOSTILE} Mallory`,
    });
    const card = page.locator('li.offer', { hasText: HOSTILE });
    await card.waitFor();
    await expect(card.locator('.card-subject').textContent()).resolves.toBe(HOSTILE);
    await card.getByRole('button', { name: 'Aceptar' }).click();
    const workspace = page.getByRole('region', { name: 'Interacción' });
    await workspace.getByRole('button', { name: 'Finalizar' }).waitFor();
    await workspace.getByRole('heading', { name: HOSTILE }).waitFor();
    await expect(workspace.locator('.message-text').textContent()).resolves.toBe(`Hola ${HOSTILE} adiós`);
    await page.waitForTimeout(500);
    await expect(page.locator('img').count()).resolves.toBe(0);
    await expect(page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).resolves.toBeUndefined();
  });
});
