/**
 * The renderer's logger. The page has no file or process to write to and the console is not
 * a product channel, so entries are kept in a bounded in-memory ring that diagnostics (and a
 * developer in devtools, via window.__centralitaLog) can read. Never log secrets or content.
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface LogEntry {
  at: string;
  level: LogLevel;
  message: string;
  detail?: string;
}

const CAPACITY = 500;
const entries: LogEntry[] = [];

function write(level: LogLevel, message: string, detail?: unknown): void {
  entries.push({ at: new Date().toISOString(), level, message, detail: detail === undefined ? undefined : describe(detail) });
  if (entries.length > CAPACITY) entries.splice(0, entries.length - CAPACITY);
}

function describe(detail: unknown): string {
  if (detail instanceof Error) return `${detail.name}: ${detail.message}`;
  if (typeof detail === 'string') return detail;
  try {
    return JSON.stringify(detail).slice(0, 2000);
  } catch {
    return String(detail);
  }
}

export const log = {
  debug: (message: string, detail?: unknown) => write('debug', message, detail),
  info: (message: string, detail?: unknown) => write('info', message, detail),
  warn: (message: string, detail?: unknown) => write('warn', message, detail),
  error: (message: string, detail?: unknown) => write('error', message, detail),
  /** Newest last; a copy, so callers cannot edit the ring. */
  recent: (): LogEntry[] => entries.slice(),
};
