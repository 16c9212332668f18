/**
 * The widget's own language switch and "email me the transcript", in Chromium. The customer
 * switches the widget's language and its words change (es → en → ca); in Catalan she ticks
 * "email me the transcript" in the pre-chat form; Ana answers and closes the chat; one .eml in
 * Catalan, to her address, with the conversation, reaches her lab mailbox (the hub's lab mail). A
 * second chat, in English, asks for it afterwards with the button on the closed-chat screen.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHub, type RunningHub } from '../../src-hub/embedded';
import { eventually, goReady, signIn, waitForState } from './support/agent-steps';
import { launchBrowser, openDesktop, type AgentTab } from './support/browser';
import { launchApp, type RunningApp } from './support/launch-app';
import { labTranscripts } from '../support/lab-transcripts';

const hubDir = mkdtempSync(path.join(tmpdir(), 'centralita-e2e-transcript-'));
let hub: RunningHub;
let app: RunningApp;
let browser: Browser;
let ana: AgentTab;

beforeAll(async () => {
  hub = await startHub({ dataDir: hubDir, port: 0, seedDemoData: true, simulate: false, logLevel: 'warn' });
  app = await launchApp(['--hub-url', hub.url]);
  browser = await launchBrowser();
  ana = await openDesktop(browser, app.desktopUrl);
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await hub?.stop();
  rmSync(hubDir, { recursive: true, force: true });
});

const mails = () => labTranscripts(hub.url);
const workspace = (page: Page) => page.getByRole('region', { name: 'Interacción' });

/** Ana accepts the offer from `who`, writes `reply`, ends the chat and wraps it up. */
async function anaAnswersAndCloses(who: string, reply: string): Promise<void> {
  const card = ana.page.locator('li.offer', { hasText: who });
  await card.waitFor({ timeout: 15_000 });
  await card.getByRole('button', { name: 'Aceptar' }).click();
  const composer = workspace(ana.page).getByRole('textbox', { name: 'Respuesta', exact: true });
  await composer.fill(reply);
  await composer.press('Enter');
  await workspace(ana.page).getByRole('log').getByText(reply).waitFor();
  await workspace(ana.page).getByRole('button', { name: 'Finalizar' }).click();
  const form = ana.page.getByRole('form', { name: 'Cierre de la interacción' });
  await form.getByRole('radio', { name: 'Resuelto' }).check();
  await form.getByRole('button', { name: 'Guardar y terminar' }).click();
  await waitForState(ana.page, 'Disponible');
}

describe('widget language switch and transcript by email', () => {
  it('switches the words, and mails the transcript once when asked in the form or after the chat', async () => {
    await signIn(ana.page, 'ana');
    await goReady(ana.page);
    const context = await browser.newContext({ locale: 'es-ES' });
    const customer = await context.newPage();
    const problems: string[] = [];
    customer.on('pageerror', (error) => problems.push(error.message));
    await customer.goto(`${hub.url}/chat`);

    // Spanish first (the browser's language), then the customer's own picks.
    await customer.getByRole('button', { name: 'Empezar el chat' }).waitFor();
    // The picker sits on the blue header: its text must stand out from its own background.
    const picker = customer.getByRole('combobox', { name: 'Idioma' });
    const contrast = await picker.evaluate((el) => {
      const rgb = (css: string) => (css.match(/\d+(\.\d+)?/g) ?? []).slice(0, 3).map(Number);
      const luminance = ([r = 0, g = 0, b = 0]: number[]) => {
        const lin = (c: number) => (c / 255 <= 0.03928 ? c / 255 / 12.92 : ((c / 255 + 0.055) / 1.055) ** 2.4);
        return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
      };
      const style = getComputedStyle(el);
      const [a, b] = [luminance(rgb(style.color)), luminance(rgb(style.backgroundColor))].sort((x, y) => y - x);
      return ((a ?? 0) + 0.05) / ((b ?? 0) + 0.05);
    });
    expect(contrast).toBeGreaterThanOrEqual(4.5);
    await picker.selectOption('en');
    await customer.getByRole('button', { name: 'Start chat' }).waitFor();
    await customer.getByLabel('Email (optional)').waitFor();
    expect(await customer.getByRole('button', { name: 'Empezar el chat' }).count()).toBe(0);
    await customer.getByRole('combobox', { name: 'Language' }).selectOption('ca');
    await customer.getByRole('button', { name: 'Comença el xat' }).waitFor();
    // The pick outlives a reload (kept in the browser).
    await customer.reload();
    await customer.getByRole('button', { name: 'Comença el xat' }).waitFor();

    // The transcript box appears once an email is typed; ticked, the mail goes at close.
    const transcriptBox = customer.getByRole('checkbox', { name: 'Envia’m la transcripció per correu' });
    await customer.getByLabel('Nom', { exact: true }).fill('Maria Garcia');
    expect(await transcriptBox.isVisible()).toBe(false);
    await customer.getByLabel('Correu electrònic (opcional)').fill('maria.garcia@example.es');
    await transcriptBox.check();
    await customer.getByLabel('El teu missatge (opcional)').fill('Voldria canviar la comanda');
    await customer.getByRole('button', { name: 'Comença el xat' }).click();
    await customer.getByText('T’enviarem la transcripció per correu quan acabi el xat.').waitFor();
    expect(await mails()).toEqual([]);

    await anaAnswersAndCloses('Maria Garcia', 'Ara mateix la canvio');
    await customer.getByRole('log').getByText('Ara mateix la canvio').waitFor();
    await customer.getByText('T’hem enviat la transcripció per correu.').waitFor({ timeout: 15_000 });
    const [first] = await eventually(mails, (list) => expect(list).toHaveLength(1));
    expect(first?.to).toEqual(['maria.garcia@example.es']);
    const catalan = first?.text ?? '';
    expect(catalan).toContain('Aquesta és la transcripció del xat');
    expect(catalan).toContain('Maria Garcia: Voldria canviar la comanda');
    expect(catalan).toContain('Ana Martín: Ara mateix la canvio');

    // A second chat, in English, with the box left unticked: nothing is mailed at close, then
    // the closed-chat button asks for it.
    await customer.getByRole('button', { name: 'Comença un altre xat' }).click();
    await customer.getByRole('combobox', { name: 'Idioma' }).selectOption('en');
    await customer.getByLabel('Name', { exact: true }).fill('Maria Garcia');
    await customer.getByLabel('Email (optional)').fill('maria.garcia@example.es');
    await customer.getByLabel('Your message (optional)').fill('One more question');
    await customer.getByRole('button', { name: 'Start chat' }).click();
    await anaAnswersAndCloses('Maria Garcia', 'Sure, go ahead');
    await customer.getByText('Ana Martín has closed the chat.').waitFor({ timeout: 15_000 });
    expect(await mails()).toHaveLength(1);
    await customer.getByRole('button', { name: 'Email me the transcript' }).click();
    await customer.getByText('We have emailed you the transcript.').waitFor({ timeout: 15_000 });
    const both = await eventually(mails, (list) => expect(list).toHaveLength(2));
    const english = both.map((mail) => mail.text).find((text) => text.includes('One more question')) ?? '';
    expect(english).toContain('This is the transcript of the chat you started on');
    expect(english).toContain('Ana Martín: Sure, go ahead');
    expect(english).not.toContain('Voldria canviar la comanda');
    expect(problems).toEqual([]);
    expect(ana.problems).toEqual([]);
    await context.close();
  });
});
