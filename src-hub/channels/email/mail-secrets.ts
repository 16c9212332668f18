/** Mail server passwords from where the config points: an environment variable or a file. */
import { readFileSync } from 'node:fs';
import type { MailSecret } from '../../../src-common/email';

/** The password, or an Error naming where it was looked for (never the value). */
export function readMailSecret(secret: MailSecret): string | Error {
  if (secret.password !== undefined) return secret.password;
  if (secret.passwordEnv !== undefined) {
    const value = process.env[secret.passwordEnv];
    return value ? value : new Error(`environment variable ${secret.passwordEnv} is not set`);
  }
  if (secret.passwordFile !== undefined) {
    try {
      return readFileSync(secret.passwordFile, 'utf8').replace(/\r?\n$/, '');
    } catch (cause) {
      return new Error(`cannot read ${secret.passwordFile}: ${cause instanceof Error ? cause.message : String(cause)}`);
    }
  }
  return new Error('no password configured');
}
