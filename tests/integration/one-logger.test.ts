/**
 * One logger per process writes a data folder's centralita.log. The Electron shell logs to that
 * file itself, so it hands its logger to the desktop services instead of letting them open a
 * second pino destination on the same file (two writers interleave and lose lines on rotation).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { createMainServices } from '../../src-main/services';
import { CACHE_WORKER } from './helpers/desktop-client';
import { TempDirs } from './helpers/temp-dirs';

const temp = new TempDirs();
afterEach(() => temp.cleanup());

function memoryLogger(): { log: pino.Logger; lines: () => { msg?: string }[] } {
  const chunks: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk.toString('utf8'));
      done();
    },
  });
  const log = pino({ level: 'info' }, sink);
  return { log, lines: () => chunks.join('').split('\n').filter(Boolean).map((l) => JSON.parse(l) as { msg?: string }) };
}

describe('the desktop services log', () => {
  it('goes through the host’s logger when one is given, and no second writer opens the file', async () => {
    const dataDir = temp.make();
    const host = memoryLogger();
    const services = await createMainServices({ dataDir, policyPath: null, defaultHubUrl: null, cacheWorkerPath: CACHE_WORKER, log: host.log });
    await services.close();
    expect(host.lines().map((l) => l.msg)).toContain('desktop services closed');
    expect(existsSync(path.join(dataDir, 'logs', 'centralita.log'))).toBe(false);
  });

  it('opens its own centralita.log when the host gives none (tools and tests)', async () => {
    const dataDir = temp.make();
    const services = await createMainServices({ dataDir, policyPath: null, defaultHubUrl: null, cacheWorkerPath: CACHE_WORKER });
    await services.close();
    const file = readFileSync(path.join(dataDir, 'logs', 'centralita.log'), 'utf8');
    expect(file).toContain('desktop services closed');
  });
});
