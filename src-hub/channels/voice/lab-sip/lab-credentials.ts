/**
 * The lab proxy's secrets: one random key the hub keeps in its data folder (`lab-sip-key`,
 * 32 bytes, mode 0600), from which each SIP user's password is derived with HMAC-SHA256. No SIP
 * password is ever written to a configuration file; the hub hands each agent theirs after
 * sign-in (AgentConfigView.phone). The same key signs the digest nonces.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const LAB_SIP_KEY_FILE = 'lab-sip-key';
const PASSWORD_CHARS = 24;

export function loadOrCreateLabSipKey(dataDir: string): Buffer {
  const file = path.join(dataDir, LAB_SIP_KEY_FILE);
  if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600, flag: 'wx' });
  chmodSync(file, 0o600);
  return Buffer.from(readFileSync(file, 'utf8').trim(), 'hex');
}

export class LabSipCredentials {
  constructor(private readonly key: Buffer) {}

  /** The SIP password of a user part (an agent's sipUser/username, or "pstn"). */
  passwordFor(sipUser: string): string {
    return createHmac('sha256', this.key).update(`lab-sip-password:${sipUser}`).digest('base64url').slice(0, PASSWORD_CHARS);
  }

  /** HMAC with a purpose label, for other signed values (nonces). */
  sign(purpose: string, value: string): string {
    return createHmac('sha256', this.key).update(`${purpose}:${value}`).digest('base64url');
  }
}
