/**
 * Where IT puts policy, read as raw key/value entries (validated key by key later, in
 * policy-merge.ts). One reader per place:
 * - Windows: HKLM\Software\Policies\Centralita, then HKCU (what the ADMX templates write);
 * - macOS: the managed-preferences plist an MDM profile installs for the bundle id;
 * - a JSON file: the Linux source, and a fallback on every OS.
 * Readers never throw: a source that cannot be read reports why, the others still apply.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import plist from 'plist';
import { z } from 'zod';
import { Settings } from '../../../src-common/settings';

export type PolicyRead =
  | { kind: 'absent' }
  /** `problems` are entries of the source that are not settings at all (e.g. a stray top-level key). */
  | { kind: 'read'; entries: Record<string, unknown>; problems: Array<{ key: string; message: string }> }
  | { kind: 'failed'; message: string };

export interface PolicySource {
  /** Shown to IT and the agent next to any rejected key, so they know where to fix it. */
  readonly name: string;
  read(): PolicyRead;
}

// ---------------------------------------------------------------------------------------------
// Windows registry
// ---------------------------------------------------------------------------------------------

export type RegistryHive = 'HKLM' | 'HKCU';
/** A registry value as native-reg parses it: REG_SZ/EXPAND_SZ → string, DWORD/QWORD → number|bigint, MULTI_SZ → string[]. */
export type RegistryValue = string | number | bigint | string[] | Uint8Array;

/** The narrow part of the registry the policy needs; the real one is native-reg, tests pass a stand-in. */
export interface RegistryReader {
  /** Every value under hive\subKey, or null when the key does not exist. */
  values(hive: RegistryHive, subKey: string): Array<{ name: string; value: RegistryValue | null }> | null;
}

export const POLICY_REGISTRY_KEY = 'Software\\Policies\\Centralita';

const isBooleanSetting = (key: string): boolean => (Settings.shape as Record<string, z.ZodType | undefined>)[key] instanceof z.ZodBoolean;

/**
 * Group Policy stores an on/off policy as a DWORD 1/0 (see the ADMX enabledValue/disabledValue);
 * the app's schema wants a boolean. Any other value is passed on as it is, so a wrong type is
 * rejected (and named) by the per-key validation rather than guessed here.
 */
function fromRegistry(key: string, value: RegistryValue | null): unknown {
  if (isBooleanSetting(key) && (value === 0 || value === 1)) return value === 1;
  if (typeof value === 'bigint') return Number(value);
  return value;
}

export function registryPolicySource(reader: RegistryReader, hive: RegistryHive): PolicySource {
  const name = `${hive}\\${POLICY_REGISTRY_KEY}`;
  return {
    name,
    read() {
      let values: ReturnType<RegistryReader['values']>;
      try {
        values = reader.values(hive, POLICY_REGISTRY_KEY);
      } catch (cause) {
        return { kind: 'failed', message: `could not be read (${describe(cause)})` };
      }
      if (values === null) return { kind: 'absent' };
      const entries: Record<string, unknown> = {};
      for (const { name: key, value } of values) {
        // The unnamed default value of a key is not a setting; GPO never writes it.
        if (key === '') continue;
        entries[key] = fromRegistry(key, value);
      }
      return { kind: 'read', entries, problems: [] };
    },
  };
}

// ---------------------------------------------------------------------------------------------
// macOS managed preferences
// ---------------------------------------------------------------------------------------------

/**
 * The files an MDM configuration profile (payload type = the bundle id) makes macOS write.
 * The user-scoped file comes first: it is the more specific one, as CFPreferences resolves it.
 */
export function managedPreferencesPaths(bundleId: string, userName: string | null): string[] {
  const root = '/Library/Managed Preferences';
  const files = [path.posix.join(root, `${bundleId}.plist`)];
  if (userName) files.unshift(path.posix.join(root, userName, `${bundleId}.plist`));
  return files;
}

