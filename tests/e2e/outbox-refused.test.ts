/**
 * A wrap-up saved while the hub was away is refused when it returns (an admin removed its
 * outcome meanwhile). The agent's notes are not lost: the desktop shows the wrap-up as "not
 * sent" with the hub's reason and the notes, to copy, try again or discard.
 */
import { describe, expect, it } from 'vitest';
import { demoHubConfig } from '../../src-hub/demo/demo-config';
import { seriousViolations } from './support/accessibility';
import { goReady, offerCard, signIn } from './support/agent-steps';
import { createWorkItem, hubLogin, uniqueSubject } from './support/hub-admin';
import { useOutageDesktop } from './support/outage-desktop';

const outage = useOutageDesktop();
const { hub } = outage;

describe('a refused wrap-up', () => {
  it('is shown as not sent with its reason and notes; retry asks the hub again, discard lets it go', async () => {
    const { page } = outage.tab;
    await page.setViewportSize({ width: 1280, height: 720 });
    await signIn(page, 'ana');
    await goReady(page);
    const connection = page.getByRole('banner').locator('.connection');

    const subject = uniqueSubject('Cierre rechazado');
    await createWorkItem(hub.url, await hubLogin(hub.url, 'admin'), { channel: 'email', queueId: 'correo', from: 'maria.garcia@example.es', subject });
    await offerCard(page, subject).getByRole('button', { name: 'Aceptar' }).click();
    await page.getByRole('button', { name: 'Finalizar' }).click();
    const form = page.getByRole('form', { name: 'Cierre de la interacción' });
    await form.waitFor();

    await hub.stop();
    await connection.filter({ hasText: 'Reconectando…' }).waitFor({ timeout: 15_000 });
    const notes = 'El cliente pide la factura rectificada antes del viernes.';
    await form.getByRole('radio', { name: 'Resuelto' }).check();
    await form.getByLabel('Notas').fill(notes);
    await form.getByRole('button', { name: 'Guardar y terminar' }).click();
    await connection.filter({ hasText: '1 acción pendiente de enviar' }).waitFor({ timeout: 10_000 });

    // Back without the outcome "resolved": the hub refuses the wrap-up for good.
    const demo = demoHubConfig();
    await hub.start({ ...demo, dispositions: demo.dispositions.filter((d) => d.id !== 'resolved') });
    const unsent = page.getByRole('region', { name: 'No enviado (1)' });
    await unsent.waitFor({ timeout: 30_000 });
    await expect(unsent.textContent()).resolves.toContain('Notas de cierre');
    await expect(unsent.textContent()).resolves.toContain('resolved');
    await expect(unsent.textContent()).resolves.toContain('Unknown disposition');
    await expect(unsent.locator('blockquote').textContent()).resolves.toBe(notes);
    const copy = unsent.getByRole('button', { name: 'Copiar el texto de: Notas de cierre' });
    await expect(copy.isVisible()).resolves.toBe(true);
    await expect(seriousViolations(page)).resolves.toEqual([]);
    // Within the 1280x720 window.
    const box = await unsent.getByRole('button', { name: 'Descartar definitivamente: Notas de cierre' }).boundingBox();
    expect(box && box.y + box.height).toBeLessThanOrEqual(720);

    // Keyboard: Tab reaches the actions; retry asks the hub again under a fresh key (refused again here).
    await copy.focus();
    await page.keyboard.press('Tab');
    const retry = unsent.getByRole('button', { name: 'Volver a enviar: Notas de cierre' });
    await expect(retry.evaluate((el) => el === document.activeElement)).resolves.toBe(true);
    await page.keyboard.press('Enter');
    await connection.filter({ hasText: 'Conectado' }).waitFor();
    await unsent.waitFor();
    await expect(connection.locator('.outbox').count()).resolves.toBe(0);

    await unsent.getByRole('button', { name: 'Descartar definitivamente: Notas de cierre' }).click();
    await unsent.waitFor({ state: 'detached', timeout: 10_000 });
  });
});
