/**
 * Who may use the lab proxy: the configuration's agents and supervisors (by their SIP user part)
 * and the simulated outside world (`pstn`). Digest checks of REGISTER and of out-of-dialog
 * requests end here.
 */
import type { HubConfig } from '../../../../src-common/hub-config';
import { parseDigestCredentials, type DigestAuth } from './digest-auth';
import type { LabSipCredentials } from './lab-credentials';
import type { SipIdentity } from './sip-connection';

/** The simulated outside world's user part: agents' calls to outside numbers ring it. */
export const PSTN_USER = 'pstn';

export type AuthOutcome = { kind: 'ok'; identity: SipIdentity } | { kind: 'none' } | { kind: 'stale' } | { kind: 'unknown-user' } | { kind: 'bad' };

/** The SIP user part of a configured user (sipUser, else the username). */
export function sipUserOf(user: { sipUser?: string | undefined; username: string }): string {
  return user.sipUser ?? user.username;
}

export class SipIdentities {
  private readonly agentsByUser = new Map<string, { userId: string; sipUser: string }>();

  constructor(
    config: HubConfig,
    private readonly digest: DigestAuth,
    private readonly credentials: LabSipCredentials,
  ) {
    for (const user of config.users) {
      if (user.role === 'admin') continue;
      const sipUser = sipUserOf(user);
      this.agentsByUser.set(sipUser, { userId: user.id, sipUser });
    }
  }

  agentByUser(user: string | undefined): { userId: string; sipUser: string } | null {
    return user === undefined ? null : (this.agentsByUser.get(user) ?? null);
  }

  /** Checks an Authorization / Proxy-Authorization header value for `method`. */
  authenticate(header: string | undefined, method: string): AuthOutcome {
    if (header === undefined) return { kind: 'none' };
    const creds = parseDigestCredentials(header);
    if (!creds) return { kind: 'bad' };
    const identity: SipIdentity | null =
      creds.username === PSTN_USER
        ? { kind: 'pstn', sipUser: PSTN_USER }
        : ((agent) => (agent ? { kind: 'agent', userId: agent.userId, sipUser: agent.sipUser } : null))(this.agentByUser(creds.username));
    if (!identity) return { kind: 'unknown-user' };
    const check = this.digest.verify(creds, method, this.credentials.passwordFor(identity.sipUser));
    if (check === 'ok') return { kind: 'ok', identity };
    return check === 'stale' ? { kind: 'stale' } : { kind: 'bad' };
  }
}
