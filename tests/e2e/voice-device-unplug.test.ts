/**
 * A headset unplugged mid-call, in Chromium with its fake audio devices: Ana talks through "Fake
 * Audio Input 1" and hears through "Fake Audio Output 1"; her phone rings on "Fake Audio
 * Output 2" with the digital ringtone. Mid-call the headset goes (both devices vanish): the
 * call carries on through the system default microphone and output, the top bar says so, and
 * the caller still hears her; when it comes back, the call moves back to it and the notice goes.
 * Then every output goes: the hub sets her Not Ready "sin altavoz" after its grace period, and
 * Ready again by herself when one returns.
 *
 * What is simulated and what is real is spelt out in support/unpluggable-devices.ts: the
 * devices vanish from the list (and cannot be opened) by an init script, because Chromium cannot
 * unplug a fake device; the phone's answer to it (getUserMedia, replaceTrack, setSinkId, the
 * readiness report to the hub) is the real one.
 */
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoHubConfig } from '../../src-hub/demo/demo-config';
import { es } from '../../src-renderer/i18n/es';
import { seriousViolations } from './support/accessibility';
import { eventually, goReady, signIn, waitForState } from './support/agent-steps';
import { HEARD_DB, hearsUntil } from './support/hearing';
import { launchApp, type RunningApp } from './support/launch-app';
import { deviceIds, installDeviceSwitch, plugBackAll, sendingMicrophone, unplug } from './support/unpluggable-devices';
import { launchVoiceChromium, openCallerPhone, type CallerPhone, type VoiceChromium } from './voice-caller/caller-browser';

const CALLER = '+34600300400';
const { readinessGraceSeconds } = demoHubConfig();

let app: RunningApp;
let browser: Browser;
let agent: Page;
let caller: CallerPhone;
let voice: VoiceChromium | undefined;
let ids: Record<string, string>;
const problems: string[] = [];

const settings = () => agent.getByRole('dialog', { name: 'Configuración' });
const callSink = () => agent.locator('audio[data-phone-audio="call"]').evaluate((element) => (element as HTMLAudioElement).sinkId);
const ringerSink = () => agent.locator('audio[data-phone-audio="ringer"]').evaluate((element) => (element as HTMLAudioElement).sinkId);
const fallbackNotice = (words: string) => agent.getByRole('banner').getByRole('status').filter({ hasText: words });
const id = (key: string): string => {
  const found = ids[key];
  if (!found) throw new Error(`Chromium lists no ${key}: ${JSON.stringify(Object.keys(ids))}`);
  return found;
};

beforeAll(async () => {
  app = await launchApp();
  voice = await launchVoiceChromium();
  browser = voice.browser;
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 }, locale: 'es-ES' });
  agent = await context.newPage();
  agent.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  await installDeviceSwitch(agent);
  await agent.goto(app.desktopUrl);
  caller = await openCallerPhone(browser, app.hubUrl);
});

afterAll(async () => {
  await voice?.close();
  await app?.stop();
});

