/**
 * Decides whether a hub gets simulated calls and gathers what they need: only when the built-in
 * lab SIP proxy is on and a contact-center number exists. Callers connect to the hub's own
 * listening address (they run in the same process, whatever public URL phones are given); the
 * outside world signs in with the `pstn` password the proxy derives.
 */
import type { HubConfig } from '../../../src-common/hub-config';
import { LAB_SIP_PATH } from '../../channels/voice/lab-sip/lab-sip-channel';
import type { HubStore } from '../../storage/repositories';
import type { VoiceSimulation } from '../simulator';
import { OUTSIDE_WORLD_USER } from './simulated-outside-world';
import { voiceReadiness, type PhoneRegistered } from './voice-readiness';

export interface LabVoiceSimulationInput {
  config: HubConfig;
  store: HubStore;
  /** The hub's http:// URL (as startHub reports it). */
  hubUrl: string;
  /** The lab proxy's derived password of a SIP user part (RunningHub.labSip.passwordFor). */
  passwordFor(sipUser: string): string;
  /** When given, only agents whose phone is registered count as able to take a call. */
  phoneRegistered?: PhoneRegistered;
  intervalMs?: number;
  talkMs?: number;
  patienceMs?: number;
}

export function labVoiceSimulation(input: LabVoiceSimulationInput): VoiceSimulation | null {
  const { config } = input;
  if (!config.voice.labProxy.enabled) return null;
  const number = Object.keys(config.voice.numbers)[0];
  if (number === undefined) return null;
  return {
    sipUrl: `${input.hubUrl.replace(/^http/, 'ws')}${LAB_SIP_PATH}`,
    sipDomain: config.voice.sipDomain,
    number,
    outsideWorldPassword: input.passwordFor(OUTSIDE_WORLD_USER),
    readiness: voiceReadiness(config, input.store, number, input.phoneRegistered),
    intervalMs: input.intervalMs,
    talkMs: input.talkMs,
    patienceMs: input.patienceMs,
  };
}
