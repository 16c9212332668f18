/**
 * A PhoneHost stand-in for the renderer's phone tests (no SIP, no media): it records what it is
 * asked and lets a test push PhoneEvents; and the phone controller wired to it over a real app
 * store, with the hub's intents recorded.
 */
import type { PhoneCommandInput, PhoneEvent } from '../../../src-common/phone-contract';
import type { PhoneProvisioning } from '../../../src-common/domain';
import { EMPTY_PHONE_SNAPSHOT, type PhoneHost } from '../../../src-common/phone-host';
import { ok } from '../../../src-common/result';
import type { Intents } from '../../../src-renderer/intents';
import { createPhoneController, noOutboundItem } from '../../../src-renderer/phone/phone-controller';
import { createAppStore } from '../../../src-renderer/store/app-store';

/** A PhoneHost that records what it is asked and lets the test push events (no SIP, no media). */
export function recordingHost() {
  const listeners = new Set<(event: PhoneEvent) => void>();
  const log: string[] = [];
  const commands: PhoneCommandInput[] = [];
  const host: PhoneHost = {
    kind: 'page',
    start: async (p: PhoneProvisioning) => (log.push(`start ${p.aor}`), ok(null)),
    stop: async () => void log.push('stop'),
    setCallStandby: async (on) => (log.push(`standby ${on ? 'on' : 'off'}`), ok(null)),
    execute: async (command) => (commands.push(command), ok({ callId: command.type === 'dial' ? 'new-call' : null })),
    subscribe: (listener) => (listeners.add(listener), () => listeners.delete(listener)),
    snapshot: async () => EMPTY_PHONE_SNAPSHOT,
    setAudioDevices: async (choice) => (log.push(`devices ${choice.microphoneId}/${choice.speakerId}`), ok(null)),
    listAudioDevices: async () => ok([]),
    watchMicrophoneLevel: async () => ok(() => undefined),
    playSpeakerTest: async () => ok(null),
    playRingtoneTest: async () => ok(null),
    remoteAudioLevel: async () => null,
  };
  return { host, log, commands, emit: (event: PhoneEvent) => listeners.forEach((l) => l(event)) };
}

export function phoneControllerSetup() {
  const app = createAppStore();
  const hub: string[] = [];
  const intents = {
    acceptOffer: async (id: string, ifConflict?: string) => void hub.push(ifConflict ? `accept ${id} (if refused: ${ifConflict})` : `accept ${id}`),
    declineOffer: async (id: string) => void hub.push(`decline ${id}`),
    endItem: async (id: string) => void hub.push(`end ${id}`),
  } as Pick<Intents, 'acceptOffer' | 'declineOffer' | 'endItem'> as Intents;
  const rec = recordingHost();
  const controller = createPhoneController({ host: rec.host, app, intents, startOutboundItem: noOutboundItem });
  return { app, hub, rec, controller };
}
