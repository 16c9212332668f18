/**
 * Cost of listening for DTMF in the far end's audio (not a test): `npm run bench:dtmf`.
 *
 * Every answered call runs src-phone/audio/remote-dtmf.ts on its far-end track: eight Goertzel
 * filters over a 25.6 ms window every 10 ms, at the rate the browser decodes at (48 kHz). A
 * supervisor or a conference has several such tracks at once. Two figures:
 *   1. the detector alone in Node: CPU per second of audio over a minute of speech-like noise
 *      with keys in it (and the keys it found, so the figure is of a detector that works);
 *   2. in Debian's Chromium, per page with 1 and 8 tracks: the main thread's busy time
 *      (CDP Performance TaskDuration) and the renderer process's CPU (SystemInfo), medians of
 *      three alternating 10 s runs (one page alone is noisy at the scale of one track),
 *      with the product's listener against the baseline of a bare reader that only takes each
 *      frame and closes it; the difference is what listening costs.
 */
import { build } from 'esbuild';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { createDtmfDetector } from '../src-phone/audio/dtmf-detector';
import type { DtmfListenerMode, DtmfListenersWindow } from './pages/dtmf-listeners-contract';
import { ROOT } from './support/call-setup-rig';
import { runBench, type CleanupStack } from './support/cleanup';
import { median } from './support/figures';

const RATE = 48_000;
const FRAME = 480;
const NODE_SECONDS = 60;
const PAGE_SECONDS = 10;
const ROUNDS = 3;
/** One call; and a supervisor's or a conference's worth of far ends, so the cost stands above the page's own noise. */
const TRACK_COUNTS = [1, 8] as const;

/** Speech-band noise with a 60 ms key every 500 ms; returns the samples and the keys put in. */
function speechWithKeys(seconds: number): { samples: Float32Array; keys: string } {
  const samples = new Float32Array(RATE * seconds);
  const pairs: Record<string, [number, number]> = { '1': [697, 1209], '5': [770, 1336], '9': [852, 1477], '#': [941, 1477] };
  const order = Object.keys(pairs);
  let keys = '';
  let seed = 1;
  const random = (): number => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31) * 2 - 1;
  let smooth = 0;
  for (let i = 0; i < samples.length; i += 1) {
    smooth = smooth * 0.9 + random() * 0.1;
    samples[i] = smooth * 0.3;
  }
  for (let start = RATE / 4, n = 0; start + RATE * 0.06 < samples.length; start += RATE / 2, n += 1) {
    const key = order[n % order.length] ?? '1';
    const [low, high] = pairs[key] ?? [0, 0];
    keys += key;
    for (let i = 0; i < RATE * 0.06; i += 1) {
      const t = i / RATE;
      samples[start + i] = 0.2 * Math.sin(2 * Math.PI * low * t) + 0.2 * Math.sin(2 * Math.PI * high * t);
    }
  }
  return { samples, keys };
}

function detectorInNode(): void {
  const { samples, keys } = speechWithKeys(NODE_SECONDS);
  let heard = '';
  const detector = createDtmfDetector(RATE, (digit) => (heard += digit));
  const frame = new Float32Array(FRAME);
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  for (let offset = 0; offset + FRAME <= samples.length; offset += FRAME) {
    frame.set(samples.subarray(offset, offset + FRAME));
    detector.push(frame);
  }
  const wallMs = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  console.log(`\n1. the detector alone (Node ${process.version}), ${NODE_SECONDS} s of 48 kHz speech-like noise with ${keys.length} keys of 60 ms, in 10 ms frames:`);
  console.log(`   ${(cpuMs / NODE_SECONDS).toFixed(2)} ms CPU per second of audio (${((cpuMs / NODE_SECONDS / 1000) * 100).toFixed(2)} % of one core), ${((wallMs * 1000) / (samples.length / FRAME)).toFixed(1)} µs per frame`);
  console.log(`   keys heard: ${heard === keys ? `all ${keys.length}, none extra` : `MISMATCH: put in ${keys.length}, heard ${heard.length} (${heard.slice(0, 40)}…)`}`);
  if (heard !== keys) throw new Error('the detector did not hear exactly the keys put in: its cost means nothing');
}

async function bundlePage(dir: string): Promise<string> {
  const outfile = path.join(dir, 'dtmf-listeners.js');
  await build({ entryPoints: [path.join(ROOT, 'bench/pages/dtmf-listeners.ts')], bundle: true, format: 'esm', platform: 'browser', target: 'chrome130', minify: true, outfile, logLevel: 'silent' });
  return outfile;
}

interface PageFigures {
  mainThreadMsPerSecond: number;
  rendererCpuMsPerSecond: number;
}

