/**
 * Settings → call audio: the agent picks a microphone and a speaker (remembered by main:
 * they survive a reload), sees the chosen microphone's live level, and plays a test tone that goes
 * to the chosen speaker (setSinkId). Then the ringer: another output, a ringtone and a volume,
 * kept across a reload, and a test ring that plays that ringtone, on that output, as loud as
 * chosen. Chromium's fake devices stand in for a headset and a laptop speaker; the fake
 * microphone plays a known tone, so a level of zero would be a real failure, and what plays is
 * told apart by frequency (an FFT of the page's audio).
 */
import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { es } from '../../src-renderer/i18n/es';
import { eventually, signIn } from './support/agent-steps';
import { HEARD_DB, hearsUntil } from './support/hearing';
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

  it('rings on another output with the chosen ringtone and volume, kept across a reload', async () => {
    await page.getByRole('button', { name: 'Configuración' }).click();
    const speakerChoice = await dialog().getByLabel('Altavoz o auriculares').inputValue();
    const ringer = dialog().getByLabel(es.phone.devices.ringer);
    // Same as calls, the system default, then the devices: the last one is not the call speaker.
    const ringerChoice = (await ringer.locator('option').last().getAttribute('value')) ?? '';
    expect(ringerChoice).not.toBe(speakerChoice);
    await ringer.selectOption(ringerChoice);
    await dialog().getByLabel(es.phone.devices.ringtone).selectOption({ label: es.phone.devices.ringtones.soft });
    const volume = dialog().getByRole('slider', { name: es.phone.devices.ringerVolume });
    await volume.focus();
    await page.keyboard.press('End');
    await expect(volume.getAttribute('aria-valuetext')).resolves.toBe('100 %');

    const ringing = ringLevel();
    // While it rings: the soft chime's top note (B5), not the classic ring.
    await hearsUntil(page, { soft: 987.77, classic: 480 }, (heard) => heard.soft > HEARD_DB && heard.classic < HEARD_DB, 'the soft ringtone during the test ring', 3_000);
    const loud = await ringing;
    await expect(page.locator('audio[data-phone-audio="ringer"]').evaluate((element) => (element as HTMLAudioElement).sinkId)).resolves.toBe(ringerChoice);

    await volume.focus();
    for (let step = 0; step < 15; step += 1) await page.keyboard.press('ArrowLeft');
    await expect(volume.getAttribute('aria-valuetext')).resolves.toBe('25 %');
    const quiet = await eventually(ringLevel, (level) => expect(level).toBeGreaterThan(0), 10_000);
    console.log(`ringer e2e: test ring peak RMS at 100 %: ${loud.toFixed(3)}, at 25 %: ${quiet.toFixed(3)}`);
    // The square curve: a quarter of the slider is a sixteenth of the gain.
    expect(loud / quiet).toBeGreaterThan(8);

    await page.reload();
    await page.getByRole('button', { name: 'Configuración' }).click();
    await expect(dialog().getByLabel(es.phone.devices.ringer).inputValue()).resolves.toBe(ringerChoice);
    await expect(dialog().getByLabel(es.phone.devices.ringtone).inputValue()).resolves.toBe('soft');
    await expect(dialog().getByRole('slider', { name: es.phone.devices.ringerVolume }).inputValue()).resolves.toBe('25');
    await dialog().getByRole('button', { name: 'Cerrar' }).click();
  });
});

/** Presses "Probar el tono" and returns the loudest RMS the ringer's output carried while it rang. */
async function ringLevel(): Promise<number> {
  const listening = page.evaluate(async () => {
    let context: AudioContext | null = null;
    let analyser: AnalyserNode | null = null;
    let peak = 0;
    const buffer = new Float32Array(2048);
    for (let waited = 0; waited < 2500; waited += 20) {
      const element = document.querySelector<HTMLAudioElement>('audio[data-phone-audio="ringer"]');
      if (!analyser && element?.srcObject instanceof MediaStream) {
        context = new AudioContext();
        await context.resume();
        analyser = context.createAnalyser();
        analyser.fftSize = buffer.length;
        context.createMediaStreamSource(element.srcObject).connect(analyser);
      }
      if (analyser) {
        analyser.getFloatTimeDomainData(buffer);
        let sum = 0;
        for (const sample of buffer) sum += sample * sample;
        peak = Math.max(peak, Math.sqrt(sum / buffer.length));
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await context?.close();
    return peak;
  });
  await dialog().getByRole('button', { name: es.phone.devices.testRingtone }).click();
  await dialog().getByRole('button', { name: es.phone.devices.testRingtone }).waitFor({ timeout: 5_000 });
  return listening;
}

