/**
 * The mail rig (scripts/rig/mail: Postfix delivering example.test to Dovecot, loopback, free
 * ports) for a bench: started per run, stopped by the PIDs its start.sh recorded. The tests'
 * helper (tests/interop/support/mail-rig.ts) finds the scripts relative to its own source file,
 * which a bundle in dist/bench cannot, hence this one.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { CleanupStack } from './cleanup';

const run = promisify(execFile);

export interface MailRig {
  imapPort: number;
  smtpPort: number;
}

/** dist/bench/*.mjs runs from the repo; so would `npx tsx bench/…`. */
function mailRigScripts(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  for (const candidate of [path.resolve(here, '../..'), path.resolve(here, '..'), path.resolve(here, '../../..'), process.cwd()]) {
    const dir = path.join(candidate, 'scripts/rig/mail');
    if (existsSync(path.join(dir, 'start.sh'))) return dir;
  }
  throw new Error('cannot find scripts/rig/mail/start.sh; run from the repo root');
}

export async function startMailRig(cleanup: CleanupStack, users: readonly { address: string; password: string }[]): Promise<MailRig> {
  const scripts = mailRigScripts();
  // Its own mkdtemp folder: start.sh opens it to Postfix's and Dovecot's users.
  const dir = mkdtempSync(path.join(tmpdir(), 'centralita-bench-mail-rig-'));
  cleanup.add('mail rig folder', () => rmSync(dir, { recursive: true, force: true }));
  // stop.sh stops only the PIDs start.sh recorded, so it is safe to register before starting.
  cleanup.add('mail rig (Postfix, Dovecot)', async () => void (await run(path.join(scripts, 'stop.sh'), [dir])));
  // The first run installs the packages with apt, hence the long limit.
  await run(path.join(scripts, 'start.sh'), [dir, ...users.flatMap((u) => ['--user', `${u.address}:${u.password}`])], { timeout: 600_000 });
  const env = Object.fromEntries(readFileSync(path.join(dir, 'mail.env'), 'utf8').split('\n').map((line) => line.split('=', 2)));
  return { imapPort: Number(env.IMAP_PORT), smtpPort: Number(env.SMTP_PORT) };
}
