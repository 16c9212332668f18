import { describe, expect, it } from 'vitest';
import { ca } from '../../../src-renderer/i18n/ca';
import { en } from '../../../src-renderer/i18n/en';
import { es } from '../../../src-renderer/i18n/es';

type Tree = { readonly [key: string]: string | Tree };

function leaves(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [p, v] of leaves(value, path)) out.set(p, v);
  }
  return out;
}

describe('translations', () => {
  const reference = leaves(es);

  it.each([
    ['ca', ca],
    ['en', en],
  ])('%s has every Spanish key, no extra key and no empty string', (_name, resource) => {
    const other = leaves(resource);
    expect([...other.keys()].sort()).toEqual([...reference.keys()].sort());
    for (const [key, value] of other) expect(value.trim(), key).not.toBe('');
  });

  it.each([
    ['ca', ca],
    ['en', en],
  ])('%s is translated, not a copy of Spanish', (_name, resource) => {
    const other = leaves(resource);
    const same = [...reference].filter(([key, value]) => other.get(key) === value && !key.startsWith('languages.') && key !== 'app.name');
    // A handful of words are the same in both languages (Chat, Agent, Idioma…); most are not.
    expect(same.length).toBeLessThan(reference.size / 10);
  });

  it('keeps interpolation placeholders in every language', () => {
    for (const resource of [ca, en]) {
      const other = leaves(resource);
      for (const [key, value] of reference) {
        const placeholders = value.match(/{{\w+}}/g) ?? [];
        for (const p of placeholders) expect(other.get(key), key).toContain(p);
      }
    }
  });
});
