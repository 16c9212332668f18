/**
 * Settings → call audio: the agent picks a microphone and a speaker (remembered by main:
 * they survive a reload), sees the chosen microphone's live level, and plays a test tone that goes
 * to the chosen speaker (setSinkId). Chromium's fake devices stand in for a headset; the fake
 * microphone plays a known tone, so a level of zero would be a real failure.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, signIn } from './support/agent-steps';
import { launchApp, type RunningApp } from './support/launch-app';
import { launchVoiceChromium, type VoiceChromium } from './voice-caller/caller-browser';

let app: RunningApp;
let browser: Browser;
let page: Page;
let voice: VoiceChromium | undefined;

beforeAll(async () => {
  app = await launchApp();
  voice = await launchVoiceChromium();
  browser = voice.browser;
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 }, locale: 'es-ES' });
  page = await context.newPage();
  await page.goto(app.desktopUrl);
  await signIn(page, 'marta');
});

afterAll(async () => {
  await voice?.close();
  await app?.stop();
});

const dialog = () => page.getByRole('dialog', { name: 'Configuración' });
const meterValue = async () => Number(await dialog().getByRole('meter', { name: 'Nivel del micrófono' }).getAttribute('aria-valuenow'));

describe('choosing the call audio devices', () => {
  it('shows the live microphone level and lists the devices by name', async () => {
    await page.getByRole('button', { name: 'Configuración' }).click();
    await dialog().waitFor();
    await eventually(meterValue, (value) => expect(value).toBeGreaterThan(5), 10_000);
    const microphones = await eventually(
      () => dialog().getByLabel('Micrófono', { exact: true }).locator('option').allTextContents(),
      (names) => expect(names.length).toBeGreaterThan(1),
      5_000,
    );
    expect(microphones[0]).toBe('Predeterminado del sistema');
    expect(microphones.slice(1).every((name) => name.trim() !== '')).toBe(true);
    const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
    expect(results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
  });

  it('remembers the chosen microphone and speaker across a reload, and the meter follows the choice', async () => {
    const mic = dialog().getByLabel('Micrófono', { exact: true });
    const micChoice = await mic.locator('option').nth(1).getAttribute('value');
    await mic.selectOption(micChoice ?? '');
    const speaker = dialog().getByLabel('Altavoz o auriculares');
    // Chromium's fake devices include outputs besides the default: choose one that is not the default.
    expect(await speaker.locator('option').count()).toBeGreaterThan(1);
    const speakerChoice = await speaker.locator('option').nth(1).getAttribute('value');
    expect(speakerChoice).not.toBe('');
    await speaker.selectOption(speakerChoice ?? '');
    await eventually(meterValue, (value) => expect(value).toBeGreaterThan(5), 10_000);

    await page.reload();
    await page.getByRole('button', { name: 'Configuración' }).click();
    await expect(dialog().getByLabel('Micrófono', { exact: true }).inputValue()).resolves.toBe(micChoice);
    await expect(dialog().getByLabel('Altavoz o auriculares').inputValue()).resolves.toBe(speakerChoice ?? '');
  });

  it('plays the speaker test through the chosen speaker', async () => {
    const chosen = await dialog().getByLabel('Altavoz o auriculares').inputValue();
    expect(chosen).not.toBe('');
    await dialog().getByRole('button', { name: 'Probar el altavoz' }).click();
    await dialog().getByRole('button', { name: 'Sonando…' }).waitFor();
    const sink = await page.locator('audio[data-phone-audio="tones"]').evaluate((element) => (element as HTMLAudioElement).sinkId);
    expect(sink).toBe(chosen);
    await dialog().getByRole('button', { name: 'Probar el altavoz' }).waitFor({ timeout: 5_000 });
    await dialog().getByRole('button', { name: 'Cerrar' }).click();
  });
});
