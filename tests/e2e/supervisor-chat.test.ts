/**
 * A supervisor in a customer's chat, in Chromium with the real widget: Sara opens Ana's chat
 * from the console, whispers (Ana reads it, marked as a whisper; María's widget never shows it)
 * and barges in (María reads Sara's words under her name).
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from './support/accessibility';
import { goReady, signIn } from './support/agent-steps';
import { launchBrowser, openDesktop, type AgentTab } from './support/browser';
import { launchApp, type RunningApp } from './support/launch-app';

let app: RunningApp;
let browser: Browser;
let ana: AgentTab;
let sara: AgentTab;
let customerContext: BrowserContext;
let customer: Page;

beforeAll(async () => {
  app = await launchApp();
  browser = await launchBrowser();
  ana = await openDesktop(browser, app.desktopUrl);
  sara = await openDesktop(browser, app.desktopUrl);
  customerContext = await browser.newContext({ locale: 'es-ES' });
  customer = await customerContext.newPage();
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

const WHISPER = 'Ofrécele el descuento de fidelidad';

describe('chat supervision in the console', () => {
  it('whispers to the agent only, and barges in under the supervisor’s name', async () => {
    await signIn(ana.page, 'ana');
    await goReady(ana.page);
    await customer.goto(`${app.hubUrl}/chat`);
    await customer.getByLabel('Nombre').fill('María García');
    await customer.getByLabel('Correo electrónico (opcional)').fill('maria.garcia@example.es');
    await customer.getByLabel('Tu mensaje (opcional)').fill('¿Hay alguien?');
    await customer.getByRole('button', { name: 'Empezar el chat' }).click();
    const card = ana.page.locator('li.offer', { hasText: 'María García · Ventas' });
    await card.waitFor({ timeout: 15_000 });
    await card.getByRole('button', { name: 'Aceptar' }).click();
    const anaLog = ana.page.getByRole('region', { name: 'Interacción' }).getByRole('log');
    await ana.page.getByRole('region', { name: 'Interacción' }).getByLabel('Respuesta').waitFor();

    await signIn(sara.page, 'sara');
    await sara.page.getByRole('group', { name: 'Vista' }).getByRole('button', { name: 'Supervisión' }).click();
    await sara.page.getByRole('button', { name: 'Acciones para Ana Martín' }).click();
    const open = sara.page.getByRole('button', { name: /^Supervisar chat con / });
    await open.waitFor({ timeout: 10_000 });
    await open.click();
    const panel = sara.page.getByRole('region', { name: /^Supervisión del chat con / });
    await panel.getByRole('log').getByText('¿Hay alguien?').waitFor();
    // The demo centre tells its agents when a supervisor is in their chat.
    const told = ana.page.getByRole('region', { name: 'Interacción' }).getByRole('status').filter({ hasText: 'Sara Vidal supervisa este chat' });
    await told.waitFor();

    // Live: what María writes reaches the supervisor too.
    await customer.getByLabel('Mensaje', { exact: true }).fill('Quiero cambiar mi pedido');
    await customer.getByLabel('Mensaje', { exact: true }).press('Enter');
    await panel.getByRole('log').getByText('Quiero cambiar mi pedido').waitFor();

    await panel.getByRole('textbox', { name: 'Susurro para el agente' }).fill(WHISPER);
    await panel.getByRole('button', { name: 'Susurrar' }).click();
    const whisper = anaLog.getByRole('note', { name: 'Susurro de Sara Vidal' });
    await whisper.waitFor();
    await expect(whisper.textContent()).resolves.toContain(WHISPER);

    await panel.getByRole('textbox', { name: 'Escribir en el chat' }).fill('Hola María, soy Sara, la supervisora.');
    await panel.getByRole('button', { name: 'Intervenir' }).click();
    const customerLog = customer.getByRole('log');
    await customerLog.getByText('Hola María, soy Sara, la supervisora.').waitFor();
    await expect(customerLog.textContent()).resolves.toContain('Sara Vidal');
    // Reloading the widget resumes the chat from the hub: the whisper is not there either.
    await customer.reload();
    await customer.getByRole('log').getByText('Hola María, soy Sara, la supervisora.').waitFor();
    await expect(customer.getByRole('log').textContent()).resolves.not.toContain(WHISPER);
    await expect(customer.content()).resolves.not.toContain(WHISPER);

    expect(await seriousViolations(sara.page)).toEqual([]);
    expect(await seriousViolations(ana.page)).toEqual([]);
    await panel.getByRole('button', { name: 'Dejar de supervisar' }).click();
    await expect(panel.count()).resolves.toBe(0);
    await told.waitFor({ state: 'detached' });
    expect(ana.problems).toEqual([]);
    expect(sara.problems).toEqual([]);
  });

  it('takes the chat over: the supervisor is told an offer waits, goes to work and has the chat with its history', async () => {
    await sara.page.getByLabel('Estado', { exact: true }).selectOption('ready');
    await sara.page.getByRole('button', { name: 'Acciones para Ana Martín' }).click();
    await sara.page.getByRole('button', { name: /^Supervisar chat con / }).click();
    const panel = sara.page.getByRole('region', { name: /^Supervisión del chat con / });
    await panel.getByRole('button', { name: 'Tomar el chat' }).click();
    const banner = sara.page.getByRole('status').filter({ hasText: 'Tienes 1 oferta pendiente' });
    await banner.waitFor();
    await banner.getByRole('button', { name: 'Ir a Trabajo' }).click();
    const card = sara.page.locator('li.offer', { hasText: 'María García' });
    await card.waitFor();
    await card.getByRole('button', { name: 'Aceptar' }).click();
    const workspace = sara.page.getByRole('region', { name: 'Interacción' });
    await workspace.getByLabel('Respuesta').waitFor();
    // Her history came with it, and Ana no longer holds the chat.
    await workspace.getByRole('log').getByText('Quiero cambiar mi pedido').waitFor();
    await expect(ana.page.getByRole('region', { name: 'Interacción' }).getByLabel('Respuesta').count()).resolves.toBe(0);
    expect(sara.problems).toEqual([]);
  });
});
