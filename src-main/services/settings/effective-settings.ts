/**
 * Settings precedence, as Mattermost desktop does it: built-in defaults < user choice < IT
 * policy. Every key the policy sets is locked. Pure, so the rule is tested on its own.
 */
import { z } from 'zod';
import {
  DEFAULT_SETTINGS,
  PolicyFile,
  SETTING_KEYS,
  Settings,
  type EffectiveSettings,
  type SettingKey,
} from '../../../src-common/settings';

export type UserSettings = Partial<Settings>;

export function effectiveSettings(user: UserSettings, policy: PolicyFile | null, policyError: string | null): EffectiveSettings {
  const forced = policy?.settings ?? {};
  const values: Settings = { ...DEFAULT_SETTINGS, ...user, ...forced };
  const locked = SETTING_KEYS.filter((key) => forced[key] !== undefined);
  return { values, locked, policyError };
}

/** Keys of `change` that the policy locks; settings.set refuses the whole change if any. */
export function lockedKeysIn(change: UserSettings, locked: readonly SettingKey[]): SettingKey[] {
  return SETTING_KEYS.filter((key) => change[key] !== undefined && locked.includes(key));
}

/**
 * Keeps only the valid user values from whatever is on disk (a hand-edited or older file):
 * one bad value falls back to its default instead of discarding every preference.
 */
export function sanitiseUserSettings(raw: unknown): { settings: UserSettings; dropped: string[] } {
  const settings: Record<string, unknown> = {};
  const dropped: string[] = [];
  if (typeof raw !== 'object' || raw === null) return { settings: {}, dropped };
  for (const [key, value] of Object.entries(raw)) {
    const schema = (Settings.shape as Record<string, z.ZodType | undefined>)[key];
    if (schema && schema.safeParse(value).success) settings[key] = value;
    else dropped.push(key);
  }
  return { settings: settings as UserSettings, dropped };
}

export type PolicyLoad = { policy: PolicyFile | null; error: string | null };

/**
 * Parses the policy file's text. Any problem (bad JSON, unknown key, wrong type) rejects the
 * whole policy with a message naming the file and the key, so IT sees the typo.
 */
export function parsePolicy(text: string, filePath: string): PolicyLoad {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    const detail = cause instanceof Error ? cause.message : String(cause);
    return { policy: null, error: `Policy file ${filePath} is not valid JSON (${detail}); policy ignored, defaults in use.` };
  }
  const parsed = PolicyFile.safeParse(json);
  if (parsed.success) return { policy: parsed.data, error: null };
  const problems = parsed.error.issues.map((issue) => {
    const base = issue.path.map(String).join('.');
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((k) => `unknown key "${base ? `${base}.` : ''}${k}"`).join(', ');
    }
    return `"${base || '(root)'}": ${issue.message}`;
  });
  return { policy: null, error: `Policy file ${filePath} is invalid: ${problems.join('; ')}; policy ignored, defaults in use.` };
}
