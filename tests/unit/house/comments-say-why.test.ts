/**
 * Code comments say why the code is so; which issue or wave brought it is history, and history
 * belongs in commit messages. This keeps issue numbers out of the source and the tests.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOTS = ['src-common', 'src-hub', 'src-main', 'src-phone', 'src-renderer', 'src-widget', 'tests', 'bench', 'scripts'];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (name === 'node_modules' || name === 'fixtures') return [];
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return /\.(ts|tsx|mjs|cjs|js|css|sh)$/.test(name) ? [full] : [];
  });
}

describe('comments', () => {
  it('name no issue, wave or ticket number', () => {
    const history = /\b(issue|wave|ticket)\s+#?\d+/i;
    const self = path.join('tests', 'unit', 'house', 'comments-say-why.test.ts');
    const offenders = ROOTS.flatMap(sourceFiles)
      .filter((file) => file !== self)
      .flatMap((file) =>
        readFileSync(file, 'utf8')
          .split('\n')
          .flatMap((line, index) => (history.test(line) ? [`${file}:${index + 1}: ${line.trim()}`] : [])),
      );
    expect(offenders).toEqual([]);
  });
});
