/**
 * A caller who hangs up while the agent's phone rings, in Chromium against the real launcher, hub
 * and lab SIP proxy: the card goes, the queue says the caller hung up (with a button to call them
 * back), and the customer's timeline shows a missed call with their wait and its own call-back
 * button; calling back from the notice places the call, and IT's diagnostics export holds the
 * calls' SIP trace with the number redacted.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from './support/accessibility';
import { customerPane, goReady, signIn } from './support/agent-steps';
import { openDesktop, type AgentTab } from './support/browser';
import { launchApp, type RunningApp } from './support/launch-app';
import { launchVoiceChromium, openCallerPhone, type CallerPhone, type VoiceChromium } from './voice-caller/caller-browser';

let app: RunningApp;
let voice: VoiceChromium;
let ana: AgentTab;
let caller: CallerPhone;

beforeAll(async () => {
  app = await launchApp();
  voice = await launchVoiceChromium();
  ana = await openDesktop(voice.browser, app.desktopUrl);
  caller = await openCallerPhone(voice.browser, app.hubUrl);
});

afterAll(async () => {
  await voice?.close();
  await app?.stop();
});

describe('a caller who hangs up while it rings', () => {
  it('is said in the queue and kept in the customer’s timeline as a missed call to call back', async () => {
    const { page } = ana;
    await signIn(page, 'ana');
    await page.locator('[data-phone-status="ready"]').waitFor({ timeout: 15_000 });
    await goReady(page);
    await caller.call(app.hubUrl, '+34600100200', '5000');
    const card = page.locator('li.offer', { hasText: '+34600100200' });
    await card.getByText('Sonando en tu teléfono').waitFor({ timeout: 15_000 });
    await customerPane(page).getByRole('heading', { name: 'María García López' }).waitFor({ timeout: 10_000 });

    await caller.hangup();
    await card.waitFor({ state: 'detached', timeout: 5_000 });
    const notice = page.getByRole('status').filter({ hasText: '+34600100200 colgó antes de que contestaras.' });
    await notice.waitFor({ timeout: 5_000 });
    expect(await seriousViolations(page)).toEqual([]);

    const missed = customerPane(page).locator('li.timeline-entry', { hasText: 'Perdida' });
    await missed.waitFor({ timeout: 10_000 });
    await missed.getByRole('button', { name: 'Llamar a +34600100200' }).waitFor();

    await notice.getByRole('button', { name: 'Llamar a +34600100200' }).click();
    await page.locator('section.call-panel').waitFor({ timeout: 10_000 });
    await page.locator('section.call-panel').getByRole('button', { name: /Colgar/ }).first().click();
    await notice.getByRole('button', { name: 'Cerrar' }).click();
    await notice.waitFor({ state: 'detached' });

    // IT's diagnostics carry the SIP trace of these calls, with the customer's number redacted.
    await page.locator('section.call-panel').waitFor({ state: 'detached', timeout: 10_000 }).catch(() => undefined);
    await page.getByRole('button', { name: 'Configuración' }).click();
    const settings = page.getByRole('dialog', { name: 'Configuración' });
    await settings.getByRole('button', { name: 'Exportar diagnóstico' }).click();
    await settings.getByRole('status').filter({ hasText: 'Diagnóstico guardado en' }).waitFor();
    const saved = /Diagnóstico guardado en (\S+\.json)/.exec((await settings.getByRole('status').filter({ hasText: 'Diagnóstico guardado en' }).textContent()) ?? '')?.[1] ?? '';
    const report = JSON.parse(readFileSync(saved, 'utf8')) as { sipTrace: string | null };
    expect(report.sipTrace).toContain('INVITE sip:');
    expect(report.sipTrace).not.toContain('600100200');
    expect(ana.problems).toEqual([]);
  }, 90_000);
});
