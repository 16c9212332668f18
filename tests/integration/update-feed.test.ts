/**
 * Updates under control, end to end without Electron: the plan (channel, feed URL from policy,
 * off) is applied to electron-updater's own AppUpdater, which runs in Node with a stand-in for
 * the installed app (electron-updater's AppAdapter) and fetches release metadata generated like
 * electron-builder's from a local update server on 127.0.0.1. Its real staging check decides
 * the staged rollout from the metadata's stagingPercentage and the install's id.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { request, type ClientRequest, type RequestOptions } from 'node:http';
import path from 'node:path';
import { HttpExecutor } from 'builder-util-runtime';
import { NsisUpdater } from 'electron-updater';
import type { AppAdapter } from 'electron-updater/out/AppAdapter.js';
import { parseUpdateInfo } from 'electron-updater/out/providers/Provider.js';
import { parse } from 'yaml';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, type EffectiveSettings, type SettingKey } from '../../src-common/settings';
import { configureUpdater } from '../../src-main/services/updates/configure-updater';
import { planUpdates, type UpdatePlan } from '../../src-main/services/updates/update-plan';
import { TempDirs } from './helpers/temp-dirs';
import { channelFile, installerName, releaseMetadata, startUpdateServer, type UpdateServer } from './helpers/update-server';

const platform = process.platform;
const temp = new TempDirs();
let itServer: UpdateServer;
let builtInServer: UpdateServer;

beforeAll(async () => {
  itServer = await startUpdateServer();
  builtInServer = await startUpdateServer();
  for (const server of [itServer, builtInServer]) {
    server.publish('latest', { version: '1.1.0', installer: Buffer.from('stable installer 1.1.0') }, platform);
    server.publish('beta', { version: '1.2.0-beta.1', installer: Buffer.from('beta installer 1.2.0-beta.1') }, platform);
  }
});
afterAll(async () => {
  await itServer?.close();
  await builtInServer?.close();
});
afterEach(() => {
  itServer.requests.length = 0;
  builtInServer.requests.length = 0;
  temp.cleanup();
});

class LoopbackHttpExecutor extends HttpExecutor<ClientRequest> {
  createRequest(options: RequestOptions, callback: (response: unknown) => void): ClientRequest {
    return request(options, callback);
  }
}

/** An installed Centralita 1.0.0 whose app-update.yml points at the built-in feed; `installId` is its rollout id. */
function installedApp(installId: string | null): NsisUpdater {
  const dir = temp.make('centralita-updater-');
  const appUpdateConfigPath = path.join(dir, 'resources', 'app-update.yml');
  mkdirSync(path.dirname(appUpdateConfigPath), { recursive: true });
  writeFileSync(appUpdateConfigPath, `provider: generic\nurl: ${builtInServer.url}\nchannel: latest\nupdaterCacheDirName: centralita-updater\n`);
  if (installId) writeFileSync(path.join(dir, '.updaterId'), installId);
  const app: AppAdapter = {
    version: '1.0.0',
    name: 'Centralita',
    isPackaged: true,
    appUpdateConfigPath,
    userDataPath: dir,
    baseCachePath: dir,
    whenReady: () => Promise.resolve(),
    relaunch: () => undefined,
    quit: () => undefined,
    onQuit: () => undefined,
  };
  const updater = new NsisUpdater(null, app);
  (updater as unknown as { httpExecutor: HttpExecutor<ClientRequest> }).httpExecutor = new LoopbackHttpExecutor();
  updater.logger = null;
  return updater;
}

function settingsWith(values: Partial<EffectiveSettings['values']>, locked: SettingKey[]): EffectiveSettings {
  return { values: { ...DEFAULT_SETTINGS, ...values }, locked, policyError: null, policyIssues: [], origins: {} };
}

async function check(plan: UpdatePlan, installId: string | null = null) {
  if (!plan.enabled) throw new Error(`updates are off: ${plan.reason}`);
  const updater = installedApp(installId);
  // Only the check is under test: nothing is downloaded or installed.
  configureUpdater(updater, { ...plan, autoDownload: false, autoInstallOnAppQuit: false });
  const result = await updater.checkForUpdates();
  if (!result) throw new Error('the updater did not check');
  return result;
}

