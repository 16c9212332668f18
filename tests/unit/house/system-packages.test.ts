/**
 * `npm test` installs what its tiers need (scripts/system-packages.sh) before any tier runs. The
 * machine's own apt, dpkg and user id are stood in for by small scripts on PATH (a test cannot
 * uninstall Chromium to see the real thing happen), so each decision is checked: install only
 * what is missing with one `apt-get update`; without root or sudo, stop at once naming the fix.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const SCRIPT = path.resolve('scripts/system-packages.sh');
const dirs: string[] = [];

interface Machine {
  uid: number;
  missing: string[];
  sudo: 'none' | 'passwordless' | 'asks-password';
  aptGet?: boolean;
}

function fakeMachine(machine: Machine): { bin: string; aptLog: string } {
  const root = mkdtempSync(path.join(tmpdir(), 'sys-pkgs-'));
  dirs.push(root);
  const bin = path.join(root, 'bin');
  mkdirSync(bin);
  const aptLog = path.join(root, 'apt.log');
  writeFileSync(aptLog, '');
  const script = (name: string, body: string): void => {
    writeFileSync(path.join(bin, name), `#!/bin/bash\n${body}\n`);
    chmodSync(path.join(bin, name), 0o755);
  };
  symlinkSync(execFileSync('/bin/bash', ['-c', 'command -v grep']).toString().trim(), path.join(bin, 'grep'));
  script('id', `echo ${machine.uid}`);
  const missing = machine.missing.map((p) => `"${p}"`).join(' ');
  script('dpkg-query', `for m in ${missing}; do [ "$m" = "\${@: -1}" ] && exit 1; done; printf 'install ok installed'`);
  if (machine.aptGet !== false) script('apt-get', `echo "$*" >> "${aptLog}"`);
  if (machine.sudo === 'passwordless') script('sudo', `shift; "$@"`);
  if (machine.sudo === 'asks-password') script('sudo', 'exit 1');
  return { bin, aptLog };
}

function run(machine: Machine, ...groups: string[]): { status: number | null; out: string; apt: string[]; ms: number } {
  const { bin, aptLog } = fakeMachine(machine);
  const started = Date.now();
  const result = spawnSync('/bin/bash', [SCRIPT, ...groups], { env: { PATH: bin }, encoding: 'utf8' });
  const apt = readFileSync(aptLog, 'utf8').split('\n').filter(Boolean);
  return { status: result.status, out: result.stdout + result.stderr, apt, ms: Date.now() - started };
}

afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('npm test installs its own system packages', () => {
  it('as root on a machine without Chromium: one apt-get update, then only the missing packages', () => {
    const result = run({ uid: 0, missing: ['chromium', 'fonts-liberation'], sudo: 'none' }, 'browser', 'voice');
    expect(result.status).toBe(0);
    expect(result.apt).toHaveLength(2);
    expect(result.apt[0]).toContain('update');
    expect(result.apt[1]).toMatch(/^install -y -qq --no-install-recommends chromium fonts-liberation$/);
  });

  it('touches nothing when everything is present', () => {
    const result = run({ uid: 0, missing: [], sudo: 'none' }, 'browser', 'voice');
    expect(result.status).toBe(0);
    expect(result.apt).toEqual([]);
    expect(result.out).toContain('all present');
  });

  it('installs through passwordless sudo when not root', () => {
    const result = run({ uid: 1000, missing: ['sip-tester'], sudo: 'passwordless' }, 'voice');
    expect(result.status).toBe(0);
    expect(result.apt.at(-1)).toContain('sip-tester');
  });

  it('without root or sudo: stops in the first seconds naming the one command that fixes it', () => {
    for (const sudo of ['none', 'asks-password'] as const) {
      const result = run({ uid: 1000, missing: ['chromium'], sudo }, 'browser');
      expect(result.status).toBe(1);
      expect(result.apt).toEqual([]);
      expect(result.out).toContain('sudo apt-get update && sudo apt-get install -y --no-install-recommends chromium');
      expect(result.ms).toBeLessThan(5000);
    }
  });

  it('says so when there is no apt-get to install with', () => {
    const result = run({ uid: 0, missing: ['chromium'], sudo: 'none', aptGet: false }, 'browser');
    expect(result.status).toBe(1);
    expect(result.out).toContain('no apt-get');
  });

  it('refuses an unknown package group', () => {
    const result = run({ uid: 0, missing: [], sudo: 'none' }, 'browsr');
    expect(result.status).not.toBe(0);
    expect(result.out).toContain("unknown group 'browsr'");
  });
});
