/**
 * A newcomer who opens the hub's address (printed by `npm start`) lands on a page that says what
 * this is and where to go: the desktop, the chat demo, the lab SIP proxy, health. In the
 * browser's language (es, ca, en, switchable), accessible, and its desktop link works.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from './support/accessibility';
import { launchBrowser } from './support/browser';
import { launchApp, type RunningApp } from './support/launch-app';

let app: RunningApp;
let browser: Browser;

beforeAll(async () => {
  app = await launchApp();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

describe('the hub landing page', () => {
  it.each([
    ['es-ES', 'es', 'Escritorio del agente', 'Abrir el escritorio (modo web)'],
    ['ca-ES', 'ca', "Escriptori de l'agent", "Obrir l'escriptori (mode web)"],
    ['en-GB', 'en', 'Agent desktop', 'Open the desktop (web mode)'],
  ])('speaks the browser language %s, is axe-clean and lists where to go', async (locale, lang, heading, desktopLink) => {
    const context = await browser.newContext({ locale, viewport: { width: 1280, height: 720 } });
    const page = await context.newPage();
    const response = await page.goto(app.hubUrl);
    expect(response?.status()).toBe(200);
    expect(await page.getAttribute('html', 'lang')).toBe(lang);
    await page.getByRole('heading', { level: 2, name: heading }).waitFor();
    expect(await page.getByRole('link', { name: desktopLink }).getAttribute('href')).toBe(app.desktopUrl);
    expect(await page.locator('code', { hasText: '/ws/sip' }).count()).toBe(1);
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  });

  it('switches language by link, opens the chat demo and the desktop from there', async () => {
    const context = await browser.newContext({ locale: 'es-ES', viewport: { width: 1280, height: 720 } });
    const page = await context.newPage();
    await page.goto(app.hubUrl);
    await page.getByRole('navigation', { name: 'Idioma' }).getByRole('link', { name: 'Català' }).click();
    await page.getByRole('heading', { name: 'Xat web' }).waitFor();
    expect(page.url()).toBe(`${app.hubUrl}/?lang=ca`);

    await page.getByRole('link', { name: 'Provar el xat com a client' }).click();
    await page.waitForURL(`${app.hubUrl}/chat`);

    await page.goto(app.hubUrl);
    await page.getByRole('link', { name: 'Abrir el escritorio (modo web)' }).click();
    await page.getByRole('button', { name: 'Entrar' }).waitFor();
    await context.close();
  });
});
