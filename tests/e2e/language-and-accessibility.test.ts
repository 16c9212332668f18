/**
 * The UI in Catalan (persisted through settings, so a reload keeps it) and axe on every main
 * screen: login, agent screen with an offer, wrap-up form, settings dialog.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from './support/accessibility';
import { goReady, offerCard, signIn } from './support/agent-steps';
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

describe('accessibility and languages', () => {
  it('login has no serious axe violations', async () => {
    await tab.page.getByRole('button', { name: 'Entrar' }).waitFor();
    expect(await seriousViolations(tab.page)).toEqual([]);
  });

  it('the agent screen with an offer has landmarks, a live region and no serious axe violations', async () => {
    const { page } = tab;
    await signIn(page, 'marta');
    await goReady(page);
    const subject = uniqueSubject('Accesibilidad');
    await createWorkItem(app.hubUrl, await hubLogin(app.hubUrl, 'admin'), {
      channel: 'email',
      queueId: 'correo',
      from: 'maria.garcia@example.es',
      subject,
      preview: 'Necesito una copia del albarán.',
    });
    await offerCard(page, subject).waitFor();
    await expect(page.getByRole('banner').count()).resolves.toBe(1);
    await expect(page.getByRole('main').count()).resolves.toBe(1);
    await expect(page.getByRole('complementary').count()).resolves.toBe(1);
    await expect(page.locator('[aria-live="polite"]').textContent()).resolves.toContain('maria.garcia@example.es');
    await page.getByRole('complementary').getByRole('heading', { name: 'María García López' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('the wrap-up form has no serious axe violations', async () => {
    const { page } = tab;
    await page.locator('li.offer').first().getByRole('button', { name: 'Aceptar' }).click();
    await page.getByRole('button', { name: 'Finalizar' }).click();
    await page.getByRole('form', { name: 'Cierre de la interacción' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('the settings dialog has no serious axe violations and traps focus as a modal', async () => {
    const { page } = tab;
    await page.getByRole('button', { name: 'Configuración' }).click();
    const dialog = page.getByRole('dialog', { name: 'Configuración' });
    await dialog.waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Cerrar' }).click();
    await dialog.waitFor({ state: 'hidden' });
  });

  it('switches to Catalan, sets html lang, and keeps it after a reload', async () => {
    const { page } = tab;
    await page.getByRole('banner').getByLabel('Idioma').selectOption('ca');
    await page.getByRole('heading', { name: 'Cua', exact: true }).waitFor();
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('ca');
    await expect(page.getByRole('button', { name: 'Tanca la sessió' }).isVisible()).resolves.toBe(true);
    await expect(page.getByRole('form', { name: 'Tancament de la interacció' }).isVisible()).resolves.toBe(true);
    await expect(page.getByRole('button', { name: 'Desa i acaba' }).isVisible()).resolves.toBe(true);
    await expect(page.locator('.state-now .state-name').textContent()).resolves.toBe('Tancament');
    // The centre's own labels follow too: dispositions and the queue name from the hub config.
    await page.getByRole('form', { name: 'Tancament de la interacció' }).getByText('Tornar a trucar').waitFor();
    await expect(page.locator('.item-row .queue-name').first().textContent()).resolves.toBe('Correu');

    await page.getByRole('banner').getByLabel('Idioma').selectOption('en');
    await page.getByRole('form', { name: 'Wrap-up' }).getByText('Call back').waitFor();
    await expect(page.getByRole('form', { name: 'Wrap-up' }).getByText('Volver a llamar').count()).resolves.toBe(0);
    await expect(page.locator('.item-row .queue-name').first().textContent()).resolves.toBe('Email');
    await page.getByRole('banner').getByLabel('Language').selectOption('ca');
    await page.getByRole('heading', { name: 'Cua', exact: true }).waitFor();

    await page.reload();
    await page.getByRole('heading', { name: 'Cua', exact: true }).waitFor({ timeout: 15_000 });
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('ca');
    expect(await seriousViolations(page)).toEqual([]);
    expect(tab.problems).toEqual([]);
  });
});
