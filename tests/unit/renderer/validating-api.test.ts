import { describe, expect, it } from 'vitest';
import type { DesktopApi } from '../../../src-common/ipc';
import { withValidation } from '../../../src-renderer/api/validating-api';

/** Stands in for the Electron preload's object: answers and events are whatever main sends. */
function preload(answer: unknown, events: unknown[]): DesktopApi {
  return {
    invoke: (() =>
      answer instanceof Error
        ? Promise.reject(answer)
        : Promise.resolve(typeof answer === 'object' && answer !== null && 'code' in answer ? { ok: false, error: answer } : { ok: true, value: answer })) as DesktopApi['invoke'],
    on: ((_name: string, listener: (payload: unknown) => void) => {
      for (const e of events) listener(e);
      return () => undefined;
    }) as DesktopApi['on'],
  };
}

const settings = { values: { hubUrl: '', language: 'en', notifications: false, autoUpdate: 'off', keyboardShortcuts: true, logLevel: 'warn', microphoneId: '', speakerId: '', ringerId: '', ringtone: 'classic', ringerVolume: 60, updateChannel: 'stable', updateUrl: '', startAtLogin: false, globalShortcuts: false, shortcutAnswer: 'CommandOrControl+Alt+A', shortcutHangUp: 'CommandOrControl+Alt+E', shortcutMute: 'CommandOrControl+Alt+M', voiceInterfaces: 'default-route' }, locked: ['autoUpdate'], policyError: null, policyIssues: [], origins: {} };

describe('Electron DesktopApi validation', () => {
  it('passes answers that match the contract', async () => {
    await expect(withValidation(preload(settings, [])).invoke('settings.get', {})).resolves.toEqual({ ok: true, value: settings });
  });

  it('turns answers that do not match the contract into an error value', async () => {
    await expect(withValidation(preload({ values: {} }, [])).invoke('settings.get', {})).resolves.toMatchObject({ ok: false, error: { code: 'internal' } });
  });

  it('keeps the AppError code of an error from main', async () => {
    await expect(withValidation(preload({ code: 'forbidden', message: 'No.' }, [])).invoke('offer.accept', { offerId: 'x' })).resolves.toEqual({
      ok: false,
      error: { code: 'forbidden', message: 'No.' },
    });
  });

  it('gives an error value, never a throw, when the transport breaks its promise', async () => {
    await expect(withValidation(preload(new Error('bridge gone'), [])).invoke('view.get', {})).resolves.toMatchObject({ ok: false, error: { code: 'internal' } });
  });

  it('drops events that do not match the contract', () => {
    const seen: unknown[] = [];
    withValidation(preload(null, [settings, { values: 'bad' }])).on('settings', (s) => seen.push(s.values.language));
    expect(seen).toEqual(['en']);
  });
});
