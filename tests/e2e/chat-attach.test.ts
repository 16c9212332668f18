/**
 * Chat attachments end to end in Chromium against the real launcher: a customer (hub chat page)
 * and agent Ana (web-mode desktop) send files both ways and download them; a program renamed as
 * a picture is refused with the hub's reason; a file whose name is markup shows as text and runs
 * nowhere; and a customer's message while Ana's window is not focused flashes her tab title.
 */
import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { goReady, signIn, waitForState } from './support/agent-steps';
import { launchBrowser, openDesktop, type AgentTab } from './support/browser';
import { launchApp, type RunningApp } from './support/launch-app';

let app: RunningApp;
let browser: Browser;
let ana: AgentTab;

beforeAll(async () => {
  app = await launchApp();
  browser = await launchBrowser();
  ana = await openDesktop(browser, app.desktopUrl);
  await signIn(ana.page, 'ana');
  await goReady(ana.page);
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('0000000d49484452000000010000000108060000001f15c489', 'hex')]);
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(62, 0), Buffer.from('This program cannot be run in DOS mode.')]);
const HOSTILE_NAME = '<img src=x onerror=window.__pwned=1>.txt';

const workspace = (page: Page) => page.getByRole('region', { name: 'Interacción' });

async function openChatPage(): Promise<{ page: Page; problems: string[] }> {
  const context = await browser.newContext({ locale: 'es-ES', viewport: { width: 900, height: 800 }, acceptDownloads: true });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  await page.goto(`${app.hubUrl}/chat`);
  await page.getByRole('button', { name: 'Empezar el chat' }).waitFor();
  return { page, problems };
}

/** Clicks `button` and returns the downloaded file's name and bytes. */
async function downloadVia(page: Page, click: () => Promise<void>): Promise<{ name: string; bytes: Buffer }> {
  const [download] = await Promise.all([page.waitForEvent('download'), click()]);
  const file = await download.path();
  return { name: download.suggestedFilename(), bytes: await readFile(file) };
}

