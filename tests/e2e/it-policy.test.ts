/**
 * IT policy as the agent sees it: keys the policy sets are forced and shown locked in the
 * settings dialog (and the language switch); a key with a typo is reported with its source,
 * and the rest of the same policy still applies.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGLISH_LOGIN, eventually, signIn } from './support/agent-steps';
import { launchBrowser, openDesktop } from './support/browser';
import { launchApp, type RunningApp } from './support/launch-app';

let browser: Browser;
let policyDir: string;
const apps: RunningApp[] = [];

beforeAll(async () => {
  browser = await launchBrowser();
  policyDir = mkdtempSync(path.join(tmpdir(), 'centralita-e2e-policy-'));
});

afterAll(async () => {
  await browser?.close();
  for (const app of apps) await app.stop();
  rmSync(policyDir, { recursive: true, force: true });
});

async function launchWithPolicy(name: string, policy: unknown, words?: typeof ENGLISH_LOGIN) {
  const file = path.join(policyDir, name);
  writeFileSync(file, JSON.stringify(policy));
  const app = await launchApp(['--policy', file]);
  apps.push(app);
  const tab = await openDesktop(browser, app.desktopUrl);
  await signIn(tab.page, 'ana', words);
  return tab;
}

describe('IT policy in the settings dialog', () => {
  it('shows policy keys forced and locked, and leaves the others editable', async () => {
    const { page } = await launchWithPolicy('locked.json', { settings: { language: 'en', autoUpdate: 'off' } }, ENGLISH_LOGIN);
    // The policy's language wins over the default Spanish.
    await page.getByRole('heading', { name: 'Queue', exact: true }).waitFor();
    await expect(page.getByRole('banner').getByLabel('Language').isDisabled()).resolves.toBe(true);
    await page.getByRole('button', { name: 'Settings' }).click();
    const dialog = page.getByRole('dialog', { name: 'Settings' });
    await dialog.waitFor();
    await expect(dialog.getByLabel('Language').isDisabled()).resolves.toBe(true);
    await expect(dialog.getByLabel('Updates').isDisabled()).resolves.toBe(true);
    await expect(dialog.getByLabel('Updates').inputValue()).resolves.toBe('off');
    await expect(dialog.getByText('Locked by your organisation').count()).resolves.toBe(2);
    const shortcuts = dialog.getByLabel(/Keyboard shortcuts/);
    await expect(shortcuts.isDisabled()).resolves.toBe(false);
    // The box follows main's answer (settings.set), so it turns off a round trip later.
    await shortcuts.click();
    await eventually(
      () => shortcuts.isChecked(),
      (checked) => expect(checked).toBe(false),
    );
    // IT asks the agent for a diagnostics file: one button, and the page says where it went.
    await dialog.getByRole('button', { name: 'Export diagnostics' }).click();
    await eventually(
      () => dialog.getByRole('status').filter({ hasText: 'Diagnostics saved to' }).textContent(),
      (text) => expect(text).toMatch(/Diagnostics saved to .*centralita-diagnostics-.*\.json/),
    );
  });

  it('reports the key with a typo and its file, and still locks the rest of the policy', async () => {
    const { page } = await launchWithPolicy('typo.json', { settings: { langauge: 'en', autoUpdate: 'off' } });
    await page.getByRole('heading', { name: 'Cola', exact: true }).waitFor();
    await page.getByRole('button', { name: 'Configuración' }).click();
    const dialog = page.getByRole('dialog', { name: 'Configuración' });
    const alert = await dialog.getByRole('alert').textContent();
    expect(alert).toContain('Parte de la política de TI no se ha podido aplicar');
    expect(alert).toContain('«langauge»');
    expect(alert).toContain(path.join(policyDir, 'typo.json'));
    await expect(dialog.getByLabel('Idioma').isDisabled()).resolves.toBe(false);
    await expect(dialog.getByLabel('Actualizaciones').isDisabled()).resolves.toBe(true);
  });
});
