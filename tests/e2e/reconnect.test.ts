/**
 * The hub goes away mid-shift: the agent sees "reconnecting", a wrap-up saved meanwhile waits
 * in the outbox (and the top bar counts it), and when the hub is back the desktop reconnects on
 * its own, sends it once and the count drops to zero. The hub runs in this process so the test
 * can stop and restart it on the same port and data folder.
 */
import { describe, expect, it } from 'vitest';
import { goReady, offerCard, signIn, waitForState } from './support/agent-steps';
import { createWorkItem, hubLogin, uniqueSubject } from './support/hub-admin';
import { useOutageDesktop } from './support/outage-desktop';

const outage = useOutageDesktop();
const { hub } = outage;

describe('losing the hub', () => {
  it('shows reconnecting, keeps the wrap-up in the outbox, and sends it when the hub is back', async () => {
    const { page } = outage.tab;
    await signIn(page, 'ana');
    await goReady(page);
    const connection = page.getByRole('banner').locator('.connection');
    await expect(connection.textContent()).resolves.toContain('Conectado');

    const subject = uniqueSubject('Antes del corte');
    const item = await createWorkItem(hub.url, await hubLogin(hub.url, 'admin'), { channel: 'chat', queueId: 'ventas', from: 'maria.garcia@example.es', subject });
    await offerCard(page, subject).getByRole('button', { name: 'Aceptar' }).click();
    await page.getByRole('button', { name: 'Finalizar' }).click();
    const form = page.getByRole('form', { name: 'Cierre de la interacción' });
    await form.waitFor();

    await hub.stop();
    await connection.filter({ hasText: 'Reconectando…' }).waitFor({ timeout: 15_000 });

    await form.getByRole('radio', { name: 'Resuelto' }).check();
    await form.getByLabel('Notas').fill('Cerrado sin conexión.');
    await form.getByRole('button', { name: 'Guardar y terminar' }).click();
    await page.getByRole('status').filter({ hasText: 'Cierre guardado' }).waitFor();
    await connection.filter({ hasText: '1 acción pendiente de enviar' }).waitFor({ timeout: 10_000 });

    await hub.start();
    await connection.filter({ hasText: 'Conectado' }).waitFor({ timeout: 30_000 });
    await waitForState(page, 'Disponible');
    await expect(connection.locator('.outbox').count()).resolves.toBe(0);
    await expect(page.locator(`.item-row[data-item-id="${item.id}"]`).count()).resolves.toBe(0);

    // The hub recorded the wrap-up once: one entry for this item in her history, with the note.
    const entry = page.getByRole('complementary').locator(`li.timeline-entry[data-entry-id="tl-${item.id}"]`);
    await entry.waitFor({ timeout: 15_000 });
    await expect(entry.count()).resolves.toBe(1);
    await expect(entry.textContent()).resolves.toContain('Cerrado sin conexión.');
    await expect(entry.textContent()).resolves.toContain('Resuelto');
  });
});
