/**
 * Desktop settings and the IT policy that can lock them.
 * Precedence: built-in defaults < user choice < IT policy. A key set by policy is locked:
 * the UI shows it as locked and settings.set refuses it.
 */
import { z } from 'zod';

export const Language = z.enum(['es', 'ca', 'en']);
export type Language = z.infer<typeof Language>;
export const LANGUAGES: readonly Language[] = Language.options;

export const Settings = z.object({
  /** Hub to sign in to. Empty means the embedded lab hub that `npm start` runs. */
  hubUrl: z.string().max(2000),
  language: Language,
  /** Native notifications for offers when the window is not focused. */
  notifications: z.boolean(),
  /** off: never update; notify: tell the user; auto: download and install on quit. */
  autoUpdate: z.enum(['off', 'notify', 'auto']),
  /** Accept/decline shortcuts and the call-control hotkeys. */
  keyboardShortcuts: z.boolean(),
  logLevel: z.enum(['error', 'warn', 'info', 'debug']),
  /** Chosen microphone (MediaDeviceInfo.deviceId); empty = the system default. */
  microphoneId: z.string().max(500),
  /** Chosen speaker/headset for call audio (setSinkId); empty = the system default. */
  speakerId: z.string().max(500),
});
export type Settings = z.infer<typeof Settings>;
export type SettingKey = keyof Settings;
export const SETTING_KEYS = Object.keys(Settings.shape) as SettingKey[];

export const DEFAULT_SETTINGS: Settings = {
  hubUrl: '',
  language: 'es',
  notifications: true,
  autoUpdate: 'notify',
  keyboardShortcuts: true,
  logLevel: 'info',
  microphoneId: '',
  speakerId: '',
};

/**
 * The policy file IT deploys (JSON). Unknown keys are an error, not ignored: a typo in a
 * policy must be seen, and the app then starts with defaults rather than a half-read policy.
 */
export const PolicyFile = z
  .object({
    /** Every key given here is forced and locked. */
    settings: Settings.partial().strict().default({}),
  })
  .strict();
export type PolicyFile = z.infer<typeof PolicyFile>;

export const EffectiveSettings = z.object({
  values: Settings,
  locked: z.array(z.enum(SETTING_KEYS as [SettingKey, ...SettingKey[]])),
  /** Set when the policy file exists but could not be used; shown to the user and logged. */
  policyError: z.string().nullable(),
});
export type EffectiveSettings = z.infer<typeof EffectiveSettings>;
