/**
 * Settings → headset buttons in the built app (web mode, Debian's Chromium). The headless
 * browser has no HID devices, so one run takes WebHID away and one puts a recorded headset (the
 * Jabra fixture's collections) behind a stand-in `navigator.hid` installed before the page loads:
 * the section says what it follows, the headset is shown the idle lights, a press with no call is
 * answered with the lights again, the chooser asks for telephony devices only, and axe is clean.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from './support/accessibility';
import { eventually, signIn } from './support/agent-steps';
import { launchBrowser } from './support/browser';
import { launchApp, type RunningApp } from './support/launch-app';

interface RecordedHeadset {
  productName: string;
  vendorId: number;
  productId: number;
  collections: unknown[];
}

const jabra = JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../fixtures/hid/jabra-evolve2-link380.json'), 'utf8')) as RecordedHeadset;

/** Runs in the page before any of its scripts: WebHID removed (null) or backed by one recorded headset. */
function installWebHid(headset: RecordedHeadset | null): void {
  if (headset === null) {
    Object.defineProperty(Navigator.prototype, 'hid', { get: () => undefined, configurable: true });
    return;
  }
  const page = window as unknown as Record<string, unknown>;
  const sent: [number, number[]][] = [];
  const requests: unknown[] = [];
  const listeners = new Set<(event: { reportId: number; data: DataView }) => void>();
  const device = {
    ...headset,
    opened: false,
    async open() {
      device.opened = true;
    },
    async close() {
      device.opened = false;
    },
    async sendReport(reportId: number, data: Uint8Array) {
      sent.push([reportId, Array.from(data)]);
    },
    addEventListener: (_type: string, listener: (event: { reportId: number; data: DataView }) => void) => listeners.add(listener),
    removeEventListener: (_type: string, listener: (event: { reportId: number; data: DataView }) => void) => listeners.delete(listener),
  };
  page.__headsetSent = sent;
  page.__headsetRequests = requests;
  page.__headsetPress = (reportId: number, bytes: number[]) => {
    const data = new DataView(Uint8Array.from(bytes).buffer);
    for (const listener of listeners) listener({ reportId, data });
  };
  const hid = {
    getDevices: async () => [device],
    requestDevice: async (options: unknown) => {
      requests.push(options);
      return [];
    },
    addEventListener: () => undefined,
    removeEventListener: () => undefined,
  };
  Object.defineProperty(Navigator.prototype, 'hid', { get: () => hid, configurable: true });
}

let app: RunningApp;
let browser: Browser;

beforeAll(async () => {
  app = await launchApp();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

async function openSettings(headset: RecordedHeadset | null): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 }, locale: 'es-ES' });
  await context.addInitScript(installWebHid, headset);
  const page = await context.newPage();
  await page.goto(app.desktopUrl);
  await signIn(page, 'marta');
  await page.getByRole('button', { name: 'Configuración' }).click();
  await page.getByRole('dialog', { name: 'Configuración' }).waitFor();
  return page;
}

const section = (page: Page) => page.getByRole('region', { name: 'Botones del auricular' });
const sentReports = (page: Page) => page.evaluate(() => (window as unknown as { __headsetSent: [number, number[]][] }).__headsetSent);

describe('headset buttons in the settings dialog', () => {
  it('without WebHID it says where the buttons work and offers no button that cannot', async () => {
    const page = await openSettings(null);
    await section(page).getByText('Este navegador no deja usar los botones del auricular (WebHID).', { exact: false }).waitFor();
    await expect(section(page).getByRole('button').count()).resolves.toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
    await page.context().close();
  });

  it('follows a granted headset: names it, shows it the idle lights, echoes a press with no call, and the chooser asks for telephony devices', async () => {
    const page = await openSettings(jabra);
    await section(page).getByRole('status').filter({ hasText: 'Jabra Link 380: contestar, colgar y silenciar funcionan desde el auricular.' }).waitFor();
    await eventually(() => sentReports(page), (sent) => expect(sent).toEqual([[2, [0]]]));
    await page.evaluate(() => (window as unknown as { __headsetPress: (id: number, bytes: number[]) => void }).__headsetPress(2, [1, 0]));
    await eventually(() => sentReports(page), (sent) => expect(sent).toEqual([[2, [0]], [2, [0]]]));

    await section(page).getByRole('button', { name: 'Elegir otro auricular' }).click();
    const requests = await page.evaluate(() => (window as unknown as { __headsetRequests: unknown[] }).__headsetRequests);
    expect(requests).toEqual([{ filters: [{ usagePage: 0x0b }] }]);
    await section(page).getByText('Jabra Link 380: contestar', { exact: false }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.context().close();
  });
});
