/**
 * Policy where IT puts it. The Windows registry cannot be reached here, so a stand-in reader
 * holds values as Windows stores them (REG_SZ / REG_DWORD bytes) and hands them over through
 * native-reg's own parser, exactly as the real reader does after RegQueryValueEx. macOS managed
 * preferences are real plist files in a temporary folder, including the sample profile's payload.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as reg from 'native-reg';
import plist from 'plist';
import { afterAll, describe, expect, it } from 'vitest';
import { SETTING_KEYS } from '../../../src-common/settings';
import { collectPolicy, effectiveSettings } from '../../../src-main/services/settings/effective-settings';
import {
  jsonPolicySource,
  managedPreferencesPaths,
  managedPreferencesSource,
  platformPolicySources,
  POLICY_REGISTRY_KEY,
  type RegistryHive,
  type RegistryReader,
} from '../../../src-main/services/settings/policy-sources';

const dir = mkdtempSync(path.join(tmpdir(), 'centralita-policy-sources-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const sz = (text: string): reg.Value => Object.assign(reg.formatString(text), { type: reg.ValueType.SZ });
const dword = (n: number): reg.Value => Object.assign(reg.formatDWORD(n), { type: reg.ValueType.DWORD });

/** A registry holding raw values per hive under the policy key, read back through native-reg's parser. */
function standInRegistry(hives: Partial<Record<RegistryHive, Record<string, reg.Value>>>): RegistryReader & { asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    values(hive, subKey) {
      asked.push(`${hive}\\${subKey}`);
      const values = subKey === POLICY_REGISTRY_KEY ? hives[hive] : undefined;
      if (!values) return null;
      return Object.entries(values).map(([name, raw]) => ({ name, value: reg.parseValue(raw) as string | number }));
    },
  };
}

describe('Windows policy from the registry', () => {
  it('reads what a GPO wrote under HKLM: strings as strings, DWORD 1/0 as on/off, and locks them', () => {
    const registry = standInRegistry({ HKLM: { hubUrl: sz('https://hub.example.es'), notifications: dword(0), autoUpdate: sz('off') } });
    const sources = platformPolicySources({ platform: 'win32', jsonPath: null, bundleId: 'com.centralita.desktop', userName: null, registry });
    const result = effectiveSettings({}, collectPolicy(sources));
    expect(result.values.hubUrl).toBe('https://hub.example.es');
    expect(result.values.notifications).toBe(false);
    expect(result.values.autoUpdate).toBe('off');
    expect([...result.locked].sort()).toEqual(['autoUpdate', 'hubUrl', 'notifications']);
    expect(result.origins.hubUrl).toBe('HKLM\\Software\\Policies\\Centralita');
    expect(registry.asked).toEqual(['HKLM\\Software\\Policies\\Centralita', 'HKCU\\Software\\Policies\\Centralita']);
  });

  it('reads the ringer volume as the number the ADMX decimal writes (a DWORD), and refuses one out of range', () => {
    const forced = (volume: number) => {
      const registry = standInRegistry({ HKLM: { ringerVolume: dword(volume), ringtone: sz('soft'), ringerId: sz('default') } });
      return effectiveSettings({}, collectPolicy(platformPolicySources({ platform: 'win32', jsonPath: null, bundleId: 'x', userName: null, registry })));
    };
    const ok = forced(35);
    expect(ok.values).toMatchObject({ ringerVolume: 35, ringtone: 'soft', ringerId: 'default' });
    expect([...ok.locked].sort()).toEqual(['ringerId', 'ringerVolume', 'ringtone']);
    const loud = forced(250);
    expect(loud.policyIssues.map((issue) => issue.key)).toEqual(['ringerVolume']);
    expect(loud.locked).not.toContain('ringerVolume');
  });

  it('lets HKLM win over HKCU for the same key, and takes from HKCU what HKLM leaves unset', () => {
    const registry = standInRegistry({ HKLM: { language: sz('ca') }, HKCU: { language: sz('en'), logLevel: sz('debug') } });
    const policy = collectPolicy(platformPolicySources({ platform: 'win32', jsonPath: null, bundleId: 'x', userName: null, registry }));
    expect(policy.settings).toEqual({ language: 'ca', logLevel: 'debug' });
    expect(policy.sourceOf.logLevel).toBe('HKCU\\Software\\Policies\\Centralita');
  });

  it('rejects a misspelt value name and a DWORD where a string belongs, naming key and hive; the rest applies', () => {
    const registry = standInRegistry({ HKLM: { hubURL: sz('https://typo.example'), language: dword(1), updateChannel: sz('beta') } });
    const result = effectiveSettings({}, collectPolicy(platformPolicySources({ platform: 'win32', jsonPath: null, bundleId: 'x', userName: null, registry })));
    expect(result.values.updateChannel).toBe('beta');
    expect(result.locked).toEqual(['updateChannel']);
    expect(result.policyIssues.map((issue) => [issue.key, issue.source])).toEqual([
      ['hubURL', 'HKLM\\Software\\Policies\\Centralita'],
      ['language', 'HKLM\\Software\\Policies\\Centralita'],
    ]);
  });

  it('falls back to the JSON file for keys the registry does not set', () => {
    const json = path.join(dir, 'win-policy.json');
    writeFileSync(json, JSON.stringify({ settings: { logLevel: 'warn', language: 'en' } }));
    const registry = standInRegistry({ HKLM: { language: sz('es') } });
    const policy = collectPolicy(platformPolicySources({ platform: 'win32', jsonPath: json, bundleId: 'x', userName: null, registry }));
    expect(policy.settings).toEqual({ language: 'es', logLevel: 'warn' });
    expect(policy.sourceOf).toEqual({ language: 'HKLM\\Software\\Policies\\Centralita', logLevel: json });
  });

  it('reports a registry that cannot be read as a failed source, not a crash', () => {
    const broken: RegistryReader = {
      values: () => {
        throw new Error('access denied');
      },
    };
    const policy = collectPolicy(platformPolicySources({ platform: 'win32', jsonPath: null, bundleId: 'x', userName: null, registry: broken }));
    expect(policy.issues.map((issue) => issue.source)).toEqual(['HKLM\\Software\\Policies\\Centralita', 'HKCU\\Software\\Policies\\Centralita']);
    expect(policy.issues[0]?.message).toContain('access denied');
  });
});

