/**
 * Proves the runtime layering rule of docs/ARCHITECTURE.md fires: the project's own
 * eslint.config.js, through the ESLint Node API, on code placed (virtually) in each folder.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../../..');
const eslint = new ESLint({ cwd: root, overrideConfigFile: path.join(root, 'eslint.config.js') });

/** Lints `code` as if it were the file at `filePath` (relative to the repo) and returns its rule ids. */
async function ruleIds(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, filePath), warnIgnored: true });
  return (result?.messages ?? []).map((m) => `${m.ruleId ?? 'fatal'}: ${m.message}`);
}

const restricted = (ids: string[]): string[] => ids.filter((id) => id.startsWith('no-restricted-imports'));

describe('runtime layering lint rule', () => {
  it('fails renderer code that imports node:fs (the fixture file)', async () => {
    const fixture = readFileSync(path.join(root, 'tests/fixtures/layering/renderer-imports-node-fs.ts'), 'utf8');
    const ids = await ruleIds('src-renderer/fixture.ts', fixture);
    expect(restricted(ids)).toHaveLength(1);
    expect(restricted(ids)[0]).toMatch(/node:fs.*browser/);
  });

  it.each([
    ['src-renderer/fixture.ts', "import { app } from 'electron';\nexport const a = app;\n"],
    ['src-phone/fixture.ts', "import Database from 'better-sqlite3';\nexport const d = Database;\n"],
    ['src-renderer/fixture.ts', "import { createMainServices } from '../src-main/services';\nexport const c = createMainServices;\n"],
    ['src-common/fixture.ts', "import { useState } from 'react';\nexport const u = useState;\n"],
    ['src-common/fixture.ts', "import path from 'path';\nexport const p = path;\n"],
    ['src-hub/fixture.ts', "import type { MainServices } from '../src-main/services/main-services';\nexport type M = MainServices;\n"],
    ['src-main/services/fixture.ts', "import { app } from 'electron';\nexport const a = app;\n"],
    ['src-main/services/fixture.ts', "import { startShell } from '../electron/shell';\nexport const s = startShell;\n"],
    ['src-main/web/fixture.ts', "import { startHub } from '../../src-hub/embedded';\nexport const s = startHub;\n"],
    ['src-main/electron/fixture.ts', "import { startHub } from '../../src-hub/embedded';\nexport const s = startHub;\n"],
  ])('fails %s importing across the layering: %j', async (filePath, code) => {
    // One import may trip both the module-name and the folder form of the rule; at least one must.
    expect(restricted(await ruleIds(filePath, code)).length).toBeGreaterThan(0);
  });

  it('passes clean renderer code, so the rule is not simply failing everything', async () => {
    const clean = [
      "import { z } from 'zod';",
      "import { IPC_OP_NAMES } from '../src-common/ipc';",
      'export const ops = z.array(z.string()).parse(IPC_OP_NAMES);',
      '',
    ].join('\n');
    expect(await ruleIds('src-renderer/fixture.ts', clean)).toEqual([]);
  });

  it('lets the Electron shell import electron and main services', async () => {
    const shell = "import { app } from 'electron';\nimport type { MainServices } from '../services/main-services';\nexport type S = MainServices;\nexport const a = app;\n";
    expect(await ruleIds('src-main/electron/fixture.ts', shell)).toEqual([]);
  });
});