const policyInstall = { packaged: true, perMachine: true };

describe('release metadata', () => {
  it('is what electron-updater parses: version, files with sha512 and size, staging percentage', () => {
    const text = releaseMetadata({ version: '1.1.0', installer: Buffer.from('x'), stagingPercentage: 25 }, 'win32');
    const info = parseUpdateInfo(text, 'latest.yml', new URL('http://127.0.0.1/latest.yml'));
    expect(info.version).toBe('1.1.0');
    expect(info.stagingPercentage).toBe(25);
    expect(info.files).toEqual([{ url: installerName('1.1.0', 'win32'), sha512: expect.any(String), size: 1 }]);
    expect(parse(text)).toMatchObject({ path: installerName('1.1.0', 'win32') });
  });
});

describe('update decisions against a local update server', () => {
  it('stable channel from the policy server: reads latest*.yml there and offers 1.1.0', async () => {
    const plan = planUpdates(settingsWith({ autoUpdate: 'auto', updateUrl: itServer.url }, ['autoUpdate', 'updateUrl']), policyInstall);
    const result = await check(plan);
    expect(result.isUpdateAvailable).toBe(true);
    expect(result.updateInfo.version).toBe('1.1.0');
    expect(itServer.requests.at(0)).toBe(`/centralita/${channelFile('latest', platform)}`);
    expect(builtInServer.requests).toEqual([]);
  });

  it('beta channel reads beta*.yml and offers the pre-release', async () => {
    const plan = planUpdates(settingsWith({ autoUpdate: 'notify', updateChannel: 'beta', updateUrl: itServer.url }, ['autoUpdate', 'updateChannel', 'updateUrl']), policyInstall);
    const result = await check(plan);
    expect(itServer.requests.at(0)).toBe(`/centralita/${channelFile('beta', platform)}`);
    expect(result.isUpdateAvailable).toBe(true);
    expect(result.updateInfo.version).toBe('1.2.0-beta.1');
  });

  it('ignores an update URL that only a user file set, and keeps the built-in feed', async () => {
    const plan = planUpdates(settingsWith({ autoUpdate: 'auto', updateUrl: itServer.url }, []), { packaged: true, perMachine: false });
    const result = await check(plan);
    expect(result.updateInfo.version).toBe('1.1.0');
    expect(itServer.requests).toEqual([]);
    expect(builtInServer.requests.at(0)).toBe(`/centralita/${channelFile('latest', platform)}`);
  });

  it('staged rollout: at 50 % an install inside the stage gets 1.1.0 and one outside does not; at 0 % nobody does', async () => {
    const server = await startUpdateServer();
    try {
      const plan = planUpdates(settingsWith({ autoUpdate: 'auto', updateUrl: server.url }, ['autoUpdate', 'updateUrl']), policyInstall);
      server.publish('latest', { version: '1.1.0', installer: Buffer.from('staged'), stagingPercentage: 50 }, platform);
      // electron-updater places an install by the last 4 bytes of its id: 0 is first in line, 0xfffffffe near the end.
      const early = '00000000-0000-4000-8000-000000000000';
      const late = 'ffffffff-ffff-4fff-bfff-fffffffffffe';
      expect((await check(plan, early)).isUpdateAvailable).toBe(true);
      expect((await check(plan, late)).isUpdateAvailable).toBe(false);
      server.publish('latest', { version: '1.1.0', installer: Buffer.from('staged'), stagingPercentage: 0 }, platform);
      expect((await check(plan, early)).isUpdateAvailable).toBe(false);
      server.publish('latest', { version: '1.1.0', installer: Buffer.from('staged'), stagingPercentage: 100 }, platform);
      expect((await check(plan, late)).isUpdateAvailable).toBe(true);
    } finally {
      await server.close();
    }
  });
});
