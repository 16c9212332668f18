/**
 * Settings precedence, as Mattermost desktop does it: built-in defaults < user choice < IT
 * policy. Every key the policy sets is locked. Pure, so the rule is tested on its own.
 */
import { z } from 'zod';
import {
  DEFAULT_SETTINGS,
  SETTING_KEYS,
  Settings,
  type EffectiveSettings,
  type PolicyIssue,
  type SettingKey,
} from '../../../src-common/settings';
import type { PolicySource } from './policy-sources';

export type UserSettings = Partial<Settings>;

/** What every policy source together forces, which source forced each key, and what was rejected. */
export interface CollectedPolicy {
  settings: Partial<Settings>;
  sourceOf: Partial<Record<SettingKey, string>>;
  issues: PolicyIssue[];
}

export const NO_POLICY: CollectedPolicy = { settings: {}, sourceOf: {}, issues: [] };

export function effectiveSettings(user: UserSettings, policy: CollectedPolicy = NO_POLICY): EffectiveSettings {
  const forced = policy.settings;
  const values: Settings = { ...DEFAULT_SETTINGS, ...user, ...forced };
  const locked = SETTING_KEYS.filter((key) => forced[key] !== undefined);
  const origins: Partial<Record<SettingKey, string>> = {};
  for (const key of SETTING_KEYS) {
    const origin = policy.sourceOf[key] ?? (user[key] !== undefined ? 'user' : undefined);
    if (origin !== undefined) origins[key] = origin;
  }
  return { values, locked, policyError: summariseIssues(policy.issues), policyIssues: policy.issues, origins };
}

/**
 * Reads every source, strongest first, and validates key by key: an unknown key or a value of
 * the wrong type rejects only that key (named with its source); the rest of the source still
 * applies, so one typo never unlocks the other settings. A key set by a stronger source wins.
 */
export function collectPolicy(sources: readonly PolicySource[]): CollectedPolicy {
  const settings: Record<string, unknown> = {};
  const sourceOf: Partial<Record<SettingKey, string>> = {};
  const issues: PolicyIssue[] = [];
  for (const source of sources) {
    const read = source.read();
    if (read.kind === 'absent') continue;
    if (read.kind === 'failed') {
      issues.push({ key: null, source: source.name, message: `${source.name} ${read.message}; nothing from it applies.` });
      continue;
    }
    for (const problem of read.problems) issues.push({ key: problem.key, source: source.name, message: `"${problem.key}" in ${source.name}: ${problem.message}.` });
    for (const [key, value] of Object.entries(read.entries)) {
      const schema = (Settings.shape as Record<string, z.ZodType | undefined>)[key];
      if (!schema || !Object.hasOwn(Settings.shape, key)) {
        issues.push({ key, source: source.name, message: `"${key}" in ${source.name} is not a Centralita setting; it is ignored.` });
        continue;
      }
      const parsed = schema.safeParse(value);
      if (!parsed.success) {
        const reason = parsed.error.issues[0]?.message ?? 'invalid value';
        issues.push({ key, source: source.name, message: `"${key}" in ${source.name} has an invalid value (${reason}); it is ignored.` });
        continue;
      }
      if (Object.hasOwn(settings, key)) continue;
      settings[key] = parsed.data;
      sourceOf[key as SettingKey] = source.name;
    }
  }
  return { settings: settings as Partial<Settings>, sourceOf, issues };
}

function summariseIssues(issues: readonly PolicyIssue[]): string | null {
  if (issues.length === 0) return null;
  return `${issues.map((issue) => issue.message).join(' ')} The other policy settings apply.`;
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
