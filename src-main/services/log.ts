/**
 * The process's one log: pino, one JSON line per record, to a file in the data folder (what
 * support asks an agent to send) and, in development or from a console launcher, to stderr too.
 * Every part of the process logs through a child of it (the hub, each browser session's
 * services, the web host), so one writer owns the file.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import pino, { type Logger } from 'pino';

export interface LogOptions {
  dataDir: string;
  level: string;
  toStderr: boolean;
  /** Least level copied to stderr (default: every record the logger writes). */
  stderrLevel?: pino.Level;
}

export interface ClosableLogger {
  log: Logger;
  /** Where the file is, for diagnostics. */
  file: string;
  /** Releases the log file. */
  close(): void;
}

export function createLogger(options: LogOptions): ClosableLogger {
  const dir = path.join(options.dataDir, 'logs');
  mkdirSync(dir, { recursive: true });
  // Sync writes: a crash must not eat the lines that explain it; the volume is small.
  const filePath = path.join(dir, 'centralita.log');
  const file = pino.destination({ dest: filePath, sync: true });
  const streams: pino.StreamEntry[] = [{ stream: file, level: 'trace' }];
  if (options.toStderr) streams.push({ stream: pino.destination({ fd: 2, sync: true }), level: options.stderrLevel ?? 'trace' });
  const log = pino({ level: options.level, base: { app: 'centralita-desktop' } }, pino.multistream(streams));
  return {
    log,
    file: filePath,
    close: () => file.end(),
  };
}
