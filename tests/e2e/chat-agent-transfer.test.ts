/**
 * The agent side of a web chat, end to end in Chromium against the real launcher: a customer
 * chats with María's email; Ana answers with a canned response (the customer reads it with the
 * variables filled in), then transfers the chat to Jordi with a note; Jordi reads the note and
 * the transcript on the offer, accepts and replies (the customer reads it), and closes with a
 * disposition. The transcript then shows in María's timeline in both agents' context panels,
 * and the CRM link opens outside the app.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customerPane, eventually, goReady, signIn, waitForState } from './support/agent-steps';
import { launchBrowser, openDesktop, type AgentTab } from './support/browser';
import { launchApp, type RunningApp } from './support/launch-app';

let app: RunningApp;
let browser: Browser;
let ana: AgentTab;
let jordi: AgentTab;

beforeAll(async () => {
  app = await launchApp();
  browser = await launchBrowser();
  ana = await openDesktop(browser, app.desktopUrl);
  jordi = await openDesktop(browser, app.desktopUrl);
  await signIn(ana.page, 'ana');
  await signIn(jordi.page, 'jordi');
  // Only Ana is ready, so the chat is offered to her; Jordi becomes ready before the transfer.
  await goReady(ana.page);
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

const workspace = (page: Page) => page.getByRole('region', { name: 'Interacción' });
const GREETING = 'Hola María García, soy Ana Martín. ¿En qué puedo ayudarle?';
const NOTE = 'Pide copia de la factura de noviembre; ya la he saludado.';

describe('an agent works a chat: canned response, transfer with a note, close', () => {
  it('reaches the customer, hands over to Jordi with the transcript, and files it in both timelines', async () => {
    const customerContext = await browser.newContext({ locale: 'es-ES' });
    const customer = await customerContext.newPage();
    const customerProblems: string[] = [];
    customer.on('pageerror', (error) => customerProblems.push(error.message));
    await customer.goto(`${app.hubUrl}/chat`);
    await customer.getByLabel('Nombre').fill('María García');
    await customer.getByLabel('Correo electrónico (opcional)').fill('maria.garcia@example.es');
    await customer.getByLabel('Tema').selectOption('ventas');
    await customer.getByLabel('Tu mensaje (opcional)').fill('Necesito una copia de la factura');
    await customer.getByRole('button', { name: 'Empezar el chat' }).click();

    const card = ana.page.locator('li.offer', { hasText: 'María García · Ventas' });
    await card.waitFor({ timeout: 15_000 });
    await card.getByRole('button', { name: 'Aceptar' }).click();
    const space = workspace(ana.page);
    await space.getByRole('log').getByText('Necesito una copia de la factura').waitFor();

    // Canned response: "/" opens the list; arrows move; typing filters; Enter fills the composer.
    const reply = space.getByRole('textbox', { name: 'Respuesta', exact: true });
    await reply.pressSequentially('/');
    const list = space.getByRole('listbox', { name: 'Respuestas predefinidas' });
    await list.waitFor();
    expect(await list.getByRole('option').count()).toBeGreaterThanOrEqual(4);
    await reply.press('ArrowDown');
    await expect(list.getByRole('option', { selected: true }).textContent()).resolves.toContain('/espera');
    await reply.pressSequentially('sal');
    await expect(list.getByRole('option').count()).resolves.toBe(1);
    await expect(reply.getAttribute('aria-activedescendant')).resolves.toBe(await list.getByRole('option').getAttribute('id'));
    await reply.press('Enter');
    await expect(reply.inputValue()).resolves.toBe(GREETING);
    expect(await list.count()).toBe(0);
    await reply.press('Enter');
    const customerLog = customer.getByRole('log');
    await customerLog.getByText(GREETING, { exact: true }).waitFor();

    // The CRM link opens María's record outside the app.
    const pane = customerPane(ana.page);
    const crm = pane.getByRole('link', { name: 'Abrir en el CRM' });
    await expect(crm.getAttribute('href')).resolves.toBe('https://crm.example/customers/cust-maria');
    await expect(crm.getAttribute('target')).resolves.toBe('_blank');
    await expect(crm.getAttribute('rel')).resolves.toBe('noopener noreferrer');

    // Transfer to Jordi with a note: Ana is free at once, the customer is told and waits.
    await goReady(jordi.page);
    await space.getByRole('button', { name: 'Transferir' }).click();
    const transfer = space.getByRole('form', { name: 'Transferir este chat' });
    await transfer.getByLabel('Transferir a').selectOption({ label: 'Jordi Puig' });
    await transfer.getByLabel('Nota para el siguiente agente').fill(NOTE);
    await transfer.getByRole('button', { name: 'Transferir' }).click();
    await customerLog.getByText('Le estamos transfiriendo a otro agente. Un momento, por favor.').waitFor();
    await customer.getByRole('status').filter({ hasText: 'Esperando a un agente…' }).waitFor();
    await expect.poll(() => ana.page.locator('li.offer, .item-row').count()).toBe(0);
    await waitForState(ana.page, 'Disponible');

    // Jordi's offer carries the note, and the transcript so far is readable before accepting.
    const jordiCard = jordi.page.locator('li.offer', { hasText: 'María García · Ventas' });
    await jordiCard.waitFor({ timeout: 15_000 });
    await jordiCard.getByText('Transferido por Ana Martín').waitFor();
    await jordiCard.getByText(NOTE).waitFor();
    const jordiSpace = workspace(jordi.page);
    const jordiLog = jordiSpace.getByRole('log');
    await jordiLog.getByText('Necesito una copia de la factura').waitFor();
    await jordiLog.getByText(GREETING).waitFor();
    // A message written while the chat waits reaches Jordi once he accepts.
    const customerBox = customer.getByLabel('Mensaje', { exact: true });
    await customerBox.fill('¿Sigue ahí alguien?');
    await customerBox.press('Enter');
    await customerLog.getByText('¿Sigue ahí alguien?').waitFor();
    await jordiCard.getByRole('button', { name: 'Aceptar' }).click();
    await jordiLog.getByText('¿Sigue ahí alguien?').waitFor();
    await jordiSpace.getByText(NOTE).waitFor();
    await customer.getByRole('status').filter({ hasText: 'Estás hablando con Jordi Puig.' }).waitFor();
    // Ana's messages keep her name on Jordi's screen; only his own read "Tú".
    await expect(jordiLog.locator('li.from-agent .chat-author').first().textContent()).resolves.toBe('Ana Martín');

    const jordiReply = jordiSpace.getByRole('textbox', { name: 'Respuesta', exact: true });
    await jordiReply.fill('Soy Jordi: le envío la copia ahora mismo.');
    await jordiReply.press('Enter');
    await customerLog.getByText('Soy Jordi: le envío la copia ahora mismo.').waitFor();

    // Jordi closes with a disposition; the customer is told who closed.
    await jordiSpace.getByRole('button', { name: 'Finalizar' }).click();
    await customer.getByRole('status').filter({ hasText: 'Jordi Puig ha cerrado el chat.' }).waitFor();
    const form = jordi.page.getByRole('form', { name: 'Cierre de la interacción' });
    await form.getByRole('radio', { name: 'Resuelto' }).check();
    await form.getByRole('button', { name: 'Guardar y terminar' }).click();
    await waitForState(jordi.page, 'Disponible');

    // The transcript (both agents' parts and the hand-over note) is in María's timeline on both desktops.
    for (const agent of [jordi, ana]) {
      const entry = customerPane(agent.page).locator('li.timeline-entry', { hasText: 'María García · Ventas' });
      await eventually(
        () => entry.locator('.timeline-detail').allTextContents(),
        (texts) => {
          const text = texts.join('\n');
          expect(text).toContain('María García: Necesito una copia de la factura');
          expect(text).toContain(`Ana Martín: ${GREETING}`);
          expect(text).toContain('Jordi Puig: Soy Jordi: le envío la copia ahora mismo.');
          expect(text).toContain(NOTE);
        },
        15_000,
      );
    }
    expect(customerProblems).toEqual([]);
    expect(ana.problems).toEqual([]);
    expect(jordi.problems).toEqual([]);
    await customerContext.close();
  });
});
