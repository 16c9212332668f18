/**
 * Where the shell looks for the IT policy file. Packaged builds read only the machine-wide
 * location for the OS (users cannot write it), so a policy cannot be dodged with a flag or an
 * environment variable; development runs may point elsewhere (--policy, CENTRALITA_POLICY_FILE).
 */
import path from 'node:path';

export function machinePolicyPath(platform: NodeJS.Platform, env: Readonly<Record<string, string | undefined>>): string {
  if (platform === 'win32') return path.win32.join(env.ProgramData ?? 'C:\\ProgramData', 'Centralita', 'policy.json');
  if (platform === 'darwin') return '/Library/Application Support/Centralita/policy.json';
  return '/etc/centralita/policy.json';
}

export interface PolicyPathInput {
  platform: NodeJS.Platform;
  env: Readonly<Record<string, string | undefined>>;
  packaged: boolean;
  /** --policy FILE from the command line, if any. */
  fromArgs: string | null;
}

export function policyPathFor(input: PolicyPathInput): string {
  if (!input.packaged) {
    const override = input.fromArgs ?? input.env.CENTRALITA_POLICY_FILE;
    if (override) return override;
  }
  return machinePolicyPath(input.platform, input.env);
}

/** The bundle id macOS managed preferences are keyed by: electron-builder.yml's appId. */
export const APP_BUNDLE_ID = 'com.centralita.desktop';
