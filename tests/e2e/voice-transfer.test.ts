/**
 * Consult and transfer through the UI: a customer calls, Ana answers; a transfer to
 * Jordi while he is not taking work is refused and says so; once he is available Ana consults
 * him with a note (her caller goes on hold), Jordi answers the colleague's call, Ana completes
 * the transfer, and the caller is now connected to Jordi (he hears her tone) carrying his own
 * work item: his desktop shows the customer and Ana's note, he hangs up and wraps up, and the
 * customer's timeline has both segments (Ana's and Jordi's, with the note). Then Jordi calls Ana from the dialpad and sends tones from the keypad, and
 * Ana joins a second caller and Jordi in a three-way conference.
 * Real components: launcher + embedded hub + lab SIP proxy, two agents' pages, a SIP.js caller.
 */
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from './support/accessibility';
import { customerPane, eventually, goReady, signIn } from './support/agent-steps';
import { launchApp, type RunningApp } from './support/launch-app';
import { launchVoiceChromium, openCallerPhone, type CallerPhone, type VoiceChromium } from './voice-caller/caller-browser';

let app: RunningApp;
let browser: Browser;
let ana: Page;
let jordi: Page;
let caller: CallerPhone;
let voice: VoiceChromium | undefined;

async function openAgent(url: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 }, locale: 'es-ES' });
  const page = await context.newPage();
  await page.goto(url);
  return page;
}

/** VOICE_E2E_SCREENSHOTS=DIR keeps pictures of the screens for a human to look at. */
async function screenshot(page: Page, name: string): Promise<void> {
  if (process.env.VOICE_E2E_SCREENSHOTS) await page.screenshot({ path: join(process.env.VOICE_E2E_SCREENSHOTS, `${name}.png`) });
}

const NOTE = 'Quiere cambiar la tarifa; identidad ya verificada.';
const panel = (page: Page, state: string) => page.locator(`section.call-panel[data-call-state="${state}"]`);
const remoteLevel = async (page: Page) => Number(await page.locator('section.call-panel [data-remote-level]').first().getAttribute('data-remote-level'));

beforeAll(async () => {
  app = await launchApp();
  voice = await launchVoiceChromium();
  browser = voice.browser;
  ana = await openAgent(app.desktopUrl);
  jordi = await openAgent(app.desktopUrl);
  caller = await openCallerPhone(browser, app.hubUrl);
});

afterAll(async () => {
  await voice?.close();
  await app?.stop();
});

