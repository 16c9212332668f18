/**
 * Voice through the agent UI in web mode: a customer who chatted before calls the
 * contact center (5000) from her own number through the hub's lab SIP proxy; the voice offer pops
 * her cross-channel timeline while the agent's phone rings; the agent answers in the UI, hears the
 * caller (inbound audio is not silent), holds, resumes, hangs up, picks a disposition, and the call
 * joins the customer's timeline; calling her back from her record opens an outbound item that is
 * wrapped up the same way. Real components only: launcher + embedded hub + lab SIP proxy,
 * our phone engine in the page, a SIP.js caller in a second Chromium context, WebRTC media.
 */
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from './support/accessibility';
import { customerPane, eventually, goReady, signIn, waitForState } from './support/agent-steps';
import { launchApp, type RunningApp } from './support/launch-app';
import { launchVoiceChromium, openCallerPhone, type CallerPhone, type VoiceChromium } from './voice-caller/caller-browser';

const MARIA_PHONE = '+34600100200';

let app: RunningApp;
let browser: Browser;
let agent: Page;
let caller: CallerPhone;
let voice: VoiceChromium | undefined;
const problems: string[] = [];

const callPanel = () => agent.getByRole('region', { name: 'Llamada' });

beforeAll(async () => {
  app = await launchApp();
  voice = await launchVoiceChromium();
  browser = voice.browser;
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 }, locale: 'es-ES' });
  agent = await context.newPage();
  agent.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  await agent.goto(app.desktopUrl);
  caller = await openCallerPhone(browser, app.hubUrl);
});

afterAll(async () => {
  await voice?.close();
  await app?.stop();
});

