/**
 * PhoneHost: the one seam between the agent UI and the softphone, whichever process runs it.
 *
 * - Web mode: the phone engine runs in the agent's page (`createPagePhoneHost`,
 *   src-phone/host/page-phone-host.ts).
 * - Electron: it runs in the hidden phone window owned by main, so a UI reload never drops a call;
 *   the renderer talks to it over IPC (src-renderer/phone/ipc-phone-host.ts, this same interface).
 *
 * It lives here, with no runtime, because both sides depend on it: the phone implements it, the
 * renderer uses it, and the phone never imports renderer code (a lint rule says so).
 *
 * Everything here is async and value-based (Result), because in Electron every call crosses IPC.
 * Device work (listing, mic level, speaker test) also goes through the host: in Electron only the
 * phone window may open the microphone (src-main/electron/permissions.ts), and it is the phone
 * window that plays call audio, so it is the one that must honour the chosen speaker.
 *
 * The host also plays the call alerts by itself, driven by its own PhoneEvents: the ringtone while
 * an inbound call rings without auto-answer, and a short beep when an auto-answered call arrives
 * (before it connects). It sees calls first and owns the speaker, and a UI reload must not silence
 * a ringing phone. src-phone/host/call-alerts.ts does this for any host.
 */
import { type Call } from './call';
import { NO_DEVICE_FALLBACK, type DeviceFallback, type MicrophoneStatus, type SpeakerStatus, type PhoneCommandInput, type PhoneCommandResult, type PhoneEvent, type RegistrationStatus, type TransportStatus } from './phone-contract';
import type { PhoneProvisioning } from './domain';
import type { Result } from './result';
import type { Settings } from './settings';

/** The registration part of the phone's state (the `registration` PhoneEvent without its tag). */
export interface PhoneRegistration {
  transport: TransportStatus;
  registration: RegistrationStatus;
  message: string | null;
}

/** A phone that is not started: no transport, not registered. */
export const INITIAL_REGISTRATION: PhoneRegistration = { transport: 'disconnected', registration: 'unregistered', message: null };

/** What the host holds right now: the store starts from this, then follows PhoneEvents. */
export interface PhoneSnapshot {
  registration: PhoneRegistration;
  calls: Call[];
  /** Null until the started phone has looked (and when it is not started). */
  microphone: MicrophoneStatus | null;
  /** Null until the started phone has seen an output listed (some browsers never list them). */
  speaker: SpeakerStatus | null;
  /** Which chosen devices are unplugged, with the system default standing in. */
  fallback: DeviceFallback;
}

/** What a host that is not started (or cannot be reached) holds. */
export const EMPTY_PHONE_SNAPSHOT: PhoneSnapshot = { registration: INITIAL_REGISTRATION, calls: [], microphone: null, speaker: null, fallback: NO_DEVICE_FALLBACK };

/** The devices the phone may use (MediaDeviceInfo reduced to what crosses IPC). */
export interface AudioDevice {
  deviceId: string;
  /** Empty until the microphone permission was granted once (browsers hide labels before). */
  label: string;
  kind: 'audioinput' | 'audiooutput';
}

/** How the phone rings: on which output, which tone, how loud (the settings of the same names). */
export type RingerChoice = Pick<Settings, 'ringerId' | 'ringtone' | 'ringerVolume'>;

/**
 * The call audio settings the phone follows. Empty microphoneId/speakerId = the system default
 * device; ringerId as in settings (empty = where calls play).
 */
export type AudioDeviceChoice = Pick<Settings, 'microphoneId' | 'speakerId'> & RingerChoice;

export interface PhoneHost {
  /** 'page': engine in this page (web mode); 'ipc': engine in Electron's phone window. */
  readonly kind: 'page' | 'ipc';

  /**
   * Starts (or restarts with new settings) the phone with what the hub handed over after sign-in,
   * and registers. Idempotent for the same provisioning. In Electron main may already hold the
   * provisioning; the adapter may then just answer ok.
   */
  start(provisioning: PhoneProvisioning): Promise<Result<null>>;
  /** Hangs up, unregisters and disconnects (sign-out, page unload). */
  stop(): Promise<void>;
  /**
   * Standby: the agent is Ready, so a call may be offered any moment. While on (and registered)
   * the phone keeps the chosen microphone open and the media of the next call prepared, so an
   * answer does not wait for them; off (Not Ready, wrap-up, busy, signed out) closes both and the
   * browser's "microphone in use" indicator goes off. Calls work either way.
   */
  setCallStandby(on: boolean): Promise<Result<null>>;

  /** Runs one phone command (validated by the engine: it crosses a boundary). */
  execute(command: PhoneCommandInput): Promise<Result<PhoneCommandResult>>;
  /** Every PhoneEvent, in order; returns the function that stops listening. */
  subscribe(listener: (event: PhoneEvent) => void): () => void;
  /** Current registration and calls (for a window that starts or reloads mid-call). */
  snapshot(): Promise<PhoneSnapshot>;

  /**
   * Microphone for the calls (live ones switch at once), speaker for the remote audio of every
   * call (setSinkId), and the ringer's output, tone and volume.
   */
  setAudioDevices(choice: AudioDeviceChoice): Promise<Result<null>>;
  listAudioDevices(): Promise<Result<AudioDevice[]>>;
  /**
   * Opens the given microphone and reports its level (0..1, RMS-based) about 20 times a second
   * until the returned stop function is called. Fails with a value when the mic cannot be opened.
   */
  watchMicrophoneLevel(microphoneId: string, onLevel: (level: number) => void): Promise<Result<() => void>>;
  /** Plays a short test tone through the given speaker (empty = default). */
  playSpeakerTest(speakerId: string): Promise<Result<null>>;
  /** Rings once as an inbound call would with this choice (its ringerId resolved like the setting's). */
  playRingtoneTest(ringer: RingerChoice): Promise<Result<null>>;
  /**
   * Audio level (0..1) of what the far end sends on a call, read from the played remote track;
   * null when the call has no media. Used by the call panel's "hearing the caller" cue and tests.
   */
  remoteAudioLevel(callId: string): Promise<number | null>;
}
