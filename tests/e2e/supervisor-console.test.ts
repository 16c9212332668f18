/**
 * A supervisor's first minutes, in Chromium against the real launcher and hub: Sara signs in,
 * switches to supervision, sees a chat waiting in the Ventas tile, sees the service level once
 * Ana answers it, sets Ana Not Ready with a reason (Ana's desktop follows), and finds that in the
 * audit log. An agent's desktop has no supervision view, and the console passes axe at 1280×720.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from './support/accessibility';
import { goReady, signIn, waitForState } from './support/agent-steps';
import { launchBrowser, openDesktop, type AgentTab } from './support/browser';
import { createWorkItem, hubLogin } from './support/hub-admin';
import { launchApp, type RunningApp } from './support/launch-app';

let app: RunningApp;
let browser: Browser;
let ana: AgentTab;
let sara: AgentTab;

beforeAll(async () => {
  app = await launchApp();
  browser = await launchBrowser();
  ana = await openDesktop(browser, app.desktopUrl);
  sara = await openDesktop(browser, app.desktopUrl);
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

const tile = (page: Page, name: string) => page.getByRole('region', { name: 'Colas' }).getByRole('region', { name, exact: true });
const figure = (page: Page, queue: string, which: string) => tile(page, queue).locator(`dd[data-figure="${which}"]`);

describe('the supervisor console', () => {
  it('shows work waiting and answered live, sets an agent Not Ready, and audits it', async () => {
    await signIn(ana.page, 'ana');
    await signIn(sara.page, 'sara');
    // An agent has no supervision view.
    await expect(ana.page.getByRole('group', { name: 'Vista' }).count()).resolves.toBe(0);

    const view = sara.page.getByRole('group', { name: 'Vista' });
    await view.getByRole('button', { name: 'Supervisión' }).click();
    await expect(view.getByRole('button', { name: 'Supervisión' }).getAttribute('aria-pressed')).resolves.toBe('true');
    await tile(sara.page, 'Ventas').waitFor({ timeout: 10_000 });
    await expect(figure(sara.page, 'Ventas', 'waiting').textContent()).resolves.toBe('0');

    const admin = await hubLogin(app.hubUrl, 'admin');
    await createWorkItem(app.hubUrl, admin, { channel: 'chat', queueId: 'ventas', from: 'maria.garcia@example.es', subject: 'Pedido 4411' });
    // Pushed, not polled: the tile counts the chat within a second or two.
    await figure(sara.page, 'Ventas', 'waiting').filter({ hasText: /^1$/ }).waitFor({ timeout: 5_000 });
    await expect(figure(sara.page, 'Ventas', 'longest-wait').textContent()).resolves.toMatch(/\d/);

    await goReady(ana.page);
    const card = ana.page.locator('li.offer', { hasText: 'Pedido 4411' });
    await card.waitFor({ timeout: 15_000 });
    await card.getByRole('button', { name: 'Aceptar' }).click();
    await figure(sara.page, 'Ventas', 'service-level').filter({ hasText: /^100 %/ }).waitFor({ timeout: 5_000 });
    await expect(figure(sara.page, 'Ventas', 'waiting').textContent()).resolves.toBe('0');

    // The console passes axe with live figures on it.
    expect(await seriousViolations(sara.page)).toEqual([]);

    // Sara finds Ana and sets her Not Ready for training.
    await sara.page.getByRole('searchbox', { name: 'Filtrar agentes' }).fill('Ana');
    await sara.page.getByRole('button', { name: 'Acciones para Ana Martín' }).click();
    const panel = sara.page.getByRole('region', { name: 'Acciones sobre Ana Martín' });
    // Seconds after her first state change it may not be measurable yet; the figure is unit-tested.
    await expect(panel.getByText(/^Ocupación hoy: (\d+ %|—)$/).count()).resolves.toBe(1);
    await panel.getByLabel('Motivo').selectOption('training');
    await panel.getByRole('button', { name: 'Forzar No disponible' }).click();
    await sara.page.getByText('Ana Martín pasa a No disponible.').waitFor();

    await sara.page.getByRole('button', { name: 'Ver registro de auditoría' }).click();
    const row = sara.page.locator('tr[data-audit-id]', { hasText: 'forceAgentState' }).first();
    await row.waitFor();
    await expect(row.textContent()).resolves.toMatch(/sara.*forceAgentState.*Ana Martín.*Hecho.*not-ready \(training\)/);
    expect(ana.problems).toEqual([]);
    expect(sara.problems).toEqual([]);
  });

  it('lets an agent wrap up and then shows them Not Ready, as the supervisor set', async () => {
    const workspace = ana.page.getByRole('region', { name: 'Interacción' });
    await workspace.getByRole('button', { name: 'Finalizar' }).click();
    const form = ana.page.getByRole('form', { name: 'Cierre de la interacción' });
    await form.getByRole('radio', { name: 'Resuelto' }).check();
    await form.getByRole('button', { name: 'Guardar y terminar' }).click();
    await waitForState(ana.page, 'No disponible: Formación');
  });

  it('moves a waiting customer to another queue of the same channel', async () => {
    const admin = await hubLogin(app.hubUrl, 'admin');
    await createWorkItem(app.hubUrl, admin, { channel: 'chat', queueId: 'ventas', from: 'jordi.lopez@example.es', subject: 'Pedido 7788' });
    await figure(sara.page, 'Ventas', 'waiting').filter({ hasText: /^1$/ }).waitFor({ timeout: 5_000 });
    const ventas = tile(sara.page, 'Ventas');
    await ventas.getByText('1 en espera').click();
    const row = ventas.locator('li.sv-waiting-item').first();
    const who = await row.locator('.sv-waiting-who').textContent();
    await row.getByLabel(`Mover a ${who ?? ''} a`).selectOption({ label: 'Soporte' });
    await row.getByRole('button', { name: 'Mover' }).click();
    await figure(sara.page, 'Soporte', 'waiting').filter({ hasText: /^1$/ }).waitFor({ timeout: 5_000 });
    await expect(figure(sara.page, 'Ventas', 'waiting').textContent()).resolves.toBe('0');
  });

  it('changes an agent\'s skills live and says which queues they serve now', async () => {
    await sara.page.getByRole('searchbox', { name: 'Filtrar agentes' }).fill('Jordi');
    await sara.page.getByRole('button', { name: 'Acciones para Jordi Puig' }).click();
    const panel = sara.page.getByRole('region', { name: 'Acciones sobre Jordi Puig' });
    const skills = panel.getByRole('group', { name: 'Habilidades de Jordi Puig' });
    await skills.getByLabel('Nivel de ventas').fill('0');
    await skills.getByRole('button', { name: 'Guardar habilidades' }).click();
    const saved = skills.getByRole('status').filter({ hasText: 'Habilidades de Jordi Puig guardadas' });
    await saved.waitFor();
    await expect(saved.textContent()).resolves.not.toMatch(/Atiende:.*\bventas\b/);
    await expect(saved.textContent()).resolves.toMatch(/Atiende:.*soporte/);
  });

  it('gives an administrator the console only: no work, no state to choose', async () => {
    const admin = await openDesktop(browser, app.desktopUrl);
    await signIn(admin.page, 'admin');
    await tile(admin.page, 'Ventas').waitFor({ timeout: 10_000 });
    await expect(admin.page.getByLabel('Estado', { exact: true }).count()).resolves.toBe(0);
    await expect(admin.page.getByRole('group', { name: 'Vista' }).count()).resolves.toBe(0);
    expect(admin.problems).toEqual([]);
    await admin.context.close();
  });
});
