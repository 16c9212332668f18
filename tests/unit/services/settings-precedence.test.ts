import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../../src-common/settings';
import { effectiveSettings, lockedKeysIn, parsePolicy, sanitiseUserSettings } from '../../../src-main/services/settings/effective-settings';

describe('settings precedence: defaults < user < policy', () => {
  it('uses defaults when nothing else is set', () => {
    expect(effectiveSettings({}, null, null)).toEqual({ values: DEFAULT_SETTINGS, locked: [], policyError: null });
  });

  it('lets the user override defaults and the policy override the user, locking its keys', () => {
    const result = effectiveSettings({ language: 'ca', notifications: false }, { settings: { language: 'en' } }, null);
    expect(result.values.language).toBe('en');
    expect(result.values.notifications).toBe(false);
    expect(result.locked).toEqual(['language']);
    expect(lockedKeysIn({ language: 'es' }, result.locked)).toEqual(['language']);
    expect(lockedKeysIn({ notifications: true }, result.locked)).toEqual([]);
  });

  it('rejects a policy with a typo, naming the file and the key', () => {
    const loaded = parsePolicy(JSON.stringify({ settings: { langauge: 'en' } }), '/etc/centralita/policy.json');
    expect(loaded.policy).toBeNull();
    expect(loaded.error).toContain('/etc/centralita/policy.json');
    expect(loaded.error).toContain('langauge');
  });

  it('rejects a policy with a wrong value type and one that is not JSON', () => {
    expect(parsePolicy('{"settings":{"notifications":"yes"}}', 'p.json').error).toContain('settings.notifications');
    expect(parsePolicy('{ settings: ', 'p.json').error).toContain('not valid JSON');
  });

  it('keeps valid user values and drops invalid ones from a hand-edited file', () => {
    const { settings, dropped } = sanitiseUserSettings({ language: 'ca', logLevel: 'verbose', extra: 1 });
    expect(settings).toEqual({ language: 'ca' });
    expect(dropped.sort()).toEqual(['extra', 'logLevel']);
  });
});
