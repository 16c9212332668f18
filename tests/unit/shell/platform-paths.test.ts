import { describe, expect, it } from 'vitest';
import { machinePolicyPath, policyPathFor } from '../../../src-main/electron/platform-paths';

describe('IT policy file location', () => {
  it('is a machine-wide path on each OS', () => {
    expect(machinePolicyPath('win32', { ProgramData: 'D:\\ProgramData' })).toBe('D:\\ProgramData\\Centralita\\policy.json');
    expect(machinePolicyPath('darwin', {})).toBe('/Library/Application Support/Centralita/policy.json');
    expect(machinePolicyPath('linux', {})).toBe('/etc/centralita/policy.json');
  });

  it('cannot be redirected by a flag or environment variable in a packaged build', () => {
    const env = { CENTRALITA_POLICY_FILE: '/tmp/empty-policy.json' };
    expect(policyPathFor({ platform: 'linux', env, packaged: true, fromArgs: '/tmp/other.json' })).toBe('/etc/centralita/policy.json');
  });

  it('can be redirected in development, the flag winning over the environment', () => {
    const env = { CENTRALITA_POLICY_FILE: '/tmp/env.json' };
    expect(policyPathFor({ platform: 'linux', env, packaged: false, fromArgs: '/tmp/flag.json' })).toBe('/tmp/flag.json');
    expect(policyPathFor({ platform: 'linux', env, packaged: false, fromArgs: null })).toBe('/tmp/env.json');
    expect(policyPathFor({ platform: 'linux', env: {}, packaged: false, fromArgs: null })).toBe('/etc/centralita/policy.json');
  });
});
