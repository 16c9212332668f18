/**
 * User settings (conf, a JSON file in the data folder) combined with IT policy from every
 * source of this OS (registry, managed preferences, JSON file). The policy is read once at
 * start: IT changes take effect on the next launch, as with Windows group policy.
 */
import Conf from 'conf';
import type { Logger } from 'pino';
import type { EffectiveSettings } from '../../../src-common/settings';
import { err, ok, type Result } from '../../../src-common/result';
import {
  effectiveSettings,
  lockedKeysIn,
  collectPolicy,
  sanitiseUserSettings,
  type CollectedPolicy,
  type UserSettings,
} from './effective-settings';
import type { PolicySource } from './policy-sources';

export class SettingsService {
  private readonly store: Conf<Record<string, unknown>>;
  private readonly policy: CollectedPolicy;
  private current: EffectiveSettings;
  private readonly listeners = new Set<(settings: EffectiveSettings) => void>();

  constructor(dataDir: string, policySources: readonly PolicySource[], private readonly log: Logger) {
    // clearInvalidConfig: a settings file damaged by a crash must not stop the app from starting.
    this.store = new Conf({ cwd: dataDir, configName: 'settings', clearInvalidConfig: true, accessPropertiesByDotNotation: false });
    this.policy = loadPolicy(policySources, log);
    this.current = this.compute();
  }

  get(): EffectiveSettings {
    return this.current;
  }

  set(change: UserSettings): Result<EffectiveSettings> {
    const refused = lockedKeysIn(change, this.current.locked);
    if (refused.length > 0) {
      return err('forbidden', `Your organisation manages ${refused.join(', ')}; it cannot be changed here.`);
    }
    for (const [key, value] of Object.entries(change)) {
      if (value !== undefined) this.store.set(key, value);
    }
    this.current = this.compute();
    for (const listener of this.listeners) listener(this.current);
    return ok(this.current);
  }

  onChange(listener: (settings: EffectiveSettings) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private compute(): EffectiveSettings {
    const { settings, dropped } = sanitiseUserSettings(this.store.store);
    if (dropped.length > 0) this.log.warn({ dropped }, 'ignored invalid values in the user settings file');
    return effectiveSettings(settings, this.policy);
  }
}

function loadPolicy(sources: readonly PolicySource[], log: Logger): CollectedPolicy {
  const policy = collectPolicy(sources);
  // One log line per rejected key, naming the key and its source, for IT reading the log.
  for (const issue of policy.issues) log.error({ policyKey: issue.key, policySource: issue.source }, issue.message);
  if (Object.keys(policy.sourceOf).length > 0) log.info({ locked: policy.sourceOf }, 'IT policy applied');
  return policy;
}