describe('macOS managed preferences', () => {
  it('looks in the user-scoped file first, then the computer-wide one, for the bundle id', () => {
    expect(managedPreferencesPaths('com.centralita.desktop', 'ana')).toEqual([
      '/Library/Managed Preferences/ana/com.centralita.desktop.plist',
      '/Library/Managed Preferences/com.centralita.desktop.plist',
    ]);
    const names = platformPolicySources({ platform: 'darwin', jsonPath: '/Library/Application Support/Centralita/policy.json', bundleId: 'com.centralita.desktop', userName: 'ana', registry: null }).map((s) => s.name);
    expect(names).toEqual([...managedPreferencesPaths('com.centralita.desktop', 'ana'), '/Library/Application Support/Centralita/policy.json']);
  });

  it('applies the sample profile payload as macOS installs it, with no issue, locking every key', () => {
    const profile = plist.parse(readFileSync(path.resolve(import.meta.dirname, '../../../resources/policy/macos/Centralita.mobileconfig'), 'utf8')) as {
      PayloadContent: plist.PlistObject[];
    };
    const payload = profile.PayloadContent[0] as plist.PlistObject;
    const file = path.join(dir, 'com.centralita.desktop.plist');
    writeFileSync(file, plist.build(payload));
    const result = effectiveSettings({}, collectPolicy([managedPreferencesSource(file)]));
    expect(result.policyIssues).toEqual([]);
    expect([...result.locked].sort()).toEqual([...SETTING_KEYS].sort());
    expect(result.values.updateUrl).toBe('https://updates.example.es/centralita');
  });

  it('rejects only the wrong key of a managed plist and reads binary plists through the converter', () => {
    const file = path.join(dir, 'binary.plist');
    writeFileSync(file, Buffer.concat([Buffer.from('bplist00'), Buffer.alloc(16)]));
    const xml = plist.build({ notifications: 'yes', keyboardShortcuts: false, autoUpdat: 'off' });
    const source = managedPreferencesSource(file, { readFile: (f) => readFileSync(f), binaryToXml: () => xml });
    const policy = collectPolicy([source]);
    expect(policy.settings).toEqual({ keyboardShortcuts: false });
    expect(policy.issues.map((issue) => issue.key)).toEqual(['notifications', 'autoUpdat']);
    expect(policy.issues.every((issue) => issue.source === file)).toBe(true);
  });

  it('ignores a missing managed plist and reports a damaged one', () => {
    const damaged = path.join(dir, 'damaged.plist');
    writeFileSync(damaged, '<plist><dict><key>language</key>');
    const policy = collectPolicy([managedPreferencesSource(path.join(dir, 'absent.plist')), managedPreferencesSource(damaged), jsonPolicySource(path.join(dir, 'none.json'))]);
    expect(policy.issues).toEqual([expect.objectContaining({ key: null, source: damaged })]);
  });
});
