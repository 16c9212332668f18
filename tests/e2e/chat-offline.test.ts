/**
 * The hub goes away in the middle of a chat: the agent keeps writing (the replies wait in the
 * outbox, shown as "sending"), and when the hub is back both the agent's desktop and the
 * customer's widget reconnect on their own; each reply reaches the customer once, in order.
 * The hub runs in this process so the test can stop and restart it on the same port and data.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { goReady, signIn, waitForState } from './support/agent-steps';
import { useOutageDesktop } from './support/outage-desktop';

const outage = useOutageDesktop();
const { hub } = outage;

const workspace = (page: Page) => page.getByRole('region', { name: 'Interacción' });

describe('a chat across a hub outage', () => {
  it('keeps replies typed offline and delivers each once, in order, when the hub is back', async () => {
    const { browser, tab: ana } = outage;
    const hubUrl = hub.url;
    await signIn(ana.page, 'ana');
    await goReady(ana.page);

    const customerContext = await browser.newContext({ locale: 'es-ES' });
    const customer = await customerContext.newPage();
    await customer.goto(`${hubUrl}/chat`);
    await customer.getByLabel('Nombre').fill('María García');
    await customer.getByLabel('Correo electrónico (opcional)').fill('maria.garcia@example.es');
    await customer.getByLabel('Tu mensaje (opcional)').fill('¿Hay alguien?');
    await customer.getByRole('button', { name: 'Empezar el chat' }).click();
    const card = ana.page.locator('li.offer', { hasText: 'María García · Ventas' });
    await card.waitFor({ timeout: 15_000 });
    await card.getByRole('button', { name: 'Aceptar' }).click();
    const log = workspace(ana.page).getByRole('log');
    await log.getByText('¿Hay alguien?').waitFor();
    // The transcript shows for an offer too: only the composer proves the accept reached the hub.
    const reply = workspace(ana.page).getByLabel('Respuesta');
    await reply.waitFor();

    await hub.stop();
    const connection = ana.page.getByRole('banner').locator('.connection');
    await connection.filter({ hasText: 'Reconectando…' }).waitFor({ timeout: 15_000 });

    const replies = ['Sí, aquí estoy', 'Dame un minuto, miro tu pedido'];
    for (const text of replies) {
      await reply.fill(text);
      await reply.press('Enter');
    }
    await expect.poll(() => log.getByText('Enviando…').count()).toBe(2);

    await hub.start();
    await connection.filter({ hasText: 'Conectado' }).waitFor({ timeout: 20_000 });
    await expect.poll(() => log.getByText('Enviando…').count(), { timeout: 15_000 }).toBe(0);

    const customerLog = customer.getByRole('log');
    // The widget retries at most ~3.75 s apart (src-widget/reconnect-policy.ts): once the hub and
    // the desktop are back, the customer reads the replies within seconds, not after a long backoff.
    await customerLog.getByText(replies[1] ?? '').waitFor({ timeout: 15_000 });
    const shown = await customerLog.locator('li.msg:not(.mine) .text').allTextContents();
    expect(shown).toEqual(replies);
    for (const text of replies) await expect(log.getByText(text, { exact: true }).count()).resolves.toBe(1);

    await workspace(ana.page).getByRole('button', { name: 'Finalizar' }).click();
    const form = ana.page.getByRole('form', { name: 'Cierre de la interacción' });
    await form.getByRole('radio', { name: 'Resuelto' }).check();
    await form.getByRole('button', { name: 'Guardar y terminar' }).click();
    await waitForState(ana.page, 'Disponible');
    await customerContext.close();
  });
});
