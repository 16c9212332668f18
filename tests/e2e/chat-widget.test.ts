/**
 * Web chat end to end in Chromium, against the real launcher: a customer (one browser context)
 * uses the hub's chat page with María's email; agent Ana (another context, web-mode desktop)
 * gets the offer with María's context, accepts, and both sides see messages and typing; the
 * agent ends and wraps up, and the transcript lands in María's timeline. Then hostile text
 * (names and messages full of markup) goes both ways and executes nowhere.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customerPane, eventually, goReady, signIn, waitForState } from './support/agent-steps';
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

const cleanups: Array<() => Promise<void>> = [];
const onCleanup = (fn: () => Promise<void>): void => void cleanups.push(fn);

afterAll(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  await browser?.close();
  await app?.stop();
});

interface CustomerTab {
  page: Page;
  problems: string[];
}

async function openChatPage(): Promise<CustomerTab> {
  const context = await browser.newContext({ locale: 'es-ES', viewport: { width: 900, height: 800 } });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  await page.goto(`${app.hubUrl}/chat`);
  await page.getByRole('button', { name: 'Empezar el chat' }).waitFor();
  return { page, problems };
}

async function startChat(customer: CustomerTab, form: { name: string; email?: string; text: string; topic?: string }): Promise<void> {
  const { page } = customer;
  await page.getByLabel('Nombre').fill(form.name);
  if (form.email) await page.getByLabel('Correo electrónico (opcional)').fill(form.email);
  await page.getByLabel('Tema').selectOption(form.topic ?? 'ventas');
  await page.getByLabel('Tu mensaje (opcional)').fill(form.text);
  await expect.poll(() => page.getByRole('button', { name: 'Empezar el chat' }).isEnabled()).toBe(true);
  await page.getByRole('button', { name: 'Empezar el chat' }).click();
  await page.getByRole('status').filter({ hasText: 'Esperando a un agente…' }).waitFor();
}

const workspace = (page: Page) => page.getByRole('region', { name: 'Interacción' });

describe('web chat between a customer and an agent', () => {
  it('links María by email, carries messages and typing both ways, and files the transcript in her timeline', async () => {
    const customer = await openChatPage();
    await startChat(customer, { name: 'María García', email: 'maria.garcia@example.es', text: 'Hola, no me ha llegado la factura de noviembre' });

    // The offer pops María's context before the agent accepts.
    const card = ana.page.locator('li.offer', { hasText: 'María García · Ventas' });
    await card.waitFor({ timeout: 15_000 });
    const pane = customerPane(ana.page);
    await pane.getByRole('heading', { name: 'María García López' }).waitFor({ timeout: 10_000 });
    await expect(pane.textContent()).resolves.toContain('Ferretería García');
    await card.getByRole('button', { name: 'Aceptar' }).click();

    const space = workspace(ana.page);
    const log = space.getByRole('log');
    await log.getByText('Hola, no me ha llegado la factura de noviembre').waitFor();
    await customer.page.getByRole('status').filter({ hasText: 'Estás hablando con Ana Martín.' }).waitFor();

    // Customer types and writes; the agent sees both.
    const customerBox = customer.page.getByLabel('Mensaje', { exact: true });
    await customerBox.pressSequentially('¿Me la reenviáis?');
    await space.getByText('María García está escribiendo…').waitFor();
    await customerBox.press('Enter');
    await log.getByText('¿Me la reenviáis?').waitFor();
    await expect(space.getByText('María García está escribiendo…').count()).resolves.toBe(0);

    // Agent types and answers with a link; the customer sees typing, the text and a safe link.
    const reply = space.getByLabel('Respuesta');
    await reply.pressSequentially('Claro, aquí la tienes');
    await customer.page.getByText('Ana Martín está escribiendo…').waitFor();
    await reply.fill('Claro, aquí la tienes: https://facturas.example.es/nov');
    await reply.press('Enter');
    const customerLog = customer.page.getByRole('log');
    await customerLog.getByText(/Claro, aquí la tienes/).waitFor();
    const link = customerLog.getByRole('link', { name: 'https://facturas.example.es/nov' });
    await expect(link.getAttribute('target')).resolves.toBe('_blank');
    await expect(link.getAttribute('rel')).resolves.toBe('noopener noreferrer');
    // The agent's copy also links out of the app, not inside it.
    await expect(log.getByRole('link', { name: 'https://facturas.example.es/nov' }).getAttribute('target')).resolves.toBe('_blank');
    // The agent read the customer's messages: her last one shows as read.
    await customerLog.locator('li.msg.mine').last().getByText('Leído').waitFor();

    // The agent ends the chat; the customer is told; wrap-up files the transcript.
    await space.getByRole('button', { name: 'Finalizar' }).click();
    await customer.page.getByRole('status').filter({ hasText: 'Ana Martín ha cerrado el chat.' }).waitFor();
    const form = ana.page.getByRole('form', { name: 'Cierre de la interacción' });
    await form.getByRole('radio', { name: 'Resuelto' }).check();
    await form.getByLabel('Notas').fill('Factura reenviada por chat.');
    await form.getByRole('button', { name: 'Guardar y terminar' }).click();
    await waitForState(ana.page, 'Disponible');

    const entry = pane.locator('li.timeline-entry', { hasText: 'María García · Ventas' });
    await eventually(
      () => entry.locator('.timeline-detail').textContent(),
      (text) => {
        expect(text).toContain('María García: Hola, no me ha llegado la factura de noviembre');
        expect(text).toContain('Ana Martín: Claro, aquí la tienes: https://facturas.example.es/nov');
        expect(text).toContain('Factura reenviada por chat.');
        // The transcript once, not twice.
        expect(text?.split('Hola, no me ha llegado la factura de noviembre').length).toBe(2);
      },
      15_000,
    );
    expect(await pane.locator('li.timeline-entry', { hasText: 'María García · Ventas' }).count()).toBe(1);
    expect(customer.problems).toEqual([]);
    expect(ana.problems).toEqual([]);
  });

  it('shows hostile names and messages as text on both sides; nothing executes', async () => {
    const payloads = [
      '<img src=x onerror="window.__pwned=1">',
      '<script>window.__pwned=2</script>',
      '<svg onload="window.__pwned=3"></svg>',
      'javascript:window.__pwned=4',
      '<a href="javascript:window.__pwned=5">haz clic</a>',
      '<style>body{display:none}</style><iframe src="javascript:window.__pwned=6"></iframe>',
    ];
    const hostileName = '<img src=x onerror="window.__pwned=7">Eve';
    const customer = await openChatPage();
    await startChat(customer, { name: hostileName, text: payloads[0] ?? '', topic: 'soporte' });
    const card = ana.page.locator('li.offer', { hasText: 'Eve · Soporte' });
    await card.waitFor({ timeout: 15_000 });
    await card.getByRole('button', { name: 'Aceptar' }).click();
    const log = workspace(ana.page).getByRole('log');
    await log.getByText(payloads[0] ?? '').waitFor();
    const customerBox = customer.page.getByLabel('Mensaje', { exact: true });
    for (const payload of payloads.slice(1)) {
      await customerBox.fill(payload);
      await customerBox.press('Enter');
      await log.getByText(payload, { exact: true }).waitFor();
    }
    const reply = workspace(ana.page).getByLabel('Respuesta');
    for (const payload of payloads) {
      await reply.fill(payload);
      await reply.press('Enter');
    }
    const customerLog = customer.page.getByRole('log');
    for (const payload of payloads) await expect.poll(() => customerLog.getByText(payload, { exact: true }).count(), { timeout: 10_000 }).toBe(2);
    // The hostile name is shown literally on the agent's offer history and never as markup.
    await expect(workspace(ana.page).textContent()).resolves.toContain(hostileName);
    await expect(log.getByRole('link').count()).resolves.toBe(0);
    await expect(customerLog.getByRole('link').count()).resolves.toBe(0);
    for (const page of [customer.page, ana.page]) {
      await expect(page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).resolves.toBeUndefined();
      await expect(page.locator('img[src="x"], iframe, svg[onload]').count()).resolves.toBe(0);
    }
    await workspace(ana.page).getByRole('button', { name: 'Finalizar' }).click();
    const form = ana.page.getByRole('form', { name: 'Cierre de la interacción' });
    await form.getByRole('radio', { name: 'Resuelto' }).check();
    await form.getByRole('button', { name: 'Guardar y terminar' }).click();
    await waitForState(ana.page, 'Disponible');
    expect(customer.problems).toEqual([]);
  });
  it('embeds on another website as a chat button in the page language, passes axe, and tells the agent when the customer leaves', async () => {
    const context = await browser.newContext({ locale: 'es-ES' });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    // A shop on its own origin (another loopback port) embeds the hub's script tag.
    const shopHtml = `<!doctype html><html lang="en"><head><title>Shop</title></head><body><main><h1>Shop</h1></main><script src="${app.hubUrl}/widget.js"></script></body></html>`;
    const shop = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(shopHtml));
    await new Promise<void>((resolve) => shop.listen(0, '127.0.0.1', resolve));
    onCleanup(() => new Promise<void>((resolve) => shop.close(() => resolve())));
    onCleanup(() => context.close());
    await page.goto(`http://127.0.0.1:${(shop.address() as AddressInfo).port}/`);
    await page.getByRole('button', { name: 'Open chat' }).click();
    await page.getByLabel('Name').fill('Jordi Client');
    await page.getByLabel('Topic').selectOption('soporte');
    await page.getByLabel('Your message (optional)').fill('Hello from the shop');
    await page.getByRole('button', { name: 'Start chat' }).click();
    await page.getByRole('status').filter({ hasText: 'Waiting for an agent…' }).waitFor();
    const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
    expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);

    const card = ana.page.locator('li.offer', { hasText: 'Jordi Client · Soporte' });
    await card.waitFor({ timeout: 15_000 });
    await card.getByRole('button', { name: 'Aceptar' }).click();
    await page.getByRole('status').filter({ hasText: 'You are chatting with Ana Martín.' }).waitFor();
    await page.getByRole('button', { name: 'End chat' }).click();
    await page.getByRole('status').filter({ hasText: 'You ended the chat.' }).waitFor();
    await workspace(ana.page).getByText('El cliente ha salido del chat.').waitFor();
    await expect(workspace(ana.page).getByLabel('Respuesta').count()).resolves.toBe(0);
    await workspace(ana.page).getByRole('button', { name: 'Finalizar' }).click();
    const form = ana.page.getByRole('form', { name: 'Cierre de la interacción' });
    await form.getByRole('radio', { name: 'Sin respuesta' }).check();
    await form.getByRole('button', { name: 'Guardar y terminar' }).click();
    await waitForState(ana.page, 'Disponible');
    expect(problems).toEqual([]);
  });
  it('holds two chats as tabs with unread counts, and each reply goes to its own customer', async () => {
    const first = await openChatPage();
    await startChat(first, { name: 'Pau Serra', text: 'Primera consulta' });
    const firstCard = ana.page.locator('li.offer', { hasText: 'Pau Serra · Ventas' });
    await firstCard.waitFor({ timeout: 15_000 });
    await firstCard.getByRole('button', { name: 'Aceptar' }).click();
    await workspace(ana.page).getByRole('log').getByText('Primera consulta').waitFor();

    const second = await openChatPage();
    await startChat(second, { name: 'Laia Vidal', text: 'Segunda consulta' });
    const secondCard = ana.page.locator('li.offer', { hasText: 'Laia Vidal · Ventas' });
    await secondCard.waitFor({ timeout: 15_000 });
    await secondCard.getByRole('button', { name: 'Aceptar' }).click();
    await workspace(ana.page).getByRole('log').getByText('Segunda consulta').waitFor();

    const tabs = ana.page.getByRole('navigation', { name: 'Chats abiertos' });
    const pauTab = tabs.getByRole('button', { name: /Pau Serra/ });
    const laiaTab = tabs.getByRole('button', { name: /Laia Vidal/ });
    await expect(laiaTab.getAttribute('aria-current')).resolves.toBe('true');

    // Pau writes while Ana looks at Laia's chat: his tab counts what she has not seen.
    const pauBox = first.page.getByLabel('Mensaje', { exact: true });
    for (const text of ['¿Hola?', '¿Hay alguien?']) {
      await pauBox.fill(text);
      await pauBox.press('Enter');
    }
    await pauTab.getByLabel('2 sin leer').waitFor();
    await expect(laiaTab.locator('.chat-unread').count()).resolves.toBe(0);

    // Opening his tab shows his messages and clears the count; the reply reaches Pau only.
    await pauTab.click();
    await workspace(ana.page).getByRole('log').getByText('¿Hay alguien?').waitFor();
    await expect.poll(() => pauTab.locator('.chat-unread').count()).toBe(0);
    const reply = workspace(ana.page).getByLabel('Respuesta');
    await reply.fill('Sí, Pau, dime');
    await reply.press('Enter');
    await first.page.getByRole('log').getByText('Sí, Pau, dime').waitFor();
    await expect(second.page.getByRole('log').getByText('Sí, Pau, dime').count()).resolves.toBe(0);

    for (const tab of [pauTab, laiaTab]) {
      await tab.click();
      await workspace(ana.page).getByRole('button', { name: 'Finalizar' }).click();
      const form = ana.page.getByRole('form', { name: 'Cierre de la interacción' });
      await form.getByRole('radio', { name: 'Resuelto' }).check();
      await form.getByRole('button', { name: 'Guardar y terminar' }).click();
      await form.waitFor({ state: 'detached' });
    }
    await waitForState(ana.page, 'Disponible');
  });
});
