import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../../src-common/settings';
import { collectPolicy, effectiveSettings, lockedKeysIn, sanitiseUserSettings } from '../../../src-main/services/settings/effective-settings';
import { jsonPolicySource } from '../../../src-main/services/settings/policy-sources';

const jsonText = (file: string, text: string) => jsonPolicySource(file, () => text);

describe('settings precedence: defaults < user < policy', () => {
  it('uses defaults when nothing else is set', () => {
    expect(effectiveSettings({})).toEqual({ values: DEFAULT_SETTINGS, locked: [], policyError: null, policyIssues: [], origins: {} });
  });

  it('lets the user override defaults and the policy override the user, locking its keys', () => {
    const policy = collectPolicy([jsonText('/etc/centralita/policy.json', '{"settings":{"language":"en"}}')]);
    const result = effectiveSettings({ language: 'ca', notifications: false }, policy);
    expect(result.values.language).toBe('en');
    expect(result.values.notifications).toBe(false);
    expect(result.locked).toEqual(['language']);
    expect(result.origins).toEqual({ language: '/etc/centralita/policy.json', notifications: 'user' });
    expect(lockedKeysIn({ language: 'es' }, result.locked)).toEqual(['language']);
    expect(lockedKeysIn({ notifications: true }, result.locked)).toEqual([]);
  });

  it('rejects only the key with a typo, naming the key and the source; the hub URL stays locked', () => {
    const file = '/etc/centralita/policy.json';
    const policy = collectPolicy([jsonText(file, JSON.stringify({ settings: { langauge: 'en', hubUrl: 'https://hub.example.es' } }))]);
    const result = effectiveSettings({ hubUrl: 'https://elsewhere.example' }, policy);
    expect(result.values.hubUrl).toBe('https://hub.example.es');
    expect(result.locked).toEqual(['hubUrl']);
    expect(result.policyIssues).toEqual([expect.objectContaining({ key: 'langauge', source: file })]);
    expect(result.policyError).toContain('langauge');
    expect(result.policyError).toContain(file);
  });

  it('rejects only a value of the wrong type and keeps the rest of the same source', () => {
    const policy = collectPolicy([jsonText('p.json', '{"settings":{"notifications":"yes","autoUpdate":"off"}}')]);
    expect(policy.settings).toEqual({ autoUpdate: 'off' });
    expect(policy.issues).toEqual([expect.objectContaining({ key: 'notifications', source: 'p.json' })]);
    expect(policy.issues[0]?.message).toContain('invalid value');
  });

  it('reports a file that is not JSON as a whole-source failure, and other sources still apply', () => {
    const policy = collectPolicy([jsonText('broken.json', '{ settings: '), jsonText('ok.json', '{"settings":{"logLevel":"warn"}}')]);
    expect(policy.settings).toEqual({ logLevel: 'warn' });
    expect(policy.issues).toEqual([expect.objectContaining({ key: null, source: 'broken.json' })]);
    expect(policy.issues[0]?.message).toContain('not valid JSON');
  });

  it('reports a stray top-level key of the JSON file and still applies its settings', () => {
    const policy = collectPolicy([jsonText('p.json', '{"setings":{"language":"ca"},"settings":{"language":"en"}}')]);
    expect(policy.settings).toEqual({ language: 'en' });
    expect(policy.issues.map((issue) => issue.key)).toEqual(['setings']);
  });

  it('lets the stronger source win a key both set, and names that source as its origin', () => {
    const policy = collectPolicy([jsonText('strong.json', '{"settings":{"language":"en"}}'), jsonText('weak.json', '{"settings":{"language":"ca","logLevel":"debug"}}')]);
    expect(policy.settings).toEqual({ language: 'en', logLevel: 'debug' });
    expect(policy.sourceOf).toEqual({ language: 'strong.json', logLevel: 'weak.json' });
  });

  it('ignores an absent policy file without any issue', () => {
    const missing = jsonPolicySource('/nonexistent/centralita/policy.json');
    expect(collectPolicy([missing])).toEqual({ settings: {}, sourceOf: {}, issues: [] });
  });

  it('keeps valid user values and drops invalid ones from a hand-edited file', () => {
    const { settings, dropped } = sanitiseUserSettings({ language: 'ca', logLevel: 'verbose', extra: 1 });
    expect(settings).toEqual({ language: 'ca' });
    expect(dropped.sort()).toEqual(['extra', 'logLevel']);
  });
});
