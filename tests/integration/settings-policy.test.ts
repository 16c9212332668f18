import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, type EffectiveSettings } from '../../src-common/settings';
import { DesktopClient } from './helpers/desktop-client';
import { TempDirs } from './helpers/temp-dirs';

const temp = new TempDirs();
afterEach(() => temp.cleanup());

describe('settings and IT policy', () => {
  it('rejects only the key with a typo, names file and key, and still locks the rest of the policy', async () => {
    const dataDir = temp.make();
    const policyPath = path.join(temp.make('centralita-policy-'), 'policy.json');
    writeFileSync(policyPath, JSON.stringify({ settings: { language: 'en', hubUrl: 'https://hub.example.es', autoUpdat: 'off' } }));
    const client = await DesktopClient.start(dataDir, { policyPath });
    try {
      const settings = await client.must('settings.get', {});
      expect(settings.values).toEqual({ ...DEFAULT_SETTINGS, language: 'en', hubUrl: 'https://hub.example.es' });
      expect([...settings.locked].sort()).toEqual(['hubUrl', 'language']);
      expect(settings.policyIssues).toEqual([expect.objectContaining({ key: 'autoUpdat', source: policyPath })]);
      expect(settings.policyError).toContain(policyPath);
      expect(settings.policyError).toContain('autoUpdat');
      const refused = await client.invoke('settings.set', { values: { hubUrl: 'https://elsewhere.example' } });
      expect(refused.ok).toBe(false);
    } finally {
      await client.close();
    }
  });

  it('locks the keys a valid policy sets and refuses settings.set on them', async () => {
    const dataDir = temp.make();
    const policyPath = path.join(temp.make('centralita-policy-'), 'policy.json');
    writeFileSync(policyPath, JSON.stringify({ settings: { autoUpdate: 'off', language: 'ca' } }));
    const client = await DesktopClient.start(dataDir, { policyPath });
    try {
      const refused = await client.invoke('settings.set', { values: { autoUpdate: 'auto' } });
      expect(refused.ok).toBe(false);
      if (!refused.ok) expect(refused.error.code).toBe('forbidden');
      const settings = await client.must('settings.get', {});
      expect(settings.values.autoUpdate).toBe('off');
      expect(settings.values.language).toBe('ca');
      expect([...settings.locked].sort()).toEqual(['autoUpdate', 'language']);
    } finally {
      await client.close();
    }
  });

  it('keeps the user choice across a restart and pushes a settings event when it changes', async () => {
    const dataDir = temp.make();
    const first = await DesktopClient.start(dataDir);
    const pushed: EffectiveSettings[] = [];
    first.services.onEvent((name, payload) => {
      if (name === 'settings') pushed.push(payload as EffectiveSettings);
    });
    await first.must('settings.set', { values: { notifications: false, language: 'ca' } });
    expect(pushed.at(-1)?.values.language).toBe('ca');
    const badType = await first.invoke('settings.set', { values: { language: 'fr' } } as never);
    expect(badType.ok).toBe(false);
    await first.close();
    const second = await DesktopClient.start(dataDir);
    try {
      const settings = await second.must('settings.get', {});
      expect(settings.values.notifications).toBe(false);
      expect(settings.values.language).toBe('ca');
    } finally {
      await second.close();
    }
  });

  it('exports diagnostics naming each setting\'s source, and writes the file into the data folder', async () => {
    const dataDir = temp.make();
    const policyPath = path.join(temp.make('centralita-policy-'), 'policy.json');
    writeFileSync(policyPath, JSON.stringify({ settings: { autoUpdate: 'off' } }));
    const client = await DesktopClient.start(dataDir, { policyPath });
    try {
      await client.must('settings.set', { values: { language: 'ca' } });
      const exported = await client.must('diagnostics.export', {});
      expect(path.dirname(exported.path)).toBe(path.join(dataDir, 'diagnostics'));
      const report = JSON.parse(readFileSync(exported.path, 'utf8')) as { settings: Array<{ key: string; source: string; locked: boolean }>; log: string[] };
      expect(report.settings.find((s) => s.key === 'autoUpdate')).toMatchObject({ source: policyPath, locked: true });
      expect(report.settings.find((s) => s.key === 'language')).toMatchObject({ source: 'user', locked: false });
      expect(report.log.length).toBeGreaterThan(0);
    } finally {
      await client.close();
    }
  });
});
