/**
 * At 1280x720 (the smallest screen the desktop promises) the wrap-up's Save button is in view
 * the moment a conversation ends, even after a long customer message: the agent does not have
 * to scroll to finish.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { goReady, offerCard, signIn } from './support/agent-steps';
import { launchBrowser, openDesktop, type AgentTab } from './support/browser';
import { createWorkItem, hubLogin, uniqueSubject } from './support/hub-admin';
import { launchApp, type RunningApp } from './support/launch-app';

let app: RunningApp;
let browser: Browser;
let tab: AgentTab;

beforeAll(async () => {
  app = await launchApp();
  browser = await launchBrowser();
  tab = await openDesktop(browser, app.desktopUrl);
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

describe('wrap-up at 1280x720', () => {
  it('shows Save without scrolling after a long message', async () => {
    const { page } = tab;
    await signIn(page, 'ana');
    await goReady(page);
    const subject = uniqueSubject('Factura larga');
    const longMessage = 'Hola, necesito ayuda con mi factura de noviembre: el importe no coincide con el pedido. '.repeat(6);
    await createWorkItem(app.hubUrl, await hubLogin(app.hubUrl, 'admin'), { channel: 'chat', queueId: 'ventas', from: 'maria.garcia@example.es', subject, preview: longMessage });
    await offerCard(page, subject).getByRole('button', { name: 'Aceptar' }).click();
    await page.getByRole('button', { name: 'Finalizar' }).click();
    const save = page.getByRole('form', { name: 'Cierre de la interacción' }).getByRole('button', { name: 'Guardar y terminar' });
    await save.waitFor();
    const box = await save.boundingBox();
    const viewport = page.viewportSize();
    expect(viewport).toEqual({ width: 1280, height: 720 });
    expect((box?.y ?? Infinity) + (box?.height ?? 0)).toBeLessThanOrEqual(720);
    // Nothing had to scroll for it: the workspace pane is still at its top.
    await expect(page.getByRole('region', { name: 'Interacción' }).evaluate((el) => el.scrollTop)).resolves.toBe(0);
  });
});
