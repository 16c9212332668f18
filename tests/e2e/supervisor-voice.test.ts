/**
 * A supervisor on a live call, in Chromium against the real launcher, hub and lab SIP proxy, each
 * person in their own Chromium whose fake microphone plays their own tone: the customer 440 Hz,
 * Ana (agent) 660 Hz, Sara (supervisor) 880 Hz. A customer calls; Sara sees the call wait and the
 * service level once Ana answers; from Ana's actions she listens (she hears both; nobody hears
 * her), whispers (Ana hears her, the customer does not), barges (everyone hears everyone) and
 * takes the call over (the customer is now on Sara's phone as her work item; Ana's call ends into
 * wrap-up). An FFT of what each page plays proves every step; Ana is told who listens; the audit
 * log has each step.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from './support/accessibility';
import { goReady, signIn } from './support/agent-steps';
import { openDesktop, type AgentTab } from './support/browser';
import { HEARD_DB, hears, hearsUntil } from './support/hearing';
import { launchApp, type RunningApp } from './support/launch-app';
import { launchVoiceChromium, openCallerPhone, type CallerPhone, type VoiceChromium } from './voice-caller/caller-browser';

const TONES = { customer: 440, ana: 660, sara: 880 } as const;

let app: RunningApp;
const browsers: VoiceChromium[] = [];
let ana: AgentTab;
let sara: AgentTab;
let customer: CallerPhone;

beforeAll(async () => {
  app = await launchApp();
  for (const hz of [TONES.customer, TONES.ana, TONES.sara]) browsers.push(await launchVoiceChromium(hz));
  const [customerBrowser, anaBrowser, saraBrowser] = browsers.map((b) => b.browser);
  if (!customerBrowser || !anaBrowser || !saraBrowser) throw new Error('no browsers');
  customer = await openCallerPhone(customerBrowser, app.hubUrl);
  ana = await openDesktop(anaBrowser, app.desktopUrl);
  sara = await openDesktop(saraBrowser, app.desktopUrl);
});

afterAll(async () => {
  for (const browser of browsers) await browser.close();
  await app?.stop();
});

const tile = (page: Page, name: string) => page.getByRole('region', { name: 'Colas' }).getByRole('region', { name, exact: true });
const figure = (page: Page, queue: string, which: string) => tile(page, queue).locator(`dd[data-figure="${which}"]`);
const controls = (page: Page) => page.getByRole('group', { name: 'Llamada de Ana Martín' });
const status = (page: Page, text: string) => controls(page).getByRole('status').filter({ hasText: text });

describe('voice supervision from the console', () => {
  it('listens, whispers, barges and takes the call over, each proven by ear, and audits it', async () => {
    await signIn(ana.page, 'ana');
    await signIn(sara.page, 'sara');
    for (const page of [ana.page, sara.page]) await page.locator('[data-phone-status="ready"]').waitFor({ timeout: 15_000 });
    // Sara will take the call over: she must be able to take work.
    await goReady(sara.page);
    await sara.page.getByRole('group', { name: 'Vista' }).getByRole('button', { name: 'Supervisión' }).click();
    await tile(sara.page, 'Soporte (voz)').waitFor({ timeout: 10_000 });

    // A customer calls while nobody is ready: Sara sees the call wait.
    await customer.call(app.hubUrl, '+34600100200', '5000');
    await figure(sara.page, 'Soporte (voz)', 'waiting').filter({ hasText: /^1$/ }).waitFor({ timeout: 10_000 });
    await goReady(ana.page);
    await ana.page.locator('li.offer', { hasText: '+34600100200' }).getByText('Sonando en tu teléfono').waitFor({ timeout: 15_000 });
    await ana.page.keyboard.press('Alt+KeyA');
    await ana.page.locator('section.call-panel[data-call-state="active"]').waitFor({ timeout: 15_000 });
    await figure(sara.page, 'Soporte (voz)', 'service-level').filter({ hasText: /^100 %/ }).waitFor({ timeout: 10_000 });

    // Listen: Sara hears the customer and Ana; nobody hears Sara.
    await sara.page.getByRole('button', { name: 'Acciones para Ana Martín' }).click();
    await controls(sara.page).getByRole('button', { name: 'Escuchar' }).click();
    await status(sara.page, 'Escuchas la llamada de Ana Martín').waitFor({ timeout: 15_000 });
    expect(await seriousViolations(sara.page)).toEqual([]);
    const listening = {
      sara: await hearsUntil(sara.page, TONES, (h) => h.customer > HEARD_DB && h.ana > HEARD_DB, 'Sara hears the customer and Ana'),
      ana: await hears(ana.page, TONES),
      customer: await hears(customer.page, TONES),
    };
    console.log('listening (dB)', listening);
    expect(listening.ana.customer).toBeGreaterThan(HEARD_DB);
    expect(listening.ana.sara).toBeLessThan(HEARD_DB);
    expect(listening.customer.ana).toBeGreaterThan(HEARD_DB);
    expect(listening.customer.sara).toBeLessThan(HEARD_DB);
    // The demo centre tells its agents who listens; the supervision call is not a call of Ana's.
    await ana.page.getByRole('status').filter({ hasText: 'Sara Vidal escucha esta llamada.' }).waitFor();
    await expect(ana.page.locator('section.call-panel').count()).resolves.toBe(1);
    // Ana's panel rates her call every second (E-model from the phone's own figures): on loopback, good.
    const rated = ana.page.locator('section.call-panel .call-quality[data-cause="good"]');
    await rated.waitFor({ timeout: 10_000 });
    expect(Number(await rated.getAttribute('data-mos'))).toBeGreaterThan(4);
    await expect(rated.textContent()).resolves.toMatch(/Calidad 4,\d de 5 · buena/);

    // Whisper: Ana hears Sara; the customer does not.
    await controls(sara.page).getByRole('button', { name: 'Susurrar' }).click();
    await status(sara.page, 'Susurras a Ana Martín').waitFor({ timeout: 10_000 });
    const whispering = {
      ana: await hearsUntil(ana.page, TONES, (h) => h.sara > HEARD_DB, 'Ana hears Sara'),
      customer: await hears(customer.page, TONES),
    };
    console.log('whispering (dB)', whispering);
    expect(whispering.ana.customer).toBeGreaterThan(HEARD_DB);
    expect(whispering.customer.sara).toBeLessThan(HEARD_DB);
    await ana.page.getByRole('status').filter({ hasText: 'Sara Vidal te habla; el cliente no lo oye.' }).waitFor();

    // Barge: everyone hears everyone.
    await controls(sara.page).getByRole('button', { name: 'Intervenir' }).click();
    await status(sara.page, 'Intervienes en la llamada de Ana Martín').waitFor({ timeout: 10_000 });
    const barging = {
      customer: await hearsUntil(customer.page, TONES, (h) => h.sara > HEARD_DB && h.ana > HEARD_DB, 'the customer hears Sara and Ana'),
      ana: await hears(ana.page, TONES),
      sara: await hears(sara.page, TONES),
    };
    console.log('barging (dB)', barging);
    expect(barging.ana.sara).toBeGreaterThan(HEARD_DB);
    expect(barging.sara.customer).toBeGreaterThan(HEARD_DB);

    // Take-over: the customer moves to Sara's phone as her work item; Ana's call ends into wrap-up.
    await controls(sara.page).getByRole('button', { name: 'Tomar la llamada' }).click();
    await sara.page.getByRole('status').filter({ hasText: 'La llamada es tuya' }).waitFor({ timeout: 15_000 });
    await ana.page.locator('section.call-panel[data-call-state="active"]').waitFor({ state: 'detached', timeout: 15_000 });
    const taken = await hearsUntil(sara.page, TONES, (h) => h.customer > HEARD_DB && h.ana < HEARD_DB, 'Sara hears only the customer');
    const customerAfter = await hearsUntil(customer.page, TONES, (h) => h.sara > HEARD_DB && h.ana < HEARD_DB, 'the customer hears only Sara');
    console.log('after take-over (dB): sara', taken, 'customer', customerAfter);
    await sara.page.getByRole('group', { name: 'Vista' }).getByRole('button', { name: 'Trabajo' }).click();
    await sara.page.locator('section.call-panel[data-call-state="active"]').waitFor({ timeout: 15_000 });
    await expect(customer.state()).resolves.toBe('established');
    // Ana's call, now over, reported its quality: Sara reads it in Ana's actions.
    await sara.page.getByRole('group', { name: 'Vista' }).getByRole('button', { name: 'Supervisión' }).click();
    await sara.page.getByRole('button', { name: 'Acciones para Ana Martín' }).click();
    await sara.page.getByText(/^Última llamada: calidad 4,\d de 5, buena$/).waitFor({ timeout: 15_000 });

    // The audit log names every step, Sara's asks and Ana's phone accepting them.
    await sara.page.getByRole('button', { name: 'Ver registro de auditoría' }).click();
    for (const mode of ['monitor', 'whisper', 'barge', 'take-over']) {
      await sara.page.locator('tr[data-audit-id]', { hasText: 'superviseCall' }).filter({ has: sara.page.locator('td.sv-detail', { hasText: new RegExp(`^${mode}$`) }) }).first().waitFor({ timeout: 10_000 });
      await sara.page.locator('tr[data-audit-id]', { hasText: 'redeemSupervisionGrant' }).filter({ hasText: `${mode} by sara` }).first().waitFor({ timeout: 10_000 });
    }
    expect(ana.problems).toEqual([]);
    expect(sara.problems).toEqual([]);
  }, 180_000);
});
