/**
 * User settings (conf, a JSON file in the data folder) combined with the IT policy file.
 * The policy is read once at start: IT changes take effect on the next launch, as with
 * Windows group policy.
 */
import Conf from 'conf';
import { readFileSync } from 'node:fs';
import type { Logger } from 'pino';
import type { EffectiveSettings } from '../../../src-common/settings';
import { err, ok, type Result } from '../../../src-common/result';
import {
  effectiveSettings,
  lockedKeysIn,
  parsePolicy,
  sanitiseUserSettings,
  type PolicyLoad,
  type UserSettings,
} from './effective-settings';

export class SettingsService {
  private readonly store: Conf<Record<string, unknown>>;
  private readonly policy: PolicyLoad;
  private current: EffectiveSettings;
  private readonly listeners = new Set<(settings: EffectiveSettings) => void>();

  constructor(dataDir: string, policyPath: string | null, private readonly log: Logger) {
    // clearInvalidConfig: a settings file damaged by a crash must not stop the app from starting.
    this.store = new Conf({ cwd: dataDir, configName: 'settings', clearInvalidConfig: true, accessPropertiesByDotNotation: false });
    this.policy = loadPolicy(policyPath, log);
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
    return effectiveSettings(settings, this.policy.policy, this.policy.error);
  }
}

function loadPolicy(policyPath: string | null, log: Logger): PolicyLoad {
  if (!policyPath) return { policy: null, error: null };
  let text: string;
  try {
    text = readFileSync(policyPath, 'utf8');
  } catch (cause) {
    if ((cause as NodeJS.ErrnoException).code === 'ENOENT') return { policy: null, error: null };
    const error = `Policy file ${policyPath} could not be read; policy ignored, defaults in use.`;
    log.error({ err: cause, policyPath }, error);
    return { policy: null, error };
  }
  const loaded = parsePolicy(text, policyPath);
  if (loaded.error) log.error({ policyPath }, loaded.error);
  else log.info({ policyPath, locked: Object.keys(loaded.policy?.settings ?? {}) }, 'IT policy applied');
  return loaded;
}
