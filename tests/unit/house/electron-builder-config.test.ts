/**
 * electron-builder.yml is only read when someone packages a release, which never happens on
 * this machine; this test makes a typo or a dropped security setting fail `npm test` instead.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../../..');
const configText = readFileSync(path.join(root, 'electron-builder.yml'), 'utf8');
type Config = Record<string, unknown> & {
  electronFuses?: Record<string, boolean>;
  msi?: Record<string, unknown>;
  nsis?: Record<string, unknown>;
  mac?: Record<string, unknown>;
  linux?: Record<string, unknown>;
  win?: Record<string, unknown>;
  files?: string[];
  extraResources?: Array<{ from: string; to: string }>;
  protocols?: Array<{ name: string; schemes: string[] }>;
  publish?: Record<string, unknown>;
};
const loadConfig = (): Config => parse(configText) as Config;

const schema: unknown = JSON.parse(readFileSync(path.join(root, 'node_modules/app-builder-lib/scheme.json'), 'utf8'));
// strict: false because electron-builder's schema uses annotations ajv does not know.
const validate: ValidateFunction = new Ajv({ strict: false, allErrors: true }).compile(schema as object);

function problems(config: unknown): string[] {
  return validate(config) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`);
}

describe('electron-builder.yml', () => {
  it("is valid against electron-builder's own schema", () => {
    expect(problems(loadConfig())).toEqual([]);
  });

  it('fails validation on a misspelt key, a wrong type, or a misspelt fuse', () => {
    const typoKey = { ...loadConfig(), appid: 'com.centralita.desktop' };
    expect(problems(typoKey).join('\n')).toMatch(/additionalProperty.*appid/);

    const wrongType = { ...loadConfig(), asar: 'yes please' };
    expect(problems(wrongType).join('\n')).toMatch(/^\/asar /m);

    const config = loadConfig();
    const nestedTypo = { ...config, nsis: { ...config.nsis, perMachin: true } };
    expect(problems(nestedTypo).join('\n')).toMatch(/perMachin/);

    const fuseTypo = { ...config, electronFuses: { ...config.electronFuses, runAsnode: false } };
    expect(problems(fuseTypo).join('\n')).toMatch(/runAsnode/);
  });

  it('sets every security fuse explicitly, the way the house requires', () => {
    expect(loadConfig().electronFuses).toMatchObject({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
    });
  });

  it('builds per-machine Windows installers with a fixed MSI upgrade code', () => {
    const config = loadConfig();
    expect(config.appId).toBe('com.centralita.desktop');
    expect(config.productName).toBe('Centralita');
    expect(config.win?.target).toEqual(['nsis', 'msi']);
    expect(config.nsis?.perMachine).toBe(true);
    expect(config.msi?.perMachine).toBe(true);
    expect(String(config.msi?.upgradeCode)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);
    expect(config.mac?.hardenedRuntime).toBe(true);
    expect(config.linux?.target).toEqual(['AppImage', 'deb', 'rpm']);
  });

  it('registers tel: and sip: links and a generic update feed', () => {
    const config = loadConfig();
    expect(config.protocols?.flatMap((p) => p.schemes)).toEqual(expect.arrayContaining(['tel', 'sip']));
    expect(config.publish).toMatchObject({ provider: 'generic' });
  });

  it('builds what electron-updater needs: a mac zip (Squirrel.Mac updates from it) and beta*.yml with every release', () => {
    const config = loadConfig();
    expect(config.mac?.target).toEqual(expect.arrayContaining(['zip', 'dmg']));
    expect(config.generateUpdatesFilesForAllChannels).toBe(true);
  });

  it('ships the built app but no source, tests or dev dependencies', () => {
    const files = loadConfig().files ?? [];
    expect(files).toEqual(expect.arrayContaining(['package.json', 'dist/main/**/*', 'dist/renderer/**/*', '!node_modules/**/*']));
    expect(files.filter((f) => /^(src-|tests|bench|scripts)/.test(f))).toEqual([]);
    // The native module must come back in after node_modules is excluded, or the app cannot open its cache.
    expect(files.some((f) => f.startsWith('node_modules/better-sqlite3/'))).toBe(true);
    // The cache worker runs from app.asar.unpacked (see src-main/electron/bundle-layout.ts).
    expect(loadConfig().asarUnpack).toEqual(expect.arrayContaining(['**/*.node', 'dist/node/cache-worker.mjs']));
    const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { main: string };
    expect(pkg.main).toBe('dist/main/electron-main.cjs');
  });

  it('points only at files that exist in the repository', () => {
    const config = loadConfig();
    const referenced = [
      String(config.icon),
      String(config.mac?.entitlements),
      String(config.mac?.entitlementsInherit),
      ...(config.extraResources ?? []).map((r) => r.from),
      'resources/icons/tray.png',
    ];
    for (const file of referenced) expect(existsSync(path.join(root, file)), file).toBe(true);
  });
});
