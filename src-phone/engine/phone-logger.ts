/**
 * The phone's logger. The phone runs in a browser page (web mode) or a hidden Electron window,
 * where pino is not available and console is banned in product code: the host injects a sink
 * (main forwards it to its pino log). The default keeps the last lines in memory so a support
 * bundle can still include them.
 */
export type PhoneLogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface PhoneLogger {
  log(level: PhoneLogLevel, message: string, fields?: Record<string, unknown>): void;
}

export interface PhoneLogLine {
  at: string;
  level: PhoneLogLevel;
  message: string;
  fields?: Record<string, unknown>;
}

/** Keeps the most recent lines only, so a long shift cannot grow memory without bound. */
export class RingBufferPhoneLogger implements PhoneLogger {
  private readonly lines: PhoneLogLine[] = [];
  constructor(private readonly capacity = 500) {}

  log(level: PhoneLogLevel, message: string, fields?: Record<string, unknown>): void {
    this.lines.push({ at: new Date().toISOString(), level, message, ...(fields ? { fields } : {}) });
    if (this.lines.length > this.capacity) this.lines.splice(0, this.lines.length - this.capacity);
  }

  recent(): readonly PhoneLogLine[] {
    return this.lines;
  }
}
