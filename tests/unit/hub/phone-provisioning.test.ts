/** What the hub hands each agent's phone (src-hub/channels/voice/lab-sip/phone-provisioning.ts). */
import { describe, expect, it } from 'vitest';
import { parseHubConfig } from '../../../src-hub/config/load-config';
import { PhoneDirectory } from '../../../src-hub/channels/voice/lab-sip/phone-provisioning';
import { DEMO_CONFIG_YAML } from '../../../src-hub/demo/demo-config';

function directoryWith(phoneServer: string): PhoneDirectory {
  const text = DEMO_CONFIG_YAML.replace('  labProxy: { enabled: true }', `  phoneServer: ${phoneServer}`);
  const parsed = parseHubConfig(text, 'hub.yaml');
  if (!parsed.ok) throw new Error(parsed.problems.join('; '));
  return new PhoneDirectory(parsed.config, null);
}

describe('phone provisioning from an external SIP server', () => {
  it('answers before candidates only where the hub file says the server learns the phone\'s address from its checks', () => {
    expect(directoryWith('{ url: "wss://sip.example.es:8443/ws" }').forUser('ana')?.answerBeforeCandidates).toBe(false);
    expect(directoryWith('{ url: "wss://sip.example.es:8443/ws", answerBeforeCandidates: true }').forUser('ana')?.answerBeforeCandidates).toBe(true);
  });

  it('refuses a typo in the setting, saying where', () => {
    const parsed = parseHubConfig(DEMO_CONFIG_YAML.replace('  labProxy: { enabled: true }', '  phoneServer: { url: "wss://sip.example.es/ws", answerBeforeCandidate: true }'), 'hub.yaml');
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.problems.join('\n')).toMatch(/phoneServer.*answerBeforeCandidate/);
  });
});
