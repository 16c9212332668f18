/**
 * Error codes are defined once (src-common/result.ts ERROR_CODES): the type, the wire schema and
 * the renderer's check all come from it, so a new code cannot reach one side and not the other.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppErrorSchema } from '../../../src-common/protocol';
import { ERROR_CODES } from '../../../src-common/result';

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(name) ? [full] : [];
  });
}

describe('error codes', () => {
  it('are listed in one place only', () => {
    // A list of codes (an array, a union or a z.enum) starts like this wherever it is written out.
    const list = /'bad-request'\s*[,|]\s*'unauthenticated'/;
    const lists = ['src-common', 'src-hub', 'src-main', 'src-phone', 'src-renderer', 'src-widget']
      .flatMap(sourceFiles)
      .filter((file) => list.test(readFileSync(file, 'utf8')));
    expect(lists).toEqual([path.join('src-common', 'result.ts')]);
  });

  it('the wire schema accepts exactly those codes', () => {
    for (const code of ERROR_CODES) expect(AppErrorSchema.safeParse({ code, message: 'x' }).success).toBe(true);
    expect(AppErrorSchema.safeParse({ code: 'teapot', message: 'x' }).success).toBe(false);
  });
});
