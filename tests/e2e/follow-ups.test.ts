/**
 * Open follow-ups in the customer context panel, in Chromium with two agents: Ana adds two
 * follow-ups on María (one overdue, one undated) through the accessible form; Marta, working
 * another of María's emails, sees them in her panel (oldest due first, overdue marked, who
 * added them) and marks one done; it leaves both panels.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customerPane, eventually, goReady, signIn } from './support/agent-steps';
import { launchBrowser, openDesktop, type AgentTab } from './support/browser';
import { createWorkItem, hubLogin, uniqueSubject } from './support/hub-admin';
import { launchApp, type RunningApp } from './support/launch-app';

let app: RunningApp;
let browser: Browser;
let ana: AgentTab;
let marta: AgentTab;

beforeAll(async () => {
  app = await launchApp();
  browser = await launchBrowser();
  ana = await openDesktop(browser, app.desktopUrl);
  marta = await openDesktop(browser, app.desktopUrl);
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

const followUpList = (tab: AgentTab) => customerPane(tab.page).getByRole('list', { name: 'Seguimientos pendientes' });
const followUpTexts = (tab: AgentTab) => followUpList(tab).locator('.follow-up-text').allTextContents();

describe('open follow-ups in the customer context', () => {
  it('one agent adds them, another sees them and marks one done', async () => {
    await signIn(ana.page, 'ana');
    await signIn(marta.page, 'marta');
    await goReady(ana.page);
    await goReady(marta.page);
    const token = await hubLogin(app.hubUrl, 'admin');
    // Two emails from María: an agent with a pending offer gets no second one, so each gets one.
    for (const n of [1, 2]) {
      await createWorkItem(app.hubUrl, token, { channel: 'email', queueId: 'correo', from: 'maria.garcia@example.es', subject: uniqueSubject(`Pedido ${n}`) });
    }
    for (const tab of [ana, marta]) {
      await tab.page.locator('li.offer').first().getByRole('button', { name: 'Aceptar' }).click({ timeout: 15_000 });
      await customerPane(tab.page).getByRole('heading', { name: 'María García López' }).waitFor({ timeout: 15_000 });
    }

    const pane = customerPane(ana.page);
    // The add form is folded under its summary so the timeline stays in view on a screen pop.
    await pane.getByText('Añadir un seguimiento', { exact: true }).click();
    const form = pane.getByRole('form', { name: 'Añadir un seguimiento' });
    await form.getByLabel('Qué hay que hacer').fill('Enviar el presupuesto revisado');
    await form.getByRole('button', { name: 'Añadir seguimiento' }).click();
    await form.getByRole('status').filter({ hasText: 'Seguimiento guardado.' }).waitFor();
    await form.getByLabel('Qué hay que hacer').fill('Llamar para confirmar la entrega');
    await form.getByLabel('Fecha límite (opcional)').fill('2020-01-02T09:30');
    await form.getByRole('button', { name: 'Añadir seguimiento' }).click();
    // Oldest due first: the dated (and overdue) one before the undated one.
    await eventually(() => followUpTexts(ana), (texts) => expect(texts).toEqual(['Llamar para confirmar la entrega', 'Enviar el presupuesto revisado']));

    await eventually(() => followUpTexts(marta), (texts) => expect(texts).toEqual(['Llamar para confirmar la entrega', 'Enviar el presupuesto revisado']));
    const overdue = followUpList(marta).getByRole('listitem').filter({ hasText: 'Llamar para confirmar la entrega' });
    await overdue.getByText('Vencido').waitFor();
    await overdue.getByText('Creado por Ana Martín').waitFor();
    expect(await overdue.locator('time').getAttribute('datetime')).toBe(new Date('2020-01-02T09:30').toISOString());
    const undated = followUpList(marta).getByRole('listitem').filter({ hasText: 'Enviar el presupuesto revisado' });
    await undated.getByText('Sin fecha').waitFor();
    expect(await undated.getByText('Vencido').count()).toBe(0);

    await overdue.getByRole('button', { name: 'Marcar como hecho: Llamar para confirmar la entrega' }).click();
    await eventually(() => followUpTexts(marta), (texts) => expect(texts).toEqual(['Enviar el presupuesto revisado']));
    await eventually(() => followUpTexts(ana), (texts) => expect(texts).toEqual(['Enviar el presupuesto revisado']));
    expect(ana.problems).toEqual([]);
    expect(marta.problems).toEqual([]);
  });
});
