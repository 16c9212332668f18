/**
 * The release workflow only runs on GitHub, on a tag: a mistake in it shows up on release day.
 * Here it is linted against the GitHub workflow schema (@action-validator/core, which carries
 * the schema inside the package, so nothing is fetched) and held to the house rules: a build per
 * OS, secrets only from the secret store and each one named in the README, unsigned builds
 * named as such, notarisation on macOS, and the files uploaded.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { validateWorkflow } from '@action-validator/core';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../../..');
const text = readFileSync(path.join(root, '.github/workflows/release.yml'), 'utf8');

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
  env?: Record<string, string>;
}
interface Workflow {
  jobs: Record<string, { 'runs-on': string; steps: Step[]; strategy?: { matrix: { include: Array<Record<string, string>> } }; permissions?: Record<string, string> }>;
  permissions?: Record<string, string>;
}
const workflow = parse(text) as Workflow;
const build = workflow.jobs.build;
const steps = build?.steps ?? [];
const matrix = build?.strategy?.matrix.include ?? [];

describe('release workflow', () => {
  it('is a valid GitHub Actions workflow', () => {
    const result = validateWorkflow(text) as { errors: Array<{ path?: string; title?: string; detail?: string }> };
    expect(result.errors.map((e) => `${e.path ?? ''} ${e.title ?? ''} ${e.detail ?? ''}`)).toEqual([]);
    // The linter bites: a misspelt job key is an error.
    expect((validateWorkflow(text.replace('timeout-minutes:', 'timeout-minute:')) as { errors: unknown[] }).errors.length).toBeGreaterThan(0);
  });

  it('builds on Windows, macOS and Linux', () => {
    expect(matrix.map((m) => m.os).sort()).toEqual(['macos-latest', 'ubuntu-latest', 'windows-latest']);
    expect(build?.['runs-on']).toBe('${{ matrix.os }}');
  });

  it('takes every secret from the secret store, and the README names each one', () => {
    const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
    const used = [...new Set([...text.matchAll(/\$\{\{\s*secrets\.([A-Z0-9_]+)\s*\}\}/g)].map((m) => m[1] ?? ''))];
    expect(used.length).toBeGreaterThan(5);
    expect(used.filter((name) => name !== 'GITHUB_TOKEN' && !readme.includes(`\`${name}\``))).toEqual([]);
    // Secrets reach commands through env only, never pasted into a script line.
    for (const step of steps) expect(step.run ?? '', step.name).not.toMatch(/secrets\./);
    // No credential-looking literal in the file.
    expect(text).not.toMatch(/-----BEGIN|MII[A-Za-z0-9+/]{20}|ghp_[A-Za-z0-9]{20}/);
  });

  it('names unsigned builds UNSIGNED on every platform, and packages signed builds with the certificates', () => {
    for (const entry of matrix) {
      const names = entry['unsigned-names'] ?? '';
      const overrides = names.split(/\s+/).filter((flag) => flag.includes('artifactName='));
      expect(overrides.length, entry.platform).toBeGreaterThan(0);
      for (const flag of overrides) expect(flag, entry.platform).toContain('-UNSIGNED.');
    }
    const unsigned = steps.find((s) => s.name === 'Package, unsigned');
    expect(unsigned?.run).toContain('${{ matrix.unsigned-names }}');
    expect(unsigned?.if).toBe("steps.signing.outputs.signed != 'true'");
    const signed = steps.find((s) => s.name === 'Package, signed');
    expect(Object.keys(signed?.env ?? {})).toEqual(expect.arrayContaining(['WIN_CSC_LINK', 'CSC_LINK', 'APPLE_API_KEY_ID', 'APPLE_API_ISSUER']));
  });

  it('notarises on macOS and uploads the installers and update metadata', () => {
    expect(steps.some((s) => s.name === 'Apple notarisation key' && (s.run ?? '').includes('APPLE_API_KEY='))).toBe(true);
    const keep = steps.find((s) => s.uses?.startsWith('actions/upload-artifact'));
    expect(keep).toBeDefined();
    const upload = workflow.jobs.upload;
    expect(upload?.permissions).toEqual({ contents: 'write' });
    expect(workflow.permissions).toEqual({ contents: 'read' });
    expect(upload?.steps.some((s) => (s.run ?? '').includes('gh release create'))).toBe(true);
  });
});
