/**
 * What each agent's phone needs to register (AgentConfigView.phone), handed over by the hub after
 * sign-in so nobody types SIP settings: the lab proxy (its ws:// URL on the hub, the agent's AOR
 * and derived password, lab: true), or an external SIP server from `voice.phoneServer` with the
 * agent's `sipPassword`. Null when the hub has no SIP server for that user.
 */
import type { PhoneProvisioning } from '../../../../src-common/domain';
import type { HubConfig } from '../../../../src-common/hub-config';
import type { LabSipCredentials } from './lab-credentials';
import { LAB_SIP_PATH } from './lab-sip-channel';
import { sipUserOf } from './sip-identities';

export class PhoneDirectory {
  private labUrl: string | null = null;

  constructor(
    private readonly config: HubConfig,
    private readonly labCredentials: LabSipCredentials | null,
  ) {}

  /** Called once the hub listens, with its own http(s) URL. */
  setHubUrl(hubUrl: string): void {
    const lab = this.config.voice.labProxy;
    this.labUrl = lab.publicUrl ?? `${hubUrl.replace(/^http/, 'ws').replace(/\/$/, '')}${LAB_SIP_PATH}`;
  }

  forUser(userId: string): PhoneProvisioning | null {
    const user = this.config.users.find((u) => u.id === userId);
    if (!user || user.role === 'admin') return null;
    const voice = this.config.voice;
    const sipUser = sipUserOf(user);
    const aor = `sip:${sipUser}@${voice.sipDomain}`;
    if (voice.labProxy.enabled && this.labCredentials && this.labUrl) {
      return { serverUrl: this.labUrl, aor, authorizationUsername: sipUser, password: this.labCredentials.passwordFor(sipUser), displayName: user.displayName, iceServers: [], dtmfMode: 'rfc4733', lab: true, answerBeforeCandidates: true };
    }
    if (voice.phoneServer) {
      return { serverUrl: voice.phoneServer.url, aor, authorizationUsername: sipUser, password: user.sipPassword ?? '', displayName: user.displayName, iceServers: voice.phoneServer.iceServers, dtmfMode: voice.phoneServer.dtmfMode, lab: false, answerBeforeCandidates: voice.phoneServer.answerBeforeCandidates };
    }
    return null;
  }
}
