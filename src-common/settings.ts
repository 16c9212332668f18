/**
 * Desktop settings and the IT policy that can lock them.
 * Precedence: built-in defaults < user choice < IT policy. A key set by policy is locked:
 * the UI shows it as locked and settings.set refuses it.
 */
import { z } from 'zod';

export const Language = z.enum(['es', 'ca', 'en']);
export type Language = z.infer<typeof Language>;
export const LANGUAGES: readonly Language[] = Language.options;

/**
 * An Electron accelerator such as "CommandOrControl+Alt+A": modifiers, then one key. Checked
 * here so a typo in a policy is reported with its key instead of failing to register silently.
 */
export const Accelerator = z
  .string()
  .max(100)
  .regex(
    /^(?:(?:CommandOrControl|CmdOrCtrl|Command|Cmd|Control|Ctrl|Alt|Option|AltGr|Shift|Super|Meta)\+)+(?:[A-Z0-9]|F(?:[1-9]|1[0-9]|2[0-4])|Space|Tab|Enter|Return|Backspace|Delete|Insert|Home|End|PageUp|PageDown|Up|Down|Left|Right|Plus|Minus|Escape|Esc)$/,
    'must be modifiers and one key, like CommandOrControl+Alt+A',
  );

/** The synthesized ringtones (src-phone/audio/ringtones.ts): no sound files to ship or license. */
export const Ringtone = z.enum(['classic', 'soft', 'digital']);
export type Ringtone = z.infer<typeof Ringtone>;

/**
 * ringerId's value for "ring where calls play": the default, so a headset user hears the ring in
 * the headset until they choose a ringer of their own.
 */
export const RINGER_FOLLOWS_SPEAKER = '';
/** ringerId's value for the system default output (Chromium's own id for it in enumerateDevices). */
export const SYSTEM_DEFAULT_OUTPUT = 'default';

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
  /**
   * Where the ringtone plays, so it can ring on the laptop's speaker while the headset stays
   * quiet: RINGER_FOLLOWS_SPEAKER (empty, the call speaker), SYSTEM_DEFAULT_OUTPUT, or a device id.
   */
  ringerId: z.string().max(500),
  ringtone: Ringtone,
  /** Ringtone loudness, 0 (silent) to 100. */
  ringerVolume: z.number().int().min(0).max(100),
  /** Release channel the updater follows: stable reads latest.yml, beta reads beta.yml. */
  updateChannel: z.enum(['stable', 'beta']),
  /**
   * IT's own update server (electron-updater generic provider); empty = the feed built into the
   * installer. Only honoured when set by policy: a user file must not redirect updates.
   */
  updateUrl: z.union([z.literal(''), z.string().max(2000).regex(/^https?:\/\/[^\s]+$/, 'must be an http(s) URL')]),
  /** Start Centralita when the user logs in to the computer. */
  startAtLogin: z.boolean(),
  /** System-wide hotkeys for answer / hang up / mute, working while another app is in front. */
  globalShortcuts: z.boolean(),
  shortcutAnswer: Accelerator,
  shortcutHangUp: Accelerator,
  shortcutMute: Accelerator,
  /**
   * Where the desktop's phone sends and receives call audio. default-route: one socket on the
   * default route's interface, which outlives a new address (a call survives a home network's
   * change within a second). all: a socket per interface address, for a network where the voice
   * servers are reachable only through an interface that is not the default route (a VPN that
   * carries only the company's addresses). Applies when the desktop starts.
   */
  voiceInterfaces: z.enum(['default-route', 'all']),
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
  ringerId: RINGER_FOLLOWS_SPEAKER,
  ringtone: 'classic',
  ringerVolume: 60,
  updateChannel: 'stable',
  updateUrl: '',
  startAtLogin: false,
  globalShortcuts: false,
  shortcutAnswer: 'CommandOrControl+Alt+A',
  shortcutHangUp: 'CommandOrControl+Alt+E',
  shortcutMute: 'CommandOrControl+Alt+M',
  voiceInterfaces: 'default-route',
};

/**
 * The policy file IT deploys on Linux (and anywhere as a fallback): JSON. This schema is the
 * strict shape of a correct file; the app itself reads policy key by key (policy-sources in
 * main services), so one bad key is reported and skipped while the rest still applies.
 */
export const PolicyFile = z
  .object({
    /** Every key given here is forced and locked. */
    settings: Settings.partial().strict().default({}),
  })
  .strict();
export type PolicyFile = z.infer<typeof PolicyFile>;

export const SettingKeyName = z.enum(SETTING_KEYS as [SettingKey, ...SettingKey[]]);

/** One policy entry that could not be applied: the key (null when the whole source failed) and where it came from. */
export const PolicyIssue = z.object({
  /** The key as IT wrote it (it may be a typo, so not a SettingKey). */
  key: z.string().max(200).nullable(),
  /** Human-readable source: a registry key, a managed-preferences plist or a JSON file path. */
  source: z.string().max(1000),
  message: z.string().max(2000),
});
export type PolicyIssue = z.infer<typeof PolicyIssue>;

export const EffectiveSettings = z.object({
  values: Settings,
  locked: z.array(SettingKeyName),
  /** Summary of policyIssues in one line (null when none); shown to the user and logged. */
  policyError: z.string().nullable(),
  /** Every policy key that was rejected; the other keys of the same source still apply. */
  policyIssues: z.array(PolicyIssue),
  /** Where each value came from: 'user', or the policy source that forced it; absent = default. */
  origins: z.partialRecord(SettingKeyName, z.string().max(1000)),
});
export type EffectiveSettings = z.infer<typeof EffectiveSettings>;
