/**
 * A customer who hits a chat limit is told how long to wait, in their language: the hub chat
 * page in Chromium against a hub whose per-visitor limits are one start and one file a minute.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoHubConfig } from '../../src-hub/demo/demo-config';
import { startHub, type RunningHub } from '../../src-hub/embedded';
import { launchBrowser } from './support/browser';

let hub: RunningHub;
let browser: Browser;
const dataDir = mkdtempSync(path.join(tmpdir(), 'centralita-e2e-limits-'));

beforeAll(async () => {
  const demo = demoHubConfig();
  const chat = { ...demo.chat, startsPerVisitorBurst: 1, startsPerVisitorPerMinute: 1, uploadsPerVisitorBurst: 1, uploadsPerVisitorPerMinute: 1 };
  hub = await startHub({ dataDir, port: 0, seedDemoData: true, simulate: false, logLevel: 'warn', config: { ...demo, chat } });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await hub?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the chat widget at a limit', () => {
  it('tells a Catalan customer how long to wait before another file or another chat', async () => {
    const context = await browser.newContext({ locale: 'ca-ES', viewport: { width: 900, height: 800 } });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    await page.goto(`${hub.url}/chat`);
    await page.getByLabel('Idioma').selectOption('ca');
    const startButton = page.getByRole('button', { name: 'Comença el xat' });
    await startButton.waitFor();

    const startChat = async (): Promise<void> => {
      await page.getByLabel('Nom', { exact: true }).fill('Núria Vidal');
      await page.getByLabel('Tema').selectOption('ventas');
      await expect.poll(() => startButton.isEnabled()).toBe(true);
      await startButton.click();
    };
    await startChat();
    await page.getByRole('status').filter({ hasText: 'Esperant un agent…' }).waitFor();

    const file = (name: string) => ({ name, mimeType: 'text/plain', buffer: Buffer.from('el justificant\n') });
    await page.locator('input[type=file]').setInputFiles(file('primer.txt'));
    await page.getByText('primer.txt').waitFor();
    await page.locator('input[type=file]').setInputFiles(file('segon.txt'));
    const alert = page.getByRole('alert');
    await expect.poll(() => alert.textContent()).toMatch(/^Massa intents seguits\. Torna-ho a provar d’aquí a (5\d|60) s\.$/);

    await page.getByRole('button', { name: 'Acaba el xat' }).click();
    await page.getByRole('button', { name: 'Comença un altre xat' }).click();
    await startChat();
    await expect.poll(() => alert.textContent()).toMatch(/^Massa intents seguits\. Torna-ho a provar d’aquí a (5\d|60) s\.$/);
    expect(problems).toEqual([]);
    await context.close();
  });
});
