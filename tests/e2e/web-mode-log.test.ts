/**
 * `npm start` in web mode is one process with one log: the hub, the web host and every browser
 * session's desktop services write through one logger into <data>/logs/centralita.log (no
 * second writer, no file per tab), and a diagnostics export from a tab carries that log's tail.
 * The console stays for the printed addresses and warnings.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn } from './support/agent-steps';
import { launchBrowser, openDesktop } from './support/browser';
import { launchApp, type RunningApp } from './support/launch-app';

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

interface LogLine {
  msg?: string;
  name?: string;
  part?: string;
  clientId?: string;
  level?: number;
}

function readLog(): LogLine[] {
  const text = readFileSync(path.join(app.dataDir, 'logs', 'centralita.log'), 'utf8');
  // Only whole lines: the writer may be midway through the last one.
  return text
    .split('\n')
    .slice(0, -1)
    .filter(Boolean)
    .map((line) => JSON.parse(line) as LogLine);
}

describe('web mode logging', () => {
  it('writes the hub, the web host and each tab’s services into one file, and nothing per tab', async () => {
    const ana = await openDesktop(browser, app.desktopUrl);
    const jordi = await openDesktop(browser, app.desktopUrl);
    await signIn(ana.page, 'ana');
    await signIn(jordi.page, 'jordi');

    // The logger writes asynchronously: the second tab's line may land a moment after its
    // sign-in shows on screen, so the file is read until it holds both.
    const signedInClients = (): number =>
      new Set(readLog().filter((l) => l.part === 'desktop' && l.msg === 'signed in').map((l) => l.clientId)).size;
    // Two tabs, two browser sessions, each line saying whose it is.
    await expect.poll(signedInClients, { timeout: 5_000 }).toBe(2);
    const lines = readLog();
    expect(lines.some((l) => l.name === 'hub' && l.msg === 'contact center started')).toBe(true);
    expect(lines.some((l) => l.part === 'web-host' && l.msg === 'web host listening')).toBe(true);

    const clientsDir = path.join(app.dataDir, 'desktop', 'clients');
    const clientLogs = readdirSync(clientsDir).filter((client) => existsSync(path.join(clientsDir, client, 'logs')));
    expect(clientLogs).toEqual([]);
    // The console carries the addresses and warnings, not every info line of every tab.
    expect(app.output()).not.toContain('"msg":"signed in"');

    // A diagnostics export from a tab carries the tail of that one log.
    await ana.page.getByRole('button', { name: 'Configuración' }).click();
    const dialog = ana.page.getByRole('dialog', { name: 'Configuración' });
    await dialog.getByRole('button', { name: 'Exportar diagnóstico' }).click();
    await dialog.getByRole('status').filter({ hasText: 'Diagnóstico guardado en' }).waitFor();
    const saved = /Diagnóstico guardado en (\S+\.json)/.exec((await dialog.getByRole('status').filter({ hasText: 'Diagnóstico guardado en' }).textContent()) ?? '')?.[1] ?? '';
    const report = JSON.parse(readFileSync(saved, 'utf8')) as { log: string[] };
    expect(report.log.some((line) => line.includes('contact center started'))).toBe(true);
    expect(ana.problems).toEqual([]);
    await ana.context.close();
    await jordi.context.close();
  });
});
