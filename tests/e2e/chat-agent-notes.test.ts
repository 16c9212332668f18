/**
 * Agent notes on a customer, across a hub outage: Ana works María's chat, the hub goes away,
 * Ana writes a reply and a note (both kept in the outbox); the hub comes back and each arrives
 * exactly once: the customer reads the reply once, and María's timeline holds the note once,
 * also for another agent who opens her afterwards. The hub runs in this process so the test can
 * stop and restart it on the same port and data.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { customerPane, eventually, goReady, signIn } from './support/agent-steps';
import { openDesktop } from './support/browser';
import { useOutageDesktop } from './support/outage-desktop';

const outage = useOutageDesktop();
const { hub } = outage;

const workspace = (page: Page) => page.getByRole('region', { name: 'Interacción' });
const NOTE = 'Prefiere que la llamen por la tarde (nota escrita sin conexión).';
const REPLY = 'Anoto su preferencia, gracias.';

describe('a customer note written offline', () => {
  it('is kept while the hub is away and lands in the timeline exactly once', async () => {
    const { app, browser, tab: ana } = outage;
    await signIn(ana.page, 'ana');
    await goReady(ana.page);

    const customerContext = await browser.newContext({ locale: 'es-ES' });
    const customer = await customerContext.newPage();
    await customer.goto(`${hub.url}/chat`);
    await customer.getByLabel('Nombre').fill('María García');
    await customer.getByLabel('Correo electrónico (opcional)').fill('maria.garcia@example.es');
    await customer.getByLabel('Tu mensaje (opcional)').fill('Llámenme mejor por la tarde');
    await customer.getByRole('button', { name: 'Empezar el chat' }).click();
    const card = ana.page.locator('li.offer', { hasText: 'María García · Ventas' });
    await card.waitFor({ timeout: 15_000 });
    await card.getByRole('button', { name: 'Aceptar' }).click();
    const log = workspace(ana.page).getByRole('log');
    await log.getByText('Llámenme mejor por la tarde').waitFor();
    const pane = customerPane(ana.page);
    await pane.getByRole('heading', { name: 'María García López' }).waitFor({ timeout: 10_000 });
    // The transcript shows for an offer too: only the composer proves the accept reached the hub.
    const reply = workspace(ana.page).getByRole('textbox', { name: 'Respuesta', exact: true });
    await reply.waitFor();

    await hub.stop();
    const connection = ana.page.getByRole('banner').locator('.connection');
    await connection.filter({ hasText: 'Reconectando…' }).waitFor({ timeout: 15_000 });

    await reply.fill(REPLY);
    await reply.press('Enter');
    await pane.getByLabel('Nota sobre este cliente').fill(NOTE);
    await pane.getByRole('button', { name: 'Guardar nota' }).click();
    await pane.getByRole('status').filter({ hasText: 'Nota guardada.' }).waitFor();
    await expect.poll(() => log.getByText('Enviando…').count()).toBe(1);
    // Nothing reached a hub: the note is not in the timeline yet.
    expect(await pane.locator('li.timeline-note', { hasText: NOTE }).count()).toBe(0);

    await hub.start();
    await connection.filter({ hasText: 'Conectado' }).waitFor({ timeout: 20_000 });
    await expect.poll(() => log.getByText('Enviando…').count(), { timeout: 15_000 }).toBe(0);
    const note = pane.locator('li.timeline-note', { hasText: NOTE });
    await note.waitFor({ timeout: 15_000 });
    await note.getByText('Ana Martín').waitFor();

    await customer.getByRole('log').getByText(REPLY).waitFor({ timeout: 30_000 });
    // Let any duplicate delivery show up before counting.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(await customer.getByRole('log').getByText(REPLY, { exact: true }).count()).toBe(1);
    expect(await pane.locator('li.timeline-note', { hasText: NOTE }).count()).toBe(1);

    // Another agent opening María sees the same single note (it is the hub's, not a local copy).
    const marta = await openDesktop(browser, app.desktopUrl);
    await signIn(marta.page, 'marta');
    await workspace(ana.page).getByRole('button', { name: 'Transferir' }).click();
    const transfer = workspace(ana.page).getByRole('form', { name: 'Transferir este chat' });
    await goReady(marta.page);
    await transfer.getByLabel('Transferir a').selectOption({ label: 'Marta Ruiz' });
    await transfer.getByRole('button', { name: 'Transferir' }).click();
    await marta.page.locator('li.offer', { hasText: 'María García · Ventas' }).waitFor({ timeout: 15_000 });
    const martaPane = customerPane(marta.page);
    await eventually(
      () => martaPane.locator('li.timeline-note', { hasText: NOTE }).count(),
      (count) => expect(count).toBe(1),
      15_000,
    );
    expect(ana.problems).toEqual([]);
    expect(marta.problems).toEqual([]);
    await customerContext.close();
    await marta.context.close();
  });
});