async function pagesInChromium(cleanup: CleanupStack, dir: string): Promise<void> {
  const script = await bundlePage(dir);
  const server = createServer((request, response) => {
    if (request.url === '/dtmf-listeners.js') response.writeHead(200, { 'content-type': 'text/javascript' }).end(readFileSync(script));
    else response.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><meta charset="utf-8"><title>dtmf bench</title><script type="module" src="/dtmf-listeners.js"></script>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanup.add('page server', () => new Promise((resolve) => server.close(() => resolve())));
  const address = server.address();
  const origin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/`;
  const browser = await chromium.launch({
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--autoplay-policy=no-user-gesture-required', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--no-first-run'],
  });
  cleanup.add('chromium', () => browser.close());
  const browserSession = await browser.newBrowserCDPSession();
  const rendererCpuSeconds = async (): Promise<number> => {
    const { processInfo } = (await browserSession.send('SystemInfo.getProcessInfo')) as { processInfo: Array<{ type: string; cpuTime: number }> };
    return processInfo.filter((info) => info.type === 'renderer').reduce((sum, info) => sum + info.cpuTime, 0);
  };

  const measure = async (mode: DtmfListenerMode, count: number): Promise<PageFigures> => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(origin);
    await page.waitForFunction(() => 'dtmfListeners' in globalThis);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    const taskSeconds = async (): Promise<number> => ((await cdp.send('Performance.getMetrics')).metrics.find((metric) => metric.name === 'TaskDuration')?.value ?? 0);
    await page.evaluate(([m, c]) => (globalThis as unknown as DtmfListenersWindow).dtmfListeners.start(m, c), [mode, count] as const);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const [task0, cpu0] = [await taskSeconds(), await rendererCpuSeconds()];
    await new Promise((resolve) => setTimeout(resolve, PAGE_SECONDS * 1000));
    const [task1, cpu1] = [await taskSeconds(), await rendererCpuSeconds()];
    const counts = await page.evaluate(() => (globalThis as unknown as DtmfListenersWindow).dtmfListeners.counts());
    await page.evaluate(() => (globalThis as unknown as DtmfListenersWindow).dtmfListeners.stop());
    await context.close();
    // A listener hears each held key once; a bare reader takes 100 frames a second per track.
    if (mode === 'listener' && counts.digits !== count) throw new Error(`${count} listeners heard ${counts.digits} keys (one held key each): they did not run`);
    if (mode === 'bare-reader' && counts.frames < count * 90 * PAGE_SECONDS) throw new Error(`${count} bare readers took only ${counts.frames} frames`);
    return { mainThreadMsPerSecond: ((task1 - task0) * 1000) / PAGE_SECONDS, rendererCpuMsPerSecond: ((cpu1 - cpu0) * 1000) / PAGE_SECONDS };
  };

  console.log(`\n2. in Chromium ${browser.version()}, per second, medians of ${ROUNDS} alternating runs of ${PAGE_SECONDS} s each (tracks hold key 5; one page at a time):`);
  console.log(`   ${'tracks'.padEnd(7)} ${'reader'.padEnd(14)} ${'main thread'.padStart(12)} ${'renderer CPU'.padStart(13)}`);
  for (const count of TRACK_COUNTS) {
    const runs: Record<DtmfListenerMode, PageFigures[]> = { 'bare-reader': [], listener: [] };
    for (let round = 0; round < ROUNDS; round += 1) {
      for (const mode of ['bare-reader', 'listener'] as const) runs[mode].push(await measure(mode, count));
    }
    const [bare, listener] = (['bare-reader', 'listener'] as const).map((mode) => ({
      main: median(runs[mode].map((run) => run.mainThreadMsPerSecond)),
      cpu: median(runs[mode].map((run) => run.rendererCpuMsPerSecond)),
    }));
    if (!bare || !listener) continue;
    for (const [label, figures] of [['bare (base)', bare], ['listener', listener]] as const) {
      console.log(`   ${String(count).padEnd(7)} ${label.padEnd(14)} ${`${figures.main.toFixed(1)} ms`.padStart(12)} ${`${figures.cpu.toFixed(1)} ms`.padStart(13)}`);
    }
    const addedMain = listener.main - bare.main;
    const addedCpu = listener.cpu - bare.cpu;
    console.log(`   ${''.padEnd(7)} ${'listening adds'.padEnd(14)} ${`${addedMain.toFixed(1)} ms`.padStart(12)} ${`${addedCpu.toFixed(1)} ms`.padStart(13)}  (${(addedMain / count).toFixed(1)} ms of main thread per track; renderer CPU ${(listener.cpu / bare.cpu).toFixed(2)}x the base)`);
  }
}

async function main(cleanup: CleanupStack): Promise<void> {
  console.log(`Centralita DTMF listening benchmark — ${new Date().toISOString()}`);
  detectorInNode();
  const dir = mkdtempSync(path.join(tmpdir(), 'centralita-bench-dtmf-'));
  cleanup.add('temp dir', () => rmSync(dir, { recursive: true, force: true }));
  await pagesInChromium(cleanup, dir);
}

runBench('dtmf', main);
