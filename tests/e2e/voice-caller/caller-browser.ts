/**
 * Opens the customer's phone (entry.ts, bundled here with esbuild) in its own browser context of
 * the given Chromium, which must have been launched with fake media devices (VOICE_CHROMIUM_ARGS).
 */
import { build } from 'esbuild';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, FAKE_MEDIA_ARGS } from '../../support/chromium-args';

const HERE = dirname(fileURLToPath(import.meta.url));

/** A 440 Hz tone, 16-bit mono PCM WAV: what every fake microphone in these tests sends. */
export function writeToneWav(file: string, seconds = 4, hz = 440, rate = 48_000): void {
  const samples = seconds * rate;
  const data = Buffer.alloc(samples * 2);
  for (let i = 0; i < samples; i++) data.writeInt16LE(Math.round(Math.sin((2 * Math.PI * hz * i) / rate) * 0.5 * 32767), i * 2);
  const header = Buffer.alloc(44);
  header.write('RIFF', 0);
  header.writeUInt32LE(36 + data.length, 4);
  header.write('WAVE', 8);
  header.write('fmt ', 12);
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(1, 22);
  header.writeUInt32LE(rate, 24);
  header.writeUInt32LE(rate * 2, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36);
  header.writeUInt32LE(data.length, 40);
  writeFileSync(file, Buffer.concat([header, data]));
}

export function voiceChromiumArgs(toneFile: string): string[] {
  return [...CHROMIUM_ARGS, ...FAKE_MEDIA_ARGS, `--use-file-for-fake-audio-capture=${toneFile}`];
}

export interface VoiceChromium {
  browser: Browser;
  /** Closes the browser and removes the folder holding its tone. */
  close(): Promise<void>;
}

/**
 * The browser of every voice test: Chromium whose fake microphone plays a tone of `toneHz`
 * (written to a temp folder of its own) and which plays audio without a user gesture.
 */
export async function launchVoiceChromium(toneHz = 440): Promise<VoiceChromium> {
  const dir = mkdtempSync(join(tmpdir(), 'centralita-voice-e2e-'));
  const tone = join(dir, 'tone.wav');
  const removeDir = (): void => rmSync(dir, { recursive: true, force: true });
  try {
    writeToneWav(tone, 4, toneHz);
    const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: voiceChromiumArgs(tone) });
    return {
      browser,
      close: async () => {
        await browser.close();
        removeDir();
      },
    };
  } catch (error) {
    removeDir();
    throw error;
  }
}

export interface CallerPhone {
  context: BrowserContext;
  page: Page;
  /** `headers`: extra INVITE headers (e.g. an auto-answer request a PBX would add). */
  call(hubUrl: string, from: string, to: string, headers?: string[], options?: { plainRtp?: boolean }): Promise<void>;
  state(): Promise<string>;
  inboundLevel(): Promise<number>;
  hangup(): Promise<void>;
}

export async function openCallerPhone(browser: Browser, hubUrl: string): Promise<CallerPhone> {
  const bundled = await build({ entryPoints: [join(HERE, 'entry.ts')], bundle: true, format: 'iife', platform: 'browser', target: 'chrome120', write: false, logLevel: 'silent' });
  const code = bundled.outputFiles[0]?.text ?? '';
  // The hub's origin is a secure context (loopback) for getUserMedia; its CSP is not this page's concern.
  const context = await browser.newContext({ bypassCSP: true });
  const page = await context.newPage();
  await page.goto(`${hubUrl}/chat`);
  await page.addScriptTag({ content: code });
  await page.waitForFunction(() => 'labCaller' in window);
  return {
    context,
    page,
    async call(url, from, to, headers, options) {
      const server = `${url.replace(/^http/, 'ws')}/ws/sip`;
      const failure = await page.evaluate((o) => window.labCaller.call(o), { server, from, to, domain: 'lab.centralita', headers, plainRtp: options?.plainRtp ?? false });
      if (failure !== null) throw new Error(`caller could not call: ${failure}`);
    },
    state: () => page.evaluate(() => window.labCaller.state()),
    inboundLevel: () => page.evaluate(() => window.labCaller.inboundLevel()),
    hangup: () => page.evaluate(() => window.labCaller.hangup()),
  };
}