describe('consult, transfer and agent-to-agent calls', () => {
  it('Ana answers a customer call; Jordi is signed in but not taking queue work', async () => {
    await signIn(ana, 'ana');
    await signIn(jordi, 'jordi');
    await ana.locator('[data-phone-status="ready"]').waitFor({ timeout: 15_000 });
    await jordi.locator('[data-phone-status="ready"]').waitFor({ timeout: 15_000 });
    await goReady(ana);
    await caller.call(app.hubUrl, '+34600100200', '5000');
    const card = ana.locator('li.offer', { hasText: '+34600100200' });
    await card.getByText('Sonando en tu teléfono').waitFor({ timeout: 15_000 });
    // Keyboard first: Alt+A answers the ringing voice offer.
    await ana.keyboard.press('Alt+KeyA');
    await panel(ana, 'active').waitFor({ timeout: 15_000 });
  });

  it('consults Jordi from the transfer dialog; the customer is held meanwhile', async () => {
    await ana.keyboard.press('Alt+KeyT');
    const dialog = ana.getByRole('dialog', { name: 'Transferir o consultar' });
    await dialog.waitFor();
    expect(await seriousViolations(ana)).toEqual([]);
    // Nothing chosen: the dialog says what is missing instead of dialling.
    await dialog.getByRole('button', { name: 'Consultar antes' }).click();
    await dialog.getByRole('alert').getByText('Elige un destino o escribe un número.').waitFor();
    await dialog.getByLabel('Agente', { exact: true }).selectOption({ label: 'Jordi Puig' });
    // Jordi is not taking work: the hub refuses to give him the call, and nothing is transferred.
    await dialog.getByRole('button', { name: 'Transferir ahora' }).click();
    await dialog.getByRole('alert').getByText('Jordi Puig no puede atender ahora.').waitFor({ timeout: 10_000 });
    await expect(dialog.getByRole('alert').allTextContents()).resolves.toEqual(['Jordi Puig no puede atender ahora.']);
    await expect(panel(ana, 'active').count()).resolves.toBe(1);
    await goReady(jordi);
    await dialog.getByLabel('Nota para quien recibe la llamada').fill(NOTE);
    await screenshot(ana, 'transfer-dialog');
    await dialog.getByRole('button', { name: 'Consultar antes' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await panel(ana, 'held').waitFor({ timeout: 10_000 });

    const incoming = jordi.locator('li.incoming-call');
    await incoming.waitFor({ timeout: 15_000 });
    await incoming.getByRole('button', { name: 'Contestar' }).click();
    await panel(jordi, 'active').waitFor({ timeout: 15_000 });
    const consult = ana.locator('.consult-leg');
    await consult.getByText('En llamada').waitFor({ timeout: 10_000 });
    await screenshot(ana, 'consult');
    await screenshot(jordi, 'consulted');
  });

  it('completes the transfer: the caller talks to Jordi, with his own item and Ana\'s note; Ana goes to wrap-up', async () => {
    await ana.locator('.consult-leg').getByRole('button', { name: 'Completar transferencia' }).click();
    await ana.getByRole('form', { name: 'Cierre de la interacción' }).waitFor({ timeout: 15_000 });
    // Jordi's panel now holds the customer's call (it replaced the consultation) and he hears her.
    await eventually(() => remoteLevel(jordi), (level) => expect(level).toBeGreaterThan(0.01), 15_000);
    await expect(jordi.locator('section.call-panel .call-party').textContent()).resolves.toContain('+34600100200');
    // The call is his work now: the workspace shows who handed it over and the note, and the screen pop the customer.
    const note = jordi.getByRole('note').filter({ hasText: 'Transferido por Ana Martín' });
    await note.getByText(NOTE).waitFor({ timeout: 10_000 });
    await customerPane(jordi).getByText('María García').first().waitFor({ timeout: 10_000 });
    await screenshot(jordi, 'transferred-call');
    await ana.getByRole('form', { name: 'Cierre de la interacción' }).getByLabel('Escalado').check();
    await ana.getByRole('button', { name: 'Guardar y terminar' }).click();

    await jordi.locator('section.call-panel').getByRole('button', { name: 'Colgar' }).click();
    await eventually(() => caller.state(), (state) => expect(state).toBe('terminated'), 10_000);
    const wrapUp = jordi.getByRole('form', { name: 'Cierre de la interacción' });
    await wrapUp.waitFor({ timeout: 15_000 });
    await wrapUp.getByLabel('Resuelto').check();
    await jordi.getByRole('button', { name: 'Guardar y terminar' }).click();
    await wrapUp.waitFor({ state: 'hidden', timeout: 10_000 });

    // María's history: Ana's segment and Jordi's, the latter with the hand-over note.
    const pane = customerPane(jordi);
    await eventually(
      async () => ({
        ana: await pane.locator('li.timeline-entry', { hasText: 'Ana Martín' }).filter({ hasText: 'Escalado' }).count(),
        jordi: await pane.locator('li.timeline-entry', { hasText: 'Jordi Puig' }).filter({ hasText: 'Resuelto' }).count(),
      }),
      (counts) => expect(counts).toEqual({ ana: 1, jordi: 1 }),
      15_000,
    );
    await expect(pane.locator('li.timeline-entry', { hasText: 'Jordi Puig' }).filter({ hasText: 'Resuelto' }).locator('.timeline-detail').textContent()).resolves.toContain(`↪ Ana Martín: ${NOTE}`);
    // Jordi stops taking queue work, so the next customer call goes to Ana.
    await jordi.getByLabel('Estado', { exact: true }).selectOption('not-ready:break');
    await jordi.locator('.state-now .state-name', { hasText: 'Descanso' }).waitFor();
    // Leave the state select: a native select keeps keys for itself while its list may be open.
    await jordi.getByLabel('Estado', { exact: true }).blur();
  });

  it('Jordi calls Ana from the dialpad and sends tones from the keypad', async () => {

    await jordi.keyboard.press('Alt+KeyN');
    const dialpad = jordi.getByRole('dialog', { name: 'Nueva llamada' });
    await dialpad.waitFor();
    // Esc closes it (native modal dialog), Alt+N brings it back with the number field focused.
    await jordi.keyboard.press('Escape');
    await dialpad.waitFor({ state: 'hidden' });
    await jordi.keyboard.press('Alt+KeyN');
    await dialpad.waitFor();
    await expect(dialpad.getByLabel('Número, extensión o dirección SIP').evaluate((el) => el === document.activeElement)).resolves.toBe(true);
    await dialpad.getByLabel('Número, extensión o dirección SIP').fill('no es un número');
    await dialpad.getByRole('button', { name: 'Llamar' }).click();
    await dialpad.getByRole('alert').waitFor();
    expect(await seriousViolations(jordi)).toEqual([]);
    await dialpad.getByLabel('Número, extensión o dirección SIP').fill('ana');
    await dialpad.getByRole('button', { name: 'Llamar' }).click();
    await dialpad.waitFor({ state: 'hidden' });

    await ana.locator('li.incoming-call').getByRole('button', { name: 'Contestar' }).click();
    await panel(jordi, 'active').waitFor({ timeout: 15_000 });
    await jordi.locator('section.call-panel').getByRole('button', { name: 'Teclado' }).click();
    const keypad = jordi.getByRole('group', { name: 'Teclado de tonos' });
    await keypad.getByRole('button', { name: '4', exact: true }).click();
    await keypad.getByRole('button', { name: '2', exact: true }).click();
    await keypad.getByText('42').waitFor({ timeout: 5_000 });
    await jordi.locator('section.call-panel').getByRole('button', { name: 'Silenciar' }).click();
    await jordi.locator('section.call-panel').getByText('Micrófono silenciado').waitFor();
    await ana.keyboard.press('Alt+KeyE');
    await panel(jordi, 'active').waitFor({ state: 'detached', timeout: 10_000 });
  });

  it('joins the customer and Jordi in a three-way conference mixed on Ana\'s phone', async () => {
    await caller.call(app.hubUrl, '+34600100200', '5000');
    const card = ana.locator('li.offer', { hasText: '+34600100200' });
    await card.getByRole('button', { name: 'Contestar' }).click({ timeout: 15_000 });
    await panel(ana, 'active').waitFor({ timeout: 15_000 });
    await ana.locator('section.call-panel').getByRole('button', { name: 'Transferir' }).click();
    const dialog = ana.getByRole('dialog', { name: 'Transferir o consultar' });
    await dialog.getByLabel('Agente', { exact: true }).selectOption({ label: 'Jordi Puig' });
    await dialog.getByRole('button', { name: 'Consultar antes' }).click();
    await jordi.locator('li.incoming-call').getByRole('button', { name: 'Contestar' }).click({ timeout: 15_000 });
    const consult = ana.locator('.consult-leg');
    await consult.getByText('En llamada').waitFor({ timeout: 10_000 });
    await consult.getByRole('button', { name: 'Conferencia a tres' }).click();
    await ana.locator('.consult-leg[data-conference="on"]').waitFor({ timeout: 10_000 });
    await panel(ana, 'active').waitFor();

    // With Ana muted, whatever Jordi hears can only be the customer, through Ana's mix (and back).
    await ana.locator('section.call-panel').getByRole('button', { name: 'Silenciar' }).click();
    await ana.locator('section.call-panel').getByText('Micrófono silenciado').waitFor();
    await ana.waitForTimeout(1_500);
    await eventually(() => remoteLevel(jordi), (level) => expect(level).toBeGreaterThan(0.01), 10_000);
    await eventually(() => caller.inboundLevel(), (level) => expect(level).toBeGreaterThan(0.001), 10_000);

    await consult.getByRole('button', { name: /^Colgar a / }).click();
    await panel(jordi, 'active').waitFor({ state: 'detached', timeout: 10_000 });
    await ana.locator('.consult-leg').waitFor({ state: 'detached', timeout: 10_000 });
    await ana.keyboard.press('Alt+KeyE');
    await ana.getByRole('form', { name: 'Cierre de la interacción' }).waitFor({ timeout: 10_000 });
  });
});
