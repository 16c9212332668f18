/**
 * Voice interop: our phone engine (SIP.js + WebRTC in Debian's Chromium, fake media devices)
 * against real Kamailio + rtpengine, called by a real sipp caller over UDP/RTP.
 * Run with `npx vitest run --project interop` (needs apt access the first time: scripts/rig/install.sh).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from 'esbuild';
import { createServer, type Server } from 'node:http';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execFileSync } from 'node:child_process';
import { chromium, type Browser, type Page } from 'playwright-core';
import { runSipp, startRig, writeToneFile, type Rig } from './support/rig';

const HERE = dirname(fileURLToPath(import.meta.url));
const AGENT_AOR = 'sip:agent@lab.centralita';

let rig: Rig;
let work: string;
let server: Server;
let browser: Browser;
let page: Page;

function freePorts(count: number): number[] {
  return execFileSync('node', [join(HERE, '../../scripts/rig/free-ports.mjs'), String(count)]).toString().trim().split(' ').map(Number);
}

async function phoneEvents(): Promise<Array<{ type: string; atMs: number; call?: { id: string; state: string; remote: { number: string } }; registration?: string }>> {
  return page.evaluate(() => window.phoneUnderTest.events as never);
}

async function waitInPage<T>(probe: () => Promise<T | undefined>, what: string, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function lastRegistration(): Promise<string | undefined> {
  const events = await phoneEvents();
  return events.filter((event) => event.type === 'registration').at(-1)?.registration;
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'centralita-interop-'));
  rig = await startRig({ staticAor: AGENT_AOR });
  await build({
    entryPoints: [join(HERE, 'phone-page/entry.ts')],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'chrome120',
    outfile: join(work, 'phone.js'),
    logLevel: 'silent',
  });
  writeFileSync(join(work, 'index.html'), '<!doctype html><meta charset="utf-8"><title>phone under test</title><script type="module" src="/phone.js"></script>');
  server = createServer((request, response) => {
    const file = request.url === '/phone.js' ? 'phone.js' : 'index.html';
    response.writeHead(200, { 'content-type': file.endsWith('.js') ? 'text/javascript' : 'text/html' });
    response.end(readFileSync(join(work, file)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', '--autoplay-policy=no-user-gesture-required', '--disable-gpu', '--disable-dev-shm-usage',
      '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
  page = await browser.newPage();
  await page.goto(`http://127.0.0.1:${port}/`);
  await page.waitForFunction(() => 'phoneUnderTest' in window);
  const failure = await page.evaluate(
    (config) => window.phoneUnderTest.start(config),
    { serverUrl: rig.env.WS_URL, aor: AGENT_AOR, dtmfMode: 'info' as const, iceGatheringTimeoutMs: 500, reconnectMaxDelayMs: 1000 },
  );
  expect(failure).toBeNull();
  await waitInPage(async () => ((await lastRegistration()) === 'registered' ? true : undefined), 'registration');
});

afterAll(async () => {
  await browser?.close();
  if (server) await new Promise((resolve) => server.close(resolve));
  await rig?.stop();
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('phone ⇄ Kamailio ⇄ rtpengine ⇄ sipp', () => {
  it('a caller reaches the registered phone through the contact-center number; media flows; hold, resume, DTMF and hang-up work', async () => {
    const tone = join(work, 'tone.ulaw');
    writeToneFile(tone);
    const scenario = join(work, 'caller.xml');
    writeFileSync(scenario, readFileSync(join(HERE, 'support/sipp-caller.xml'), 'utf8').replace('@@TONE_FILE@@', tone));
    const [sipPort, mediaPort] = freePorts(2);
    const messages = join(work, 'sipp-messages.log');
    // 5000 is not a registered phone: Kamailio asks the hub, and (no hub here) falls back to the static agent.
    const sipp = runSipp({ scenario, target: `127.0.0.1:${rig.env.SIP_PORT}`, service: '5000', localPort: sipPort, mediaPort, messageLog: messages });

    const ringing = await waitInPage(async () => (await phoneEvents()).find((event) => event.type === 'incoming-call'), 'incoming call');
    const callId = ringing.call?.id ?? '';
    expect(ringing.call?.remote.number).toBe('+34600100200');
    await page.evaluate((id) => window.phoneUnderTest.execute({ type: 'answer', callId: id }), callId);
    const active = await waitInPage(async () => (await phoneEvents()).find((event) => event.type === 'call-updated' && event.call?.id === callId && event.call.state === 'active'), 'active');
    console.log(`answer → active in the page: ${Math.round(active.atMs - ringing.atMs)} ms (includes the answer command)`);

    const packets = await waitInPage(async () => {
      const received = await page.evaluate((id) => window.phoneUnderTest.inboundPackets(id), callId);
      return received > 0 ? received : undefined;
    }, 'inbound RTP');
    expect(packets).toBeGreaterThan(0);

    expect(await page.evaluate((id) => window.phoneUnderTest.execute({ type: 'hold', callId: id }), callId)).toMatchObject({ ok: true });
    expect(await page.evaluate((id) => window.phoneUnderTest.execute({ type: 'resume', callId: id }), callId)).toMatchObject({ ok: true });
    expect(await page.evaluate((id) => window.phoneUnderTest.execute({ type: 'sendDtmf', callId: id, digits: '7' }), callId)).toMatchObject({ ok: true });
    expect(await page.evaluate((id) => window.phoneUnderTest.execute({ type: 'hangup', callId: id }), callId)).toMatchObject({ ok: true });

    const code = await sipp.exit;
    if (code !== 0) console.log(sipp.output(), readFileSync(messages, 'utf8').slice(-4000));
    expect(code).toBe(0);
    expect(readFileSync(messages, 'utf8')).toMatch(/Signal=7/);
  });

  it('re-registers by itself within 5 s after Kamailio restarts', async () => {
    await rig.stopKamailio();
    await waitInPage(async () => ((await lastRegistration()) !== 'registered' ? true : undefined), 'phone notices the lost server');
    const restartedAt = Date.now();
    await rig.startKamailio();
    await waitInPage(async () => ((await lastRegistration()) === 'registered' ? true : undefined), 're-registration', 5000);
    const elapsed = Date.now() - restartedAt;
    console.log(`re-registered ${elapsed} ms after Kamailio was back`);
    expect(elapsed).toBeLessThan(5000);
  });
});