export interface PlistFileAccess {
  readFile(file: string): Buffer;
  /** Converts a binary plist to XML (macOS: plutil). Managed preferences are often binary. */
  binaryToXml(file: string): string;
}

const systemPlistAccess: PlistFileAccess = {
  readFile: (file) => readFileSync(file),
  binaryToXml: (file) => execFileSync('/usr/bin/plutil', ['-convert', 'xml1', '-o', '-', file], { encoding: 'utf8', timeout: 5000 }),
};

export function managedPreferencesSource(file: string, access: PlistFileAccess = systemPlistAccess): PolicySource {
  return {
    name: file,
    read() {
      let bytes: Buffer;
      try {
        bytes = access.readFile(file);
      } catch (cause) {
        if (isMissing(cause)) return { kind: 'absent' };
        return { kind: 'failed', message: `could not be read (${describe(cause)})` };
      }
      let parsed: unknown;
      try {
        const xml = bytes.subarray(0, 8).toString('latin1') === 'bplist00' ? access.binaryToXml(file) : bytes.toString('utf8');
        parsed = plist.parse(xml);
      } catch (cause) {
        return { kind: 'failed', message: `is not a readable property list (${describe(cause)})` };
      }
      if (!isPlainObject(parsed)) return { kind: 'failed', message: 'is not a dictionary of settings' };
      // Profile bookkeeping (PayloadUUID and the like) may be copied along; it is not a setting.
      const entries = Object.fromEntries(Object.entries(parsed).filter(([key]) => !key.startsWith('Payload')));
      return { kind: 'read', entries, problems: [] };
    },
  };
}

// ---------------------------------------------------------------------------------------------
// JSON policy file
// ---------------------------------------------------------------------------------------------

/** Reads `{ "settings": { … } }`; a stray top-level key is reported, the settings still apply. */
export function jsonPolicySource(file: string, readText: (file: string) => string = (f) => readFileSync(f, 'utf8')): PolicySource {
  return {
    name: file,
    read() {
      let text: string;
      try {
        text = readText(file);
      } catch (cause) {
        if (isMissing(cause)) return { kind: 'absent' };
        return { kind: 'failed', message: `could not be read (${describe(cause)})` };
      }
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch (cause) {
        return { kind: 'failed', message: `is not valid JSON (${describe(cause)})` };
      }
      if (!isPlainObject(json)) return { kind: 'failed', message: 'must be a JSON object like { "settings": { … } }' };
      const problems = Object.keys(json)
        .filter((key) => key !== 'settings')
        .map((key) => ({ key, message: 'unknown top-level key (settings go inside "settings")' }));
      const settings = json.settings ?? {};
      if (!isPlainObject(settings)) return { kind: 'failed', message: '"settings" must be an object' };
      return { kind: 'read', entries: { ...settings }, problems };
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Per platform
// ---------------------------------------------------------------------------------------------

export interface PlatformPolicyInput {
  platform: NodeJS.Platform;
  /** The JSON policy file for this machine (or the development override). */
  jsonPath: string | null;
  bundleId: string;
  /** macOS short user name, for the user-scoped managed preferences. */
  userName: string | null;
  registry: RegistryReader | null;
}

/** Strongest first: a key set by an earlier source wins over the same key in a later one. */
export function platformPolicySources(input: PlatformPolicyInput): PolicySource[] {
  const sources: PolicySource[] = [];
  if (input.platform === 'win32' && input.registry) {
    sources.push(registryPolicySource(input.registry, 'HKLM'), registryPolicySource(input.registry, 'HKCU'));
  }
  if (input.platform === 'darwin') {
    sources.push(...managedPreferencesPaths(input.bundleId, input.userName).map((file) => managedPreferencesSource(file)));
  }
  if (input.jsonPath) sources.push(jsonPolicySource(input.jsonPath));
  return sources;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date) && !Buffer.isBuffer(value);
}

function isMissing(cause: unknown): boolean {
  const code = (cause as NodeJS.ErrnoException | null)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}

function describe(cause: unknown): string {
  return cause instanceof Error ? cause.message : String(cause);
}
