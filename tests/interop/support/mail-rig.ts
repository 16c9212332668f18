/**
 * Starts and stops the mail rig (scripts/rig/mail) for one test file: Postfix (SMTP) delivering
 * the domain example.test to Dovecot (IMAP), on loopback, on free ports; stopped by PID.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const MAIL_RIG = resolve(dirname(fileURLToPath(import.meta.url)), '../../../scripts/rig/mail');

export interface MailUser {
  address: string;
  password: string;
}

export interface MailRig {
  dir: string;
  imapPort: number;
  smtpPort: number;
  stop(): Promise<void>;
  /** The end of Postfix's and Dovecot's logs, for a failing test's report. */
  logs(lines?: number): string;
}

function tailOf(file: string, lines: number): string {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return `(no ${file})`;
  }
}

function readEnv(dir: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const line of readFileSync(join(dir, 'mail.env'), 'utf8').split('\n')) {
    const match = /^([A-Z_]+)=(.*)$/.exec(line);
    if (match?.[1] !== undefined && match[2] !== undefined) env[match[1]] = match[2];
  }
  return env;
}

export async function startMailRig(users: readonly MailUser[]): Promise<MailRig> {
  const dir = mkdtempSync(join(tmpdir(), 'centralita-mail-rig-'));
  const userArgs = users.flatMap((u) => ['--user', `${u.address}:${u.password}`]);
  try {
    await run(join(MAIL_RIG, 'start.sh'), [dir, ...userArgs], { timeout: 180_000 });
  } catch (cause) {
    // start.sh may have started Dovecot before Postfix failed: stop by the PIDs it recorded.
    await run(join(MAIL_RIG, 'stop.sh'), [dir]).catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
    throw cause;
  }
  const env = readEnv(dir);
  return {
    dir,
    imapPort: Number(env.IMAP_PORT),
    smtpPort: Number(env.SMTP_PORT),
    logs: (lines = 40) => `${tailOf(join(dir, 'postfix', 'postfix.log'), lines)}\n${tailOf(join(dir, 'dovecot', 'dovecot.log'), lines)}`,
    async stop() {
      await run(join(MAIL_RIG, 'stop.sh'), [dir]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
