/**
 * An offer the phone cannot answer, in Chromium against the real launcher, hub and lab SIP proxy:
 * a caller whose offer is plain RTP with no DTLS fingerprint (a trunk with no media relay in the
 * path). Ana's phone must not ring a call it cannot connect: it refuses at once with 488, Ana is
 * told why in her language, no card keeps ringing, and she stays Ready (a refusal of this kind is
 * not a missed offer and the readiness watchdog has nothing to say about it).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from './support/accessibility';
import { goReady, signIn, waitForState } from './support/agent-steps';
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

describe('an offer the phone cannot answer', () => {
  it('is refused at once with the reason shown, and the agent stays Ready', async () => {
    const { page } = ana;
    await signIn(page, 'ana');
    await page.locator('[data-phone-status="ready"]').waitFor({ timeout: 15_000 });
    await goReady(page);

    await caller.call(app.hubUrl, '+34600100200', '5000', [], { plainRtp: true });
    const problem = page.getByRole('alert').filter({ hasText: 'Una llamada de +34600100200 no se pudo contestar en este equipo' });
    await problem.waitFor({ timeout: 15_000 });
    expect(await problem.textContent()).toContain('(488)');
    expect(await seriousViolations(page)).toEqual([]);

    // Nothing rings on: the refusal ended the offer at the phone and at the hub.
    await page.locator('li.offer', { hasText: 'Sonando en tu teléfono' }).waitFor({ state: 'detached', timeout: 5_000 });
    expect(await caller.state()).not.toBe('established');
    // Past the readiness grace (8 s) and the offer timeout: still Ready, not set aside for missing offers.
    await new Promise((resolve) => setTimeout(resolve, 10_000));
    await waitForState(page, 'Disponible');
    expect(await page.locator('li.offer', { hasText: 'Sonando en tu teléfono' }).count()).toBe(0);

    await problem.getByRole('button', { name: 'Cerrar' }).click();
    await problem.waitFor({ state: 'detached' });
  }, 90_000);
});
