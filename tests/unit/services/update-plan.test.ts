import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, type EffectiveSettings, type SettingKey } from '../../../src-common/settings';
import { isPerMachineInstall, planUpdates } from '../../../src-main/services/updates/update-plan';

function settings(values: Partial<EffectiveSettings['values']>, locked: SettingKey[] = []): EffectiveSettings {
  return { values: { ...DEFAULT_SETTINGS, ...values }, locked, policyError: null, policyIssues: [], origins: {} };
}
const perUser = { packaged: true, perMachine: false };
const perMachine = { packaged: true, perMachine: true };

describe('update decisions', () => {
  it('never updates a development run', () => {
    expect(planUpdates(settings({ autoUpdate: 'auto' }, ['autoUpdate']), { packaged: false, perMachine: false })).toEqual({ enabled: false, reason: 'not-packaged' });
  });

  it('is off for a per-machine install unless a policy turns it on', () => {
    expect(planUpdates(settings({}), perMachine)).toEqual({ enabled: false, reason: 'per-machine-install' });
    expect(planUpdates(settings({ autoUpdate: 'auto' }), perMachine)).toEqual({ enabled: false, reason: 'per-machine-install' });
    expect(planUpdates(settings({ autoUpdate: 'auto' }, ['autoUpdate']), perMachine)).toMatchObject({ enabled: true });
  });

  it('is off when the policy or the user says off', () => {
    expect(planUpdates(settings({ autoUpdate: 'off' }, ['autoUpdate']), perUser)).toEqual({ enabled: false, reason: 'off-by-policy' });
    expect(planUpdates(settings({ autoUpdate: 'off' }), perUser)).toEqual({ enabled: false, reason: 'off-by-user' });
  });

  it('follows the channel: stable reads latest, beta reads beta and accepts pre-releases', () => {
    expect(planUpdates(settings({}), perUser)).toMatchObject({ enabled: true, channel: 'latest', allowPrerelease: false });
    expect(planUpdates(settings({ updateChannel: 'beta' }, ['updateChannel']), perUser)).toMatchObject({ enabled: true, channel: 'beta', allowPrerelease: true });
  });

  it('takes the update URL from policy only', () => {
    const url = 'https://updates.example.es/centralita/';
    expect(planUpdates(settings({ updateUrl: url }, ['updateUrl']), perUser)).toMatchObject({ feedUrl: url });
    expect(planUpdates(settings({ updateUrl: url }), perUser)).toMatchObject({ feedUrl: null });
  });

  it('notifies when ready only in notify mode; both modes install on quit, never mid-call', () => {
    expect(planUpdates(settings({ autoUpdate: 'notify' }), perUser)).toMatchObject({ notifyWhenReady: true, autoInstallOnAppQuit: true });
    expect(planUpdates(settings({ autoUpdate: 'auto' }), perUser)).toMatchObject({ notifyWhenReady: false, autoInstallOnAppQuit: true });
  });
});

describe('per-machine installs', () => {
  const env = { ProgramFiles: 'C:\\Program Files', 'ProgramFiles(x86)': 'C:\\Program Files (x86)' };
  it('are Windows installs under Program Files and Linux packages other than AppImage', () => {
    expect(isPerMachineInstall('win32', 'C:\\Program Files\\Centralita\\Centralita.exe', env)).toBe(true);
    expect(isPerMachineInstall('win32', 'c:\\program files (x86)\\Centralita\\Centralita.exe', env)).toBe(true);
    expect(isPerMachineInstall('win32', 'C:\\Users\\ana\\AppData\\Local\\Programs\\Centralita\\Centralita.exe', env)).toBe(false);
    expect(isPerMachineInstall('win32', 'C:\\Program Files Extra\\Centralita.exe', env)).toBe(false);
    expect(isPerMachineInstall('linux', '/opt/Centralita/centralita', {})).toBe(true);
    expect(isPerMachineInstall('linux', '/tmp/.mount_Centra/centralita', { APPIMAGE: '/home/ana/Centralita.AppImage' })).toBe(false);
    expect(isPerMachineInstall('darwin', '/Applications/Centralita.app/Contents/MacOS/Centralita', {})).toBe(false);
  });
});
