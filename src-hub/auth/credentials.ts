/**
 * Password checks. Users come from the config with an argon2id hash; lab configs may give a
 * plaintext password, which is hashed once at start-up so the login path is the same for both
 * and no plaintext is kept after start.
 */
import { hash, verify } from '@node-rs/argon2';
import type { HubUser } from '../../src-common/hub-config';

export class CredentialStore {
  private constructor(private readonly hashes: ReadonlyMap<string, string>) {}

  static async fromConfig(users: readonly HubUser[]): Promise<CredentialStore> {
    const entries = await Promise.all(
      users.map(async (u): Promise<[string, string]> => [u.id, u.passwordHash ?? (await hash(u.password ?? ''))]),
    );
    return new CredentialStore(new Map(entries));
  }

  /** True when the password matches; false for unknown users or malformed hashes. */
  async verify(userId: string, password: string): Promise<boolean> {
    const stored = this.hashes.get(userId);
    if (!stored) return false;
    try {
      return await verify(stored, password);
    } catch {
      // A malformed hash in the config is a config problem; the login simply fails.
      return false;
    }
  }
}

/** A hash to compare against when the username is unknown, so timing does not reveal which usernames exist. */
export async function decoyHash(): Promise<string> {
  return hash('centralita-decoy-password');
}
