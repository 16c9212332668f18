/**
 * The IT policy templates ship in the installer (resources/policy). They must cover every
 * setting, offer exactly the values the app accepts, and be well-formed, or a GPO admin gets a
 * broken template and a silently ignored policy. The ADMX, its three ADMLs, the sample macOS
 * profile and the settings schema must all name the same keys.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DOMParser } from '@xmldom/xmldom';
import plist from 'plist';
import { describe, expect, it } from 'vitest';
import { PolicyFile, SETTING_KEYS, Settings } from '../../../src-common/settings';

const dir = path.resolve(import.meta.dirname, '../../../resources/policy');

function parseXml(file: string): Document {
  const errors: string[] = [];
  const doc = new DOMParser({
    errorHandler: { warning: () => undefined, error: (m: string) => errors.push(m), fatalError: (m: string) => errors.push(m) },
  }).parseFromString(readFileSync(path.join(dir, file), 'utf8'), 'text/xml');
  expect(errors, `${file} is not well-formed XML`).toEqual([]);
  return doc;
}

const elements = (doc: Document | Element, tag: string): Element[] => Array.from(doc.getElementsByTagName(tag));
const admx = parseXml('windows/Centralita.admx');
const admls = ['windows/en-US/Centralita.adml', 'windows/es-ES/Centralita.adml', 'windows/ca-ES/Centralita.adml'].map((file) => ({ file, doc: parseXml(file) }));

describe('IT policy templates', () => {
  it('the example policy.json is a valid policy file', () => {
    const parsed = PolicyFile.safeParse(JSON.parse(readFileSync(path.join(dir, 'policy.example.json'), 'utf8')));
    expect(parsed.success, parsed.success ? '' : JSON.stringify(parsed.error.issues)).toBe(true);
  });

  it('the ADMX has one machine policy per setting, named and valued like the setting key', () => {
    const policies = elements(admx, 'policy');
    expect(policies.map((p) => p.getAttribute('name')).sort()).toEqual([...SETTING_KEYS].sort());
    for (const policy of policies) {
      const name = policy.getAttribute('name') ?? '';
      expect(policy.getAttribute('class')).toBe('Machine');
      expect(policy.getAttribute('key')).toBe('Software\\Policies\\Centralita');
      const valueNames = [policy.getAttribute('valueName'), ...elements(policy, '*').map((e) => e.getAttribute('valueName'))].filter(Boolean);
      expect(valueNames, name).toEqual([name]);
    }
  });

  it('enum policies offer exactly the values the app accepts', () => {
    for (const list of elements(admx, 'enum')) {
      const key = list.getAttribute('valueName') as keyof typeof Settings.shape;
      const offered = elements(list, 'string').map((s) => s.textContent);
      const schema = Settings.shape[key];
      expect('options' in schema ? schema.options : null, key).toEqual(offered);
    }
  });

  it('every string and presentation the ADMX names exists in each ADML', () => {
    const text = readFileSync(path.join(dir, 'windows/Centralita.admx'), 'utf8');
    const strings = new Set([...text.matchAll(/\$\(string\.([^)]+)\)/g)].map((m) => m[1]));
    const presentations = new Set([...text.matchAll(/\$\(presentation\.([^)]+)\)/g)].map((m) => m[1]));
    expect(strings.size).toBeGreaterThan(SETTING_KEYS.length);
    for (const { file, doc } of admls) {
      const ids = new Set(elements(doc, 'string').map((s) => s.getAttribute('id')));
      const presIds = new Set(elements(doc, 'presentation').map((s) => s.getAttribute('id')));
      expect([...strings].filter((id) => !ids.has(id ?? '')), file).toEqual([]);
      expect([...presentations].filter((id) => !presIds.has(id ?? '')), file).toEqual([]);
    }
  });

  it('the ADMX, each ADML, the sample .mobileconfig and the settings schema list the same keys', () => {
    const keys = [...SETTING_KEYS].sort();
    expect(elements(admx, 'policy').map((p) => p.getAttribute('name')).sort(), 'ADMX').toEqual(keys);
    for (const { file, doc } of admls) {
      const ids = new Set(elements(doc, 'string').map((s) => s.getAttribute('id')));
      const presented = new Set(elements(doc, 'presentation').map((s) => s.getAttribute('id')));
      expect(keys.filter((key) => !ids.has(key) || !ids.has(`${key}_Explain`)), `${file} strings`).toEqual([]);
      // Every ADMX policy with a presentation (text, enum) has it in this language too.
      const needPresentation = elements(admx, 'policy').filter((p) => p.getAttribute('presentation')).map((p) => p.getAttribute('name') ?? '');
      expect(needPresentation.filter((key) => !presented.has(key)), `${file} presentations`).toEqual([]);
    }
    expect(Object.keys(mobileconfigPayload()).filter((key) => !key.startsWith('Payload')).sort(), 'mobileconfig').toEqual(keys);
  });

  it('the sample .mobileconfig payload is aimed at the app bundle id and every value is valid', () => {
    const payload = mobileconfigPayload();
    expect(payload.PayloadType).toBe('com.centralita.desktop');
    const settings = Object.fromEntries(Object.entries(payload).filter(([key]) => !key.startsWith('Payload')));
    const parsed = Settings.strict().safeParse(settings);
    expect(parsed.success, parsed.success ? '' : JSON.stringify(parsed.error.issues)).toBe(true);
  });
});

function mobileconfigPayload(): Record<string, unknown> {
  const profile = plist.parse(readFileSync(path.join(dir, 'macos/Centralita.mobileconfig'), 'utf8')) as { PayloadContent: Array<Record<string, unknown>> };
  const payload = profile.PayloadContent.find((p) => p.PayloadType === 'com.centralita.desktop');
  expect(payload, 'a payload for com.centralita.desktop').toBeDefined();
  return payload ?? {};
}
