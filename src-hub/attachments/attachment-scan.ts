/**
 * The scanning hook of the attachment store: when `chat.attachmentScan` names a scanner, every
 * file goes through it before it is kept (an agent's or a customer's upload) or handed out (a
 * customer's email attachment, cut from the raw mail on download). The scanner is a command:
 * the file's bytes on its stdin, exit 0 clean, 1 infected, anything else (or no answer in time)
 * an error. That is ClamAV's convention, so `["clamdscan", "--no-summary", "-"]` works as is.
 * An error refuses the file unless `onError: accept` says otherwise: a scanner that is down must
 * not quietly let everything through.
 */
import { spawn } from 'node:child_process';
import type { AttachmentScanConfig } from '../../src-common/chat-config';
import type { AppError } from '../../src-common/result';
import type { HubLogger } from '../log';

export type ScanVerdict = { verdict: 'clean' } | { verdict: 'infected'; detail: string } | { verdict: 'error'; detail: string };

/** What the scanner printed, kept for the log (its first line names the threat). */
const DETAIL_CHARS = 300;

export function scanAttachment(config: AttachmentScanConfig | undefined, bytes: Buffer): Promise<ScanVerdict> {
  if (!config) return Promise.resolve({ verdict: 'clean' });
  const [command, ...args] = config.command;
  if (!command) return Promise.resolve({ verdict: 'error', detail: 'no scanner command' });
  return new Promise((resolve) => {
    let output = '';
    let settled = false;
    const settle = (verdict: ScanVerdict): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(verdict);
    };
    const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      settle({ verdict: 'error', detail: `no answer within ${config.timeoutSeconds} s` });
    }, config.timeoutSeconds * 1000);
    const keep = (chunk: Buffer): void => {
      if (output.length < DETAIL_CHARS) output += chunk.toString('utf8');
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.on('error', (error) => settle({ verdict: 'error', detail: error.message }));
    child.on('close', (code) => {
      const detail = output.trim().slice(0, DETAIL_CHARS);
      if (code === 0) settle({ verdict: 'clean' });
      else if (code === 1) settle({ verdict: 'infected', detail: detail || 'infected' });
      else settle({ verdict: 'error', detail: `exit ${String(code)}${detail ? `: ${detail}` : ''}` });
    });
    // A scanner that stops reading early (it has seen enough) must not crash the hub.
    child.stdin.on('error', () => undefined);
    child.stdin.end(bytes);
  });
}

/**
 * Scans a file on its way in or out and logs what the scanner said; returns the refusal to send
 * (with its HTTP status), or null when the file may go on. `about` names the file in the log.
 */
export async function scanRefusalFor(config: AttachmentScanConfig | undefined, bytes: Buffer, log: HubLogger, about: Record<string, unknown>): Promise<{ error: AppError; status: number } | null> {
  if (!config) return null;
  const verdict = await scanAttachment(config, bytes);
  if (verdict.verdict === 'infected') log.warn({ ...about, detail: verdict.detail }, 'attachment refused by the virus scanner');
  if (verdict.verdict === 'error') log.error({ ...about, detail: verdict.detail, onError: config.onError }, 'the virus scanner failed');
  return scanRefusal(config, verdict);
}

/**
 * The refusal a verdict means for the person sending or fetching the file, with its HTTP status;
 * null when the file may go on.
 */
export function scanRefusal(config: AttachmentScanConfig | undefined, verdict: ScanVerdict): { error: AppError; status: number } | null {
  if (verdict.verdict === 'clean') return null;
  if (verdict.verdict === 'infected') return { error: { code: 'bad-request', message: 'The virus scanner refused this file.' }, status: 422 };
  if (config?.onError === 'accept') return null;
  return { error: { code: 'unavailable', message: 'The file could not be checked for viruses just now; try again in a moment.' }, status: 503 };
}
