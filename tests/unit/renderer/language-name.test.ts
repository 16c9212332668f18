/** Customers' languages show by name, in their own language, never as a raw code. */
import { describe, expect, it } from 'vitest';
import { languageName } from '../../../src-renderer/format/language-name';

describe('language names', () => {
  it('names the desktop languages as their speakers do', () => {
    expect(languageName('es')).toBe('Español');
    expect(languageName('ca')).toBe('Català');
    expect(languageName('en')).toBe('English');
    expect(languageName('fr')).toBe('Français');
  });

  it('keeps a tag nobody can name instead of failing', () => {
    expect(languageName('zz-not a tag')).toBe('zz-not a tag');
    expect(languageName('')).toBe('');
  });
});