describe('an agent takes a phone call in the UI', () => {
  it('signs in and the phone registers with the hub\'s lab SIP proxy', async () => {
    await signIn(agent, 'ana');
    await agent.locator('[data-phone-status="ready"]').waitFor({ timeout: 15_000 });
    const status = await agent.locator('[data-phone-status="ready"]').textContent();
    expect(status).toContain('Teléfono listo');
    expect(status).toContain('servidor de laboratorio');
    await goReady(agent);
  });

  it('rings with the caller\'s screen pop: her earlier chat is in the timeline', async () => {
    const dialled = Date.now();
    await caller.call(app.hubUrl, MARIA_PHONE, '5000');
    const card = agent.locator('li.offer', { hasText: MARIA_PHONE });
    await card.waitFor({ timeout: 15_000 });
    await card.getByText('Sonando en tu teléfono').waitFor({ timeout: 10_000 });
    // The caller's number once on the card, and no dialled-number "message" in the workspace.
    expect(await card.getByText(MARIA_PHONE, { exact: true }).count()).toBe(1);
    expect(await agent.locator('.interaction .message').count()).toBe(0);
    console.log(`voice e2e: caller dials → agent's offer rings in the UI: ${Date.now() - dialled} ms`);
    // The ringtone plays (WebAudio through a media element, so setSinkId can route it).
    const ringtone = agent.locator('audio[data-phone-audio="ringer"]');
    await eventually(() => ringtone.evaluate((el) => !(el as HTMLAudioElement).paused), (playing) => expect(playing).toBe(true), 5_000);
    await expect(card.getByRole('button', { name: 'Contestar' }).getAttribute('aria-keyshortcuts')).resolves.toBe('Alt+A');
    await customerPane(agent).getByRole('heading', { name: 'María García López' }).waitFor({ timeout: 10_000 });
    await customerPane(agent).getByText('Consulta sobre la factura de febrero').waitFor();
  });

  it('answers in the UI and hears the caller', async () => {
    const clicked = Date.now();
    await agent.locator('li.offer').first().getByRole('button', { name: 'Contestar' }).click();
    await agent.locator('section.call-panel[data-call-state="active"]').waitFor({ timeout: 15_000 });
    console.log(`voice e2e: Answer click → call panel "En llamada": ${Date.now() - clicked} ms`);
    // The customer's name once, the number beside it.
    await expect(callPanel().locator('.call-party').textContent()).resolves.toBe(`María García López · ${MARIA_PHONE}`);
    await expect(agent.locator('.interaction .message').count()).resolves.toBe(0);
    // The caller's audio plays in its own element (routed to the chosen speaker).
    await expect(agent.locator('audio[data-phone-audio="call"]').count()).resolves.toBe(1);
    await waitForState(agent, 'Ocupado');
    // Inbound audio is not silent: the caller's tone reaches the agent's speaker element.
    const level = await eventually(
      async () => Number(await callPanel().locator('[data-remote-level]').getAttribute('data-remote-level')),
      (value) => expect(value).toBeGreaterThan(0.01),
      15_000,
    );
    expect(level).toBeGreaterThan(0.01);
    console.log(`voice e2e: inbound level at the agent (RMS/getStats): ${level.toFixed(3)}`);
    // And the caller hears the agent.
    await eventually(() => caller.inboundLevel(), (value) => expect(value).toBeGreaterThan(0.001), 15_000);
    expect(await seriousViolations(agent)).toEqual([]);
    if (process.env.VOICE_E2E_SCREENSHOTS) await agent.screenshot({ path: join(process.env.VOICE_E2E_SCREENSHOTS, 'call.png') });
  });

  it('holds and resumes', async () => {
    await callPanel().getByRole('button', { name: 'Poner en espera' }).click();
    await agent.locator('[data-call-state="held"]').waitFor({ timeout: 10_000 });
    await expect(callPanel().getByRole('button', { name: 'Recuperar' }).getAttribute('aria-pressed')).resolves.toBe('true');
    await callPanel().getByRole('button', { name: 'Recuperar' }).click();
    await agent.locator('[data-call-state="active"]').waitFor({ timeout: 10_000 });
  });

  it('hangs up, wraps up with a disposition, and the call joins the customer\'s timeline', async () => {
    const before = await customerPane(agent).locator('.timeline-entry[data-kind="interaction"]').count();
    await callPanel().getByRole('button', { name: 'Colgar' }).click();
    await eventually(() => caller.state(), (state) => expect(state).toBe('terminated'), 10_000);
    const form = agent.getByRole('form', { name: 'Cierre de la interacción' });
    await form.waitFor({ timeout: 10_000 });
    await form.getByLabel('Resuelto').check();
    await form.getByRole('button', { name: 'Guardar y terminar' }).click();
    await waitForState(agent, 'Disponible');
    await eventually(
      () => customerPane(agent).locator('.timeline-entry[data-kind="interaction"]').count(),
      (count) => expect(count).toBe(before + 1),
      15_000,
    );
    const newest = customerPane(agent).locator('.timeline-entry').first();
    await expect(newest.textContent()).resolves.toContain('Llamada');
    await expect(newest.textContent()).resolves.toContain('Resuelto');
    expect(problems).toEqual([]);
  });

  it('calls the customer back from her record: the outbound call is a work item with a wrap-up', async () => {
    const before = await customerPane(agent).locator('.timeline-entry[data-kind="interaction"]').count();
    await customerPane(agent).getByRole('button', { name: `Llamar a ${MARIA_PHONE}` }).click();
    // The hub opened an outbound voice item for María before the phone dialled. Nobody answers
    // outside numbers in this lab (no PSTN gateway registered), so the call ends and wrap-up follows.
    const form = agent.getByRole('form', { name: 'Cierre de la interacción' });
    await form.waitFor({ timeout: 15_000 });
    await expect(agent.locator('.item-row').first().textContent()).resolves.toContain('Llamada');
    await form.getByLabel('Sin respuesta').check();
    await form.getByRole('button', { name: 'Guardar y terminar' }).click();
    await eventually(
      () => customerPane(agent).locator('.timeline-entry[data-kind="interaction"]').count(),
      (count) => expect(count).toBe(before + 1),
      15_000,
    );
    const newest = customerPane(agent).locator('.timeline-entry').first();
    await expect(newest.textContent()).resolves.toContain('Saliente');
    await expect(newest.textContent()).resolves.toContain('Sin respuesta');
    expect(problems).toEqual([]);
  });
});
