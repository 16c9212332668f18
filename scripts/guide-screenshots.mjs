// Screenshots for the user guide (README): `npm run docs:screenshots`. Starts the real launcher
// with the simulator (so simulated colleagues move the dashboard), signs in an agent and the
// demo supervisor in Debian's Chromium at 1280×720, and writes PNGs to docs/guide/. Not a test.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.join(root, 'docs', 'guide');
const dataDir = mkdtempSync(path.join(tmpdir(), 'centralita-guide-'));

const launcher = spawn(path.join(root, 'node_modules/.bin/node'), [path.join(root, 'dist/node/start.mjs'), '--no-open', '--port', '0', '--hub-port', '0', '--data', dataDir], {
  cwd: root,
  stdio: ['ignore', 'pipe', 'pipe'],
});
let output = '';
launcher.stdout.on('data', (chunk) => (output += chunk));
launcher.stderr.on('data', (chunk) => (output += chunk));

let browser;
try {
  let desktopUrl = null;
  for (let waited = 0; !desktopUrl && waited < 45_000; waited += 100) {
    desktopUrl = /^Desktop \(web mode\): (\S+)\s*$/m.exec(output)?.[1] ?? null;
    await sleep(100);
  }
  if (!desktopUrl) throw new Error(`the launcher printed no desktop address:\n${output}`);
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream'] });
  const open = async (username) => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 720 }, locale: 'es-ES' });
    const page = await context.newPage();
    await page.goto(desktopUrl);
    await page.getByLabel('Usuario').fill(username);
    await page.getByLabel('Contraseña').fill('centralita');
    await page.getByRole('button', { name: 'Entrar' }).click();
    await page.getByRole('banner').waitFor();
    return page;
  };
  const ana = await open('ana');
  await ana.getByLabel('Estado', { exact: true }).selectOption('ready');
  const sara = await open('sara');
  await sara.getByRole('group', { name: 'Vista' }).getByRole('button', { name: 'Supervisión' }).click();
  await sara.getByRole('region', { name: 'Colas' }).waitFor();
  // Let the simulated customers and colleagues make the figures move.
  await sleep(45_000);
  await sara.screenshot({ path: path.join(out, 'supervisor-console.png') });
  await ana.screenshot({ path: path.join(out, 'agent-desktop.png') });
  console.log(`screenshots written to ${path.relative(root, out)}`);
} finally {
  await browser?.close();
  launcher.kill('SIGTERM');
  await new Promise((resolve) => launcher.once('exit', resolve));
  rmSync(dataDir, { recursive: true, force: true });
}
