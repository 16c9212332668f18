/**
 * The desktop's log: pino, one JSON line per record, to a file in the data folder (what
 * support asks an agent to send) and, in development, to stderr too.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import pino, { type Logger } from 'pino';

export interface LogOptions {
  dataDir: string;
  level: string;
  toStderr: boolean;
}

export interface ClosableLogger {
  log: Logger;
  /** Releases the log file (a web host opens one per browser session). */
  close(): void;
}

export function createLogger(options: LogOptions): ClosableLogger {
  const dir = path.join(options.dataDir, 'logs');
  mkdirSync(dir, { recursive: true });
  // Sync writes: a crash must not eat the lines that explain it; the volume is small.
  const file = pino.destination({ dest: path.join(dir, 'centralita.log'), sync: true });
  const streams: pino.StreamEntry[] = [{ stream: file, level: 'trace' }];
  if (options.toStderr) streams.push({ stream: pino.destination({ fd: 2, sync: true }), level: 'trace' });
  const log = pino({ level: options.level, base: { app: 'centralita-desktop' } }, pino.multistream(streams));
  return {
    log,
    close: () => file.end(),
  };
}
