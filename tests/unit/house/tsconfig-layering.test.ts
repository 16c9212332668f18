/**
 * The type-level half of the layering (VS Code does the same): each runtime compiles with only
 * the globals it really has, so `process` in renderer code or `document` in the hub fails
 * `npm run typecheck` even before lint runs.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../../..');
interface TsConfig {
  compilerOptions?: { lib?: string[]; types?: string[] };
  include?: string[];
}
const read = (name: string): TsConfig => JSON.parse(readFileSync(path.join(root, name), 'utf8')) as TsConfig;
const hasDom = (config: TsConfig): boolean => (config.compilerOptions?.lib ?? []).some((lib) => lib.toUpperCase().startsWith('DOM'));

describe('one tsconfig per runtime', () => {
  it('renderer and phone get the DOM and no ambient Node types', () => {
    const web = read('tsconfig.web.json');
    expect(hasDom(web)).toBe(true);
    expect(web.compilerOptions?.types).toEqual([]);
    expect(web.include?.filter((p) => /src-(main|hub)/.test(p))).toEqual([]);
  });

  it('hub, main services, web host and launcher get Node types and no DOM', () => {
    const node = read('tsconfig.node.json');
    expect(hasDom(node)).toBe(false);
    expect(node.compilerOptions?.types).toEqual(['node']);
    expect(node.include?.filter((p) => /src-(renderer|phone)|src-main\/electron/.test(p))).toEqual([]);
  });

  it('common code gets neither DOM nor Node', () => {
    const common = read('tsconfig.common.json');
    expect(hasDom(common)).toBe(false);
    expect(common.compilerOptions?.types).toEqual([]);
    expect(common.include).toEqual(['src-common']);
  });

  it('only the Electron config sees the shell', () => {
    for (const name of ['tsconfig.node.json', 'tsconfig.web.json', 'tsconfig.common.json']) {
      expect(read(name).include?.some((p) => p.includes('src-main/electron')), name).toBe(false);
    }
    expect(read('tsconfig.electron.json').include).toContain('src-main/electron');
  });
});
