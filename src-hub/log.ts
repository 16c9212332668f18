/**
 * The hub's one logger (pino, JSON lines on stderr, so stdout stays for the few lines a human
 * or a launcher reads, like "Hub: http://…"). Tests pass level "silent".
 */
import pino, { type Logger } from 'pino';

export type HubLogger = Logger;

export function createHubLogger(level: string = process.env.CENTRALITA_LOG_LEVEL ?? 'info'): HubLogger {
  return pino({ name: 'hub', level, base: { pid: process.pid } }, pino.destination(2));
}
