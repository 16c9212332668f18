/**
 * Electron's PhoneHost: the engine runs in the hidden phone window owned by main, so reloading
 * or closing this window never drops a call. Every method crosses IPC through the preload's
 * window.centralitaPhoneBridge (PhoneOps in src-common/ipc.ts); main checks the sender,
 * validates both ways and relays to the phone window, which serves the page host there
 * (src-phone/window). Failures come back as values, like the page host's.
 */
import type { PhoneCommandInput, PhoneCommandResult, PhoneEvent } from '../../src-common/phone-contract';
import type { PhoneProvisioning } from '../../src-common/domain';
import type { PhoneBridgeApi, PhoneOpName, PhoneOpParamsInput, PhoneOpResult } from '../../src-common/ipc';
import { EMPTY_PHONE_SNAPSHOT, type AudioDevice, type AudioDeviceChoice, type PhoneHost, type PhoneSnapshot, type RingerChoice } from '../../src-common/phone-host';
import { ok, type Result } from '../../src-common/result';

declare global {
  interface Window {
    /** Exposed by the agent window's preload in Electron (src-main/electron/phone-bridge-api.ts). */
    centralitaPhoneBridge?: PhoneBridgeApi;
  }
}

let watchCounter = 0;

export function createIpcPhoneHost(bridge: PhoneBridgeApi): PhoneHost {
  const call = <K extends PhoneOpName>(op: K, params: PhoneOpParamsInput<K>): Promise<Result<PhoneOpResult<K>>> => bridge.invoke(op, params);

  return {
    kind: 'ipc',
    start: (provisioning: PhoneProvisioning) => call('phone.start', provisioning),
    async stop() {
      await call('phone.stop', {});
    },
    execute: (command: PhoneCommandInput): Promise<Result<PhoneCommandResult>> => call('phone.execute', command),
    setCallStandby: (on: boolean) => call('phone.setCallStandby', { on }),
    subscribe: (listener: (event: PhoneEvent) => void) => bridge.on('phone', listener),
    async snapshot(): Promise<PhoneSnapshot> {
      const answer = await call('phone.snapshot', {});
      // A phone window still loading has no calls yet: the events that follow fill the store in.
      return answer.ok ? answer.value : EMPTY_PHONE_SNAPSHOT;
    },
    setAudioDevices: (choice: AudioDeviceChoice) => call('phone.setAudioDevices', choice),
    listAudioDevices: (): Promise<Result<AudioDevice[]>> => call('phone.listAudioDevices', {}),
    async watchMicrophoneLevel(microphoneId, onLevel) {
      watchCounter += 1;
      const watchId = `mic-${Date.now().toString(36)}-${watchCounter}`;
      const off = bridge.on('phone-mic-level', (level) => {
        if (level.watchId === watchId) onLevel(level.level);
      });
      const started = await call('phone.watchMicrophone', { watchId, microphoneId });
      if (!started.ok) {
        off();
        return started;
      }
      return ok(() => {
        off();
        void call('phone.unwatchMicrophone', { watchId });
      });
    },
    playSpeakerTest: (speakerId: string) => call('phone.playSpeakerTest', { speakerId }),
    playRingtoneTest: (ringer: RingerChoice) => call('phone.playRingtoneTest', ringer),
    async remoteAudioLevel(callId: string) {
      const answer = await call('phone.remoteAudioLevel', { callId });
      return answer.ok ? answer.value : null;
    },
  };
}
