/**
 * "The embedded default works": exactly what `npm start` runs (launcher +
 * embedded hub + its lab SIP proxy + the simulator), nothing else. The agent signs in, goes
 * Ready, and a SIMULATED caller (a SIP.js user agent inside the hub with its own WebRTC stack,
 * src-hub/sim/voice) rings her phone; she answers in the UI and hears the caller: the inbound
 * level measured on the playing call audio is not silence. No test-side caller is involved.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, goReady, signIn, waitForState } from './support/agent-steps';
import { launchApp, type RunningApp } from './support/launch-app';
import { launchVoiceChromium, type VoiceChromium } from './voice-caller/caller-browser';

let app: RunningApp;
let browser: Browser;
let agent: Page;
let voice: VoiceChromium | undefined;
const problems: string[] = [];

beforeAll(async () => {
  app = await launchApp([], { simulate: true });
  voice = await launchVoiceChromium(700);
  browser = voice.browser;
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 }, locale: 'es-ES' });
  agent = await context.newPage();
  agent.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  await agent.goto(app.desktopUrl);
});

afterAll(async () => {
  await voice?.close();
  await app?.stop();
});

describe('npm start rings the agent with a simulated caller', () => {
  it('log in → Ready → a simulated call rings, is answered in the UI, and the caller is heard', async () => {
    await signIn(agent, 'ana');
    await agent.locator('[data-phone-status="ready"]').waitFor({ timeout: 20_000 });
    await goReady(agent);

    // The simulator places a call once a voice agent with a registered phone is Ready.
    const ringing = agent.locator('li.offer', { hasText: 'Sonando en tu teléfono' });
    await ringing.waitFor({ timeout: 30_000 });
    await ringing.getByRole('button', { name: 'Contestar' }).click();

    const panel = agent.locator('section.call-panel[data-call-state="active"]');
    await panel.waitFor({ timeout: 15_000 });
    await waitForState(agent, 'Ocupado');
    const level = await eventually(
      async () => Number(await panel.locator('[data-remote-level]').getAttribute('data-remote-level')),
      (value) => expect(value).toBeGreaterThan(0.01),
      15_000,
    );
    console.log(`embedded default: inbound level of the simulated caller at the agent: ${level.toFixed(3)}`);

    await agent.getByRole('region', { name: 'Llamada' }).getByRole('button', { name: 'Colgar' }).click();
    await agent.getByRole('form', { name: 'Cierre de la interacción' }).waitFor({ timeout: 10_000 });
    expect(problems).toEqual([]);
  });
});
