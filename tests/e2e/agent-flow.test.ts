/**
 * The main path, in Chromium against the real launcher: an agent signs in, goes ready,
 * gets an offer for a known customer with a countdown, accepts it, sees who the customer is
 * and what they said before, ends and wraps up, and finds the new interaction in the history.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customerPane, eventually, goReady, offerCard, signIn, waitForState } from './support/agent-steps';
import { launchBrowser, openDesktop, type AgentTab } from './support/browser';
import { createWorkItem, hubLogin, uniqueSubject } from './support/hub-admin';
import { launchApp, type RunningApp } from './support/launch-app';

let app: RunningApp;
let browser: Browser;
let ana: AgentTab;
let adminToken: string;

beforeAll(async () => {
  app = await launchApp();
  browser = await launchBrowser();
  adminToken = await hubLogin(app.hubUrl, 'admin');
  ana = await openDesktop(browser, app.desktopUrl);
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

describe('an agent takes an offer from start to wrap-up', () => {
  it('removes the launch secret from the address bar and shows the login', async () => {
    await ana.page.getByRole('heading', { name: 'Iniciar sesión' }).waitFor();
    expect(ana.page.url()).not.toContain('s=');
  });

  it('refuses a wrong password with a visible message', async () => {
    const { page } = ana;
    await page.getByLabel('Usuario').fill('ana');
    await page.getByLabel('Contraseña').fill('wrong-password');
    await page.getByRole('button', { name: 'Entrar' }).click();
    await expect(page.getByRole('alert').textContent({ timeout: 10_000 })).resolves.toContain('No se ha podido iniciar sesión');
  });

  it('signs in, goes ready, and sees an offer with a countdown and the customer context', async () => {
    const { page } = ana;
    await signIn(page, 'ana');
    await expect(page.getByRole('banner').textContent()).resolves.toContain('Ana Martín');
    await goReady(page);

    const subject = uniqueSubject('Consulta sobre factura');
    await createWorkItem(app.hubUrl, adminToken, {
      channel: 'chat',
      queueId: 'ventas',
      from: 'maria.garcia@example.es',
      subject,
      preview: 'Hola, no encuentro la factura de octubre.',
      customerName: 'María García López',
    });
    const card = offerCard(page, subject);
    await card.waitFor({ timeout: 15_000 });
    const first = await card.locator('.countdown-text').textContent();
    expect(first).toMatch(/^Caduca en 0:[0-3]\d$/);
    // The countdown runs: a second later it shows less time.
    const later = await eventually(
      () => card.locator('.countdown-text').textContent(),
      (text) => expect(text).not.toBe(first),
      5_000,
    );
    expect(later).toMatch(/^Caduca en 0:\d\d$/);
    await expect(card.textContent()).resolves.toContain('Chat');
    await expect(card.getByRole('button', { name: 'Aceptar' }).getAttribute('aria-keyshortcuts')).resolves.toBe('Alt+A');

    // Screen pop: the context pane shows the customer while the offer is still ringing.
    await customerPane(page).getByRole('heading', { name: 'María García López' }).waitFor({ timeout: 10_000 });
  });

  it('accepts, sees profile and earlier chat, ends, wraps up as resolved, and is ready again', async () => {
    const { page } = ana;
    const card = page.locator('li.offer').first();
    const subject = (await card.locator('.card-subject').textContent()) ?? '';
    await card.getByRole('button', { name: 'Aceptar' }).click();

    const workspace = page.getByRole('region', { name: 'Interacción' });
    // Accepted: it moves to "my work" and the workspace offers End.
    await workspace.getByRole('button', { name: 'Finalizar' }).waitFor();
    await workspace.getByRole('heading', { name: subject }).waitFor();
    await expect(page.locator('.item-row .card-subject').textContent()).resolves.toBe(subject);
    await expect(workspace.textContent()).resolves.toContain('Hola, no encuentro la factura de octubre.');
    await waitForState(page, 'Ocupado');

    const pane = customerPane(page);
    await pane.getByRole('heading', { name: 'María García López' }).waitFor();
    const paneText = (await pane.textContent()) ?? '';
    expect(paneText).toContain('Ferretería García');
    expect(paneText).toContain('gold');
    expect(paneText).toContain('maria.garcia@example.es');
    expect(paneText).toContain('+34600100200');
    const earlierChat = pane.locator('li.timeline-entry', { hasText: 'Chat' }).filter({ hasText: /factura/i });
    await expect(earlierChat.count()).resolves.toBeGreaterThan(0);
    await expect(pane.locator('li.timeline-entry', { hasText: 'Llamada' }).count()).resolves.toBeGreaterThan(0);
    const entriesBefore = await pane.locator('li.timeline-entry').count();

    // The timeline is newest first.
    const times = await pane.locator('li.timeline-entry time').evaluateAll((nodes) => nodes.map((n) => n.getAttribute('datetime') ?? ''));
    expect(times).toEqual([...times].sort((a, b) => Date.parse(b) - Date.parse(a)));

    await workspace.getByRole('button', { name: 'Finalizar' }).click();
    const form = page.getByRole('form', { name: 'Cierre de la interacción' });
    await form.waitFor();
    await expect(form.locator('.countdown-text').textContent()).resolves.toMatch(/^El cierre termina en \d:\d\d$/);
    await waitForState(page, 'Cierre');
    // At 1280x720 the Save button is in view without scrolling (the wrap-up comes first).
    const saveBox = await form.getByRole('button', { name: 'Guardar y terminar' }).boundingBox();
    expect(saveBox).not.toBeNull();
    expect((saveBox?.y ?? Infinity) + (saveBox?.height ?? 0)).toBeLessThanOrEqual(720);
    await form.getByRole('radio', { name: 'Resuelto' }).check();
    await form.getByLabel('Notas').fill('Reenviada la factura de octubre por correo.');
    await form.getByRole('button', { name: 'Guardar y terminar' }).click();

    await waitForState(page, 'Disponible');
    await expect(page.getByRole('region', { name: 'Interacción' }).textContent()).resolves.toContain('Acepta una oferta para empezar a trabajar.');
    // The new interaction lands in her history (pushed by main when the hub says she changed).
    await eventually(
      () => pane.locator('li.timeline-entry').count(),
      (count) => expect(count).toBe(entriesBefore + 1),
      15_000,
    );
    const newest = pane.locator('li.timeline-entry').first();
    await expect(newest.textContent()).resolves.toContain('Resuelto');
    await expect(newest.textContent()).resolves.toContain('Ana Martín');
    expect(ana.problems).toEqual([]);
  });

  it('declines, accepts and ends with the keyboard', async () => {
    const { page } = ana;
    const subject = uniqueSubject('Atajos');
    await createWorkItem(app.hubUrl, adminToken, { channel: 'chat', queueId: 'ventas', from: 'teclado@example.es', subject });
    const card = offerCard(page, subject);
    await card.waitFor();
    const offerId = await card.getAttribute('data-offer-id');
    await page.keyboard.press('Alt+KeyD');
    // That offer is gone (the hub may offer the item again, as a new offer, when no one else can take it).
    await page.locator(`li.offer[data-offer-id="${offerId}"]`).waitFor({ state: 'detached' });

    await createWorkItem(app.hubUrl, adminToken, { channel: 'chat', queueId: 'ventas', from: 'teclado@example.es', subject: uniqueSubject('Atajos 2') });
    await page.locator('li.offer').nth(0).waitFor();
    const oldest = (await page.locator('li.offer').first().locator('.card-subject').textContent()) ?? '';
    await page.keyboard.press('Alt+KeyA');
    await page.getByRole('button', { name: 'Finalizar' }).waitFor();
    await page.getByRole('region', { name: 'Interacción' }).getByRole('heading', { name: oldest }).waitFor();
    await page.keyboard.press('Alt+KeyE');
    await page.getByRole('form', { name: 'Cierre de la interacción' }).waitFor();
    await page.keyboard.press('Alt+KeyQ');
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('queue-heading');
  });
});