describe('a headset unplugged mid-call', () => {
  it('Ana chooses her headset for calls and another output for the ringer', async () => {
    await signIn(agent, 'ana');
    await agent.locator('[data-phone-status="ready"]').waitFor({ timeout: 15_000 });
    ids = await deviceIds(agent);
    await agent.getByRole('button', { name: 'Configuración' }).click();
    await settings().getByLabel(es.phone.devices.microphone, { exact: true }).selectOption(id('audioinput:Fake Audio Input 1'));
    await settings().getByLabel(es.phone.devices.speaker).selectOption(id('audiooutput:Fake Audio Output 1'));
    await settings().getByLabel(es.phone.devices.ringer).selectOption(id('audiooutput:Fake Audio Output 2'));
    await settings().getByLabel(es.phone.devices.ringtone).selectOption({ label: es.phone.devices.ringtones.digital });
    await settings().getByRole('button', { name: 'Cerrar' }).click();
    await goReady(agent);
  });

  it('rings on the ringer output with the chosen ringtone, and talks through the headset', async () => {
    await caller.call(app.hubUrl, CALLER, '5000');
    const card = agent.locator('li.offer', { hasText: CALLER });
    await card.getByText('Sonando en tu teléfono').waitFor({ timeout: 15_000 });
    await eventually(ringerSink, (sink) => expect(sink).toBe(id('audiooutput:Fake Audio Output 2')), 5_000);
    // The digital trill (1200/1600 Hz), not the classic ring (440/480 Hz), is what plays.
    const heard = await hearsUntil(agent, { digital: 1600, classic: 480 }, (levels) => levels.digital > HEARD_DB, 'the digital ringtone');
    expect(heard.classic).toBeLessThan(HEARD_DB);

    await card.getByRole('button', { name: 'Contestar' }).click();
    await agent.locator('section.call-panel[data-call-state="active"]').waitFor({ timeout: 15_000 });
    await eventually(callSink, (sink) => expect(sink).toBe(id('audiooutput:Fake Audio Output 1')), 5_000);
    await expect(sendingMicrophone(agent)).resolves.toBe(id('audioinput:Fake Audio Input 1'));
    await eventually(() => caller.inboundLevel(), (level) => expect(level).toBeGreaterThan(0.001), 15_000);
  });

  it('when the headset goes, the call carries on through the system default, and the top bar says so', async () => {
    const unplugged = Date.now();
    await unplug(agent, [id('audioinput:Fake Audio Input 1'), id('audiooutput:Fake Audio Output 1')]);
    await fallbackNotice(es.phone.deviceFallback.both).waitFor({ timeout: 5_000 });
    await eventually(() => sendingMicrophone(agent), (device) => expect(device).toBe('default'), 5_000);
    await eventually(callSink, (sink) => expect(sink).toBe(''), 5_000);
    console.log(`device e2e: headset unplugged → default microphone sending: ${Date.now() - unplugged} ms`);
    // The headset's track was stopped when it was replaced: what the caller hears now comes from the default microphone.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    await eventually(() => caller.inboundLevel(), (level) => expect(level).toBeGreaterThan(0.001), 10_000);
    await expect(agent.locator('section.call-panel').getAttribute('data-call-state')).resolves.toBe('active');
    expect(await seriousViolations(agent)).toEqual([]);
    if (process.env.VOICE_E2E_SCREENSHOTS) await agent.screenshot({ path: join(process.env.VOICE_E2E_SCREENSHOTS, 'headset-unplugged.png') });
  });

  it('when the headset is back, the call moves back to it and the notice goes', async () => {
    await plugBackAll(agent);
    await eventually(() => sendingMicrophone(agent), (device) => expect(device).toBe(id('audioinput:Fake Audio Input 1')), 5_000);
    await eventually(callSink, (sink) => expect(sink).toBe(id('audiooutput:Fake Audio Output 1')), 5_000);
    await eventually(() => fallbackNotice(es.phone.deviceFallback.both).count(), (count) => expect(count).toBe(0), 5_000);
    await eventually(() => caller.inboundLevel(), (level) => expect(level).toBeGreaterThan(0.001), 10_000);

    await agent.getByRole('region', { name: 'Llamada' }).getByRole('button', { name: 'Colgar' }).click();
    const form = agent.getByRole('form', { name: 'Cierre de la interacción' });
    await form.waitFor({ timeout: 10_000 });
    await form.getByLabel('Resuelto').check();
    await form.getByRole('button', { name: 'Guardar y terminar' }).click();
    await waitForState(agent, 'Disponible');
  });

  it('with no output at all she is set Not Ready "sin altavoz" after the grace period, and Ready again when one returns', async () => {
    const outputs = Object.entries(ids).filter(([key]) => key.startsWith('audiooutput:')).map(([, deviceId]) => deviceId);
    await unplug(agent, outputs);
    const goneAt = Date.now();
    await agent.getByRole('alert').filter({ hasText: es.phone.speaker['no-device'] }).waitFor({ timeout: 5_000 });
    await waitForState(agent, es.states.notReadyReason.replace('{{reason}}', es.states.systemReasons['speaker-unavailable']));
    const setAsideAfterMs = Date.now() - goneAt;
    console.log(`device e2e: every output gone → Not Ready after ${setAsideAfterMs} ms (grace ${readinessGraceSeconds} s)`);
    expect(setAsideAfterMs).toBeGreaterThanOrEqual((readinessGraceSeconds - 1) * 1000);

    await plugBackAll(agent);
    await waitForState(agent, 'Disponible');
    await expect(agent.getByRole('alert').filter({ hasText: es.phone.speaker['no-device'] }).count()).resolves.toBe(0);
    expect(problems).toEqual([]);
  });
});
