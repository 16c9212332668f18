/**
 * When simulated calls make sense: an agent who could take one is ready (selected Ready, online,
 * skilled for the dialled number's queue, not already on a call, and, when the proxy can tell,
 * with a registered phone: ringing nobody would only turn into missed offers), and no call is
 * already waiting for an agent. Read from storage, which the contact center keeps current in
 * every transaction.
 */
import type { HubConfig } from '../../../src-common/hub-config';
import type { HubStore } from '../../storage/repositories';
import { agentSipUri } from '../../center/views';

export interface VoiceReadiness {
  /** The voice queue calls to this number land in, or null when the number is not served. */
  readonly queueId: string | null;
  agentReady(): boolean;
  callWaiting(): boolean;
}

/** Whether a SIP address of record has a live registration (the lab proxy's registrar). */
export type PhoneRegistered = (aor: string) => boolean;

export function voiceReadiness(config: HubConfig, store: HubStore, dialled: string, phoneRegistered?: PhoneRegistered): VoiceReadiness {
  const queueId = config.voice.numbers[dialled] ?? config.voice.defaultQueueId ?? null;
  const queue = config.queues.find((q) => q.id === queueId);
  const skilled = config.users.filter(
    (user) => user.role === 'agent' && queue !== undefined && Object.entries(queue.requiredSkills).every(([skill, min]) => (user.skills[skill] ?? 0) >= min),
  );
  return {
    queueId,
    agentReady: () =>
      skilled.some((user) => {
        const presence = store.presence.get(user.id);
        if (!presence || presence.selected !== 'ready' || presence.state === 'offline') return false;
        if (phoneRegistered && !phoneRegistered(agentSipUri(config, user))) return false;
        return !store.items.listHeldBy(user.id).some((item) => item.channel === 'voice');
      }),
    callWaiting: () => store.items.listOpen().some((item) => item.channel === 'voice' && (item.state === 'queued' || item.state === 'offered')),
  };
}
