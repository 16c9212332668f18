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

  it('fails phone code that imports the renderer (the fixture file)', async () => {
    const fixture = readFileSync(path.join(root, 'tests/fixtures/layering/phone-imports-renderer.ts'), 'utf8');
    const ids = restricted(await ruleIds('src-phone/host/fixture.ts', fixture));
    expect(ids).toHaveLength(1);
    expect(ids[0]).toMatch(/app-store.*phone runs in a browser and serves the renderer/);
  });

  it('fails chat widget code that imports the phone or the renderer (the fixture file)', async () => {
    const fixture = readFileSync(path.join(root, 'tests/fixtures/layering/widget-imports-desktop.ts'), 'utf8');
    const ids = restricted(await ruleIds('src-widget/fixture.ts', fixture));
    expect(ids).toHaveLength(2);
    expect(ids[0]).toMatch(/src-phone\/host\/call-alerts.*imports src-common only/);
    expect(ids[1]).toMatch(/src-renderer\/log.*imports src-common only/);
  });

  it.each([
    ['src-phone/window/fixture.ts', "import type { PhoneState } from '../../src-renderer/phone/phone-state';\nexport type S = PhoneState;\n"],
    ['src-phone/host/fixture.ts', "import { WIDGET_STRINGS } from '../../src-widget/widget-strings';\nexport const w = WIDGET_STRINGS;\n"],
    ['src-widget/fixture.ts', "import { useState } from 'react';\nexport const u = useState;\n"],
    ['src-widget/fixture.ts', "import { UserAgent } from 'sip.js';\nexport const u = UserAgent;\n"],
    ['src-widget/fixture.ts', "import { startHub } from '../src-hub/embedded';\nexport const s = startHub;\n"],
  ])('fails %s crossing from the phone or the widget: %j', async (filePath, code) => {
    expect(restricted(await ruleIds(filePath, code)).length).toBeGreaterThan(0);
  });

  it('passes clean phone code: the engine, its own audio and the shared host contract', async () => {
    const clean = [
      "import type { PhoneHost } from '../../src-common/phone-host';",
      "import { TonePlayer } from '../audio/tone-player';",
      "import type { PhoneEngine } from '../engine/phone-engine';",
      'export type Parts = [PhoneHost, TonePlayer, PhoneEngine];',
      '',
    ].join('\n');
    expect(await ruleIds('src-phone/host/fixture.ts', clean)).toEqual([]);
  });

  it('passes clean widget code that uses only src-common', async () => {
    const clean = "import { z } from 'zod';\nimport { splitLinks } from '../src-common/chat-links';\nexport const parts = z.array(z.string()).parse(splitLinks('a').map(String));\n";
    expect(await ruleIds('src-widget/fixture.ts', clean)).toEqual([]);
  });

  it('lets the renderer use the phone host the phone exports', async () => {
    const renderer = "import { createPagePhoneHost } from '../../src-phone/host/page-phone-host';\nexport const c = createPagePhoneHost;\n";
    expect(await ruleIds('src-renderer/phone/fixture.ts', renderer)).toEqual([]);
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
