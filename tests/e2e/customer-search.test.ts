/**
 * An agent looks a customer up without an offer: by name typed without accents, or by phone in
 * any format, with the keyboard only; the customer's context opens with the cross-channel
 * timeline and the call button, and a new offer still pops its own customer.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from './support/accessibility';
import { customerPane, goReady, offerCard, signIn } from './support/agent-steps';
import { launchBrowser, openDesktop, type AgentTab } from './support/browser';
import { createWorkItem, hubLogin, uniqueSubject } from './support/hub-admin';
import { launchApp, type RunningApp } from './support/launch-app';

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

describe('customer search', () => {
  it('finds María by "maria garc" and opens her context with the keyboard', async () => {
    const { page } = tab;
    await signIn(page, 'marta');
    await page.keyboard.press('Alt+KeyB');
    const box = page.getByRole('combobox', { name: 'Buscar cliente' });
    await expect(box.evaluate((el) => el === document.activeElement)).resolves.toBe(true);
    await page.keyboard.type('maria garc');
    const option = page.getByRole('option', { name: /María García López/ });
    await option.waitFor();
    await expect(option.getAttribute('aria-selected')).resolves.toBe('true');
    expect(await seriousViolations(page)).toEqual([]);
    await page.keyboard.press('Enter');

    const pane = customerPane(page);
    await pane.getByRole('heading', { name: 'María García López' }).waitFor();
    await expect(pane.locator('li.timeline-entry').count()).resolves.toBeGreaterThan(0);
    await pane.getByRole('button', { name: 'Llamar' }).first().waitFor();
    expect(tab.problems).toEqual([]);
  });

  it('finds by phone in any format, and a new offer pops its own customer over the one looked up', async () => {
    const { page } = tab;
    const box = page.getByRole('combobox', { name: 'Buscar cliente' });
    await box.fill('600 10 02 00');
    await page.getByRole('option', { name: /María García López/ }).waitFor();
    await box.fill('nadie-se-llama-asi');
    await page.getByText('Ningún cliente coincide.').waitFor();

    await goReady(page);
    const subject = uniqueSubject('Otra clienta');
    await createWorkItem(app.hubUrl, await hubLogin(app.hubUrl, 'admin'), { channel: 'chat', queueId: 'ventas', from: 'nueva.clienta@example.es', subject, customerName: 'Nueva Clienta' });
    await offerCard(page, subject).waitFor();
    await customerPane(page).getByRole('heading', { name: 'Nueva Clienta' }).waitFor();
  });
});
