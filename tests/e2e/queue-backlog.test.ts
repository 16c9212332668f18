/**
 * In Chromium at 1280x720: the agent sees what waits in their queues, in a labelled table whose
 * longest wait ticks by itself, and the table follows work being taken.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, goReady, offerCard, signIn } from './support/agent-steps';
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

describe('the backlog in the queue pane', () => {
  it('shows waiting work per queue with a live longest wait, fits the pane, and drops what the agent takes', async () => {
    const { page } = tab;
    await signIn(page, 'ana');
    const table = page.getByRole('table', { name: /En espera en tus colas/ });
    await table.waitFor();
    const soporte = table.getByRole('row', { name: /^Soporte\b/ });
    await expect(soporte.getByRole('cell').first().textContent()).resolves.toBe('0');

    const subject = uniqueSubject('Router sin conexión');
    await createWorkItem(app.hubUrl, await hubLogin(app.hubUrl, 'admin'), { channel: 'chat', queueId: 'soporte', from: 'maria.garcia@example.es', subject });
    await eventually(() => soporte.getByRole('cell').first().textContent(), (text) => expect(text).toBe('1'));
    const waited = soporte.getByRole('cell').nth(1);
    const first = await waited.textContent();
    expect(first).toMatch(/^0:0\d$/);
    // The longest wait ticks on the desktop; the hub sends nothing while the backlog stands still.
    await eventually(() => waited.textContent(), (text) => expect(text).not.toBe(first), 5_000);
    await expect(page.getByRole('columnheader', { name: 'Espera más larga' }).isVisible()).resolves.toBe(true);

    // 1280x720: the table stays inside the queue pane, no sideways scrolling.
    const fits = await page.locator('.queue-pane').evaluate((pane) => {
      const box = pane.getBoundingClientRect();
      const tableBox = pane.querySelector('.backlog-table')?.getBoundingClientRect();
      return { overflow: pane.scrollWidth - pane.clientWidth, right: (tableBox?.right ?? Infinity) - box.right };
    });
    expect(fits.overflow).toBeLessThanOrEqual(0);
    expect(fits.right).toBeLessThanOrEqual(0);
    const axe = await new AxeBuilder({ page }).include('.backlog-table').withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
    expect(axe.violations.map((v) => v.id)).toEqual([]);

    await goReady(page);
    await offerCard(page, subject).getByRole('button', { name: 'Aceptar' }).click();
    await eventually(() => soporte.getByRole('cell').first().textContent(), (text) => expect(text).toBe('0'));
    await expect(soporte.getByRole('cell').nth(1).textContent()).resolves.toBe('–Nadie espera');
    expect(tab.problems).toEqual([]);
  });
});