describe('chat attachments between a customer and an agent', () => {
  it('carries a picture to the agent and a PDF back, both downloadable; a disguised program is refused', async () => {
    const customer = await openChatPage();
    const { page } = customer;
    await page.getByLabel('Nombre').fill('Nuria Ferrer');
    await page.getByLabel('Tema').selectOption('ventas');
    await page.getByLabel('Tu mensaje (opcional)').fill('Os envío la foto del ticket');
    await page.getByRole('button', { name: 'Empezar el chat' }).click();
    const card = ana.page.locator('li.offer', { hasText: 'Nuria Ferrer · Ventas' });
    await card.waitFor({ timeout: 15_000 });
    await card.getByRole('button', { name: 'Aceptar' }).click();
    await page.getByRole('status').filter({ hasText: 'Estás hablando con Ana Martín.' }).waitFor();

    // Customer -> agent: a picture.
    await page.locator('input[type=file]').setInputFiles({ name: 'ticket.png', mimeType: 'image/png', buffer: PNG });
    const log = workspace(ana.page).getByRole('log');
    await log.getByText('ticket.png', { exact: true }).waitFor();
    const got = await downloadVia(ana.page, () => log.getByRole('button', { name: 'Descargar ticket.png' }).click());
    expect(got.name).toBe('ticket.png');
    expect(got.bytes.equals(PNG)).toBe(true);

    // A program named like a picture: the hub refuses it and the widget says why.
    await page.locator('input[type=file]').setInputFiles({ name: 'vacaciones.png', mimeType: 'image/png', buffer: EXE });
    await page.getByRole('alert').filter({ hasText: 'This type of file cannot be sent' }).waitFor();
    await expect(log.getByText('vacaciones.png').count()).resolves.toBe(0);

    // Agent -> customer: a PDF.
    await workspace(ana.page).locator('input[type=file]').setInputFiles({ name: 'presupuesto.pdf', mimeType: 'application/pdf', buffer: PDF });
    const customerLog = page.getByRole('log');
    await customerLog.getByText('presupuesto.pdf', { exact: true }).waitFor();
    await log.getByText('presupuesto.pdf', { exact: true }).waitFor();
    const back = await downloadVia(page, () => customerLog.getByRole('button', { name: 'Descargar: presupuesto.pdf' }).click());
    expect(back.name).toBe('presupuesto.pdf');
    expect(back.bytes.equals(PDF)).toBe(true);

    await workspace(ana.page).getByRole('button', { name: 'Finalizar' }).click();
    const form = ana.page.getByRole('form', { name: 'Cierre de la interacción' });
    await form.getByRole('radio', { name: 'Resuelto' }).check();
    await form.getByRole('button', { name: 'Guardar y terminar' }).click();
    await waitForState(ana.page, 'Disponible');
    expect(customer.problems).toEqual([]);
    expect(ana.problems).toEqual([]);
  });

  it('shows a file named with markup as text on both pages; nothing runs; an unfocused agent sees the title flash', async () => {
    const customer = await openChatPage();
    const { page } = customer;
    await page.getByLabel('Nombre').fill('Oriol Puig');
    await page.getByLabel('Tema').selectOption('soporte');
    await page.getByRole('button', { name: 'Empezar el chat' }).click();
    const card = ana.page.locator('li.offer', { hasText: 'Oriol Puig · Soporte' });
    await card.waitFor({ timeout: 15_000 });
    await card.getByRole('button', { name: 'Aceptar' }).click();
    await page.getByRole('status').filter({ hasText: 'Estás hablando con Ana Martín.' }).waitFor();

    await page.locator('input[type=file]').setInputFiles({ name: HOSTILE_NAME, mimeType: 'text/plain', buffer: Buffer.from('hola\n') });
    const log = workspace(ana.page).getByRole('log');
    await log.getByText(HOSTILE_NAME, { exact: true }).waitFor();
    await workspace(ana.page).locator('input[type=file]').setInputFiles({ name: HOSTILE_NAME, mimeType: 'text/plain', buffer: Buffer.from('adiós\n') });
    await expect.poll(() => page.getByRole('log').getByText(HOSTILE_NAME, { exact: true }).count(), { timeout: 10_000 }).toBe(2);
    await expect.poll(() => log.getByText(HOSTILE_NAME, { exact: true }).count(), { timeout: 10_000 }).toBe(2);
    for (const p of [page, ana.page]) {
      await expect(p.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).resolves.toBeUndefined();
      await expect(p.locator('img[src="x"]').count()).resolves.toBe(0);
    }

    // Ana looks at another window: a customer's message flashes her tab's title (no
    // notification permission was granted to this page, so the title is the fallback).
    await ana.page.evaluate(() => {
      document.hasFocus = () => false;
    });
    const box = page.getByLabel('Mensaje', { exact: true });
    await box.fill('¿Sigues ahí?');
    await box.press('Enter');
    await expect.poll(() => ana.page.title(), { timeout: 10_000 }).toMatch(/^• Mensaje de Oriol Puig — /);
    // Coming back stops the flashing.
    await ana.page.evaluate(() => {
      document.hasFocus = () => true;
      window.dispatchEvent(new Event('focus'));
    });
    await expect.poll(() => ana.page.title()).not.toMatch(/Mensaje de/);

    // With alerts turned off in the settings, the same message while away changes nothing.
    const setting = async (on: boolean): Promise<void> => {
      await ana.page.getByRole('button', { name: 'Configuración' }).click();
      const dialog = ana.page.getByRole('dialog', { name: 'Configuración' });
      const toggle = dialog.getByLabel(/Avisos \(notificación y sonido\)/);
      if ((await toggle.isChecked()) !== on) await toggle.click();
      await expect.poll(() => toggle.isChecked()).toBe(on);
      await dialog.getByRole('button', { name: 'Cerrar' }).click();
    };
    await setting(false);
    await ana.page.evaluate(() => {
      document.hasFocus = () => false;
    });
    await box.fill('¿Hola?');
    await box.press('Enter');
    await log.getByText('¿Hola?', { exact: true }).waitFor();
    // Watched across more than one flash period (1 s), so a flash in its "off" phase is caught too.
    for (let i = 0; i < 5; i += 1) {
      await expect(ana.page.title()).resolves.not.toMatch(/Mensaje de/);
      await ana.page.waitForTimeout(300);
    }
    await ana.page.evaluate(() => {
      document.hasFocus = () => true;
    });
    await setting(true);

    await workspace(ana.page).getByRole('button', { name: 'Finalizar' }).click();
    const form = ana.page.getByRole('form', { name: 'Cierre de la interacción' });
    await form.getByRole('radio', { name: 'Resuelto' }).check();
    await form.getByRole('button', { name: 'Guardar y terminar' }).click();
    await waitForState(ana.page, 'Disponible');
    expect(customer.problems).toEqual([]);
  });
});
