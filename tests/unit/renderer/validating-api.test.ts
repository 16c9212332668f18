import { describe, expect, it } from 'vitest';
import type { DesktopApi } from '../../../src-common/ipc';
import { withValidation } from '../../../src-renderer/api/validating-api';

/** Stands in for the Electron preload's object: answers and events are whatever main sends. */
function preload(answer: unknown, events: unknown[]): DesktopApi {
  return {
    invoke: (() => (answer instanceof Error || (typeof answer === 'object' && answer !== null && 'code' in answer) ? Promise.reject(answer) : Promise.resolve(answer))) as DesktopApi['invoke'],
    on: ((_name: string, listener: (payload: unknown) => void) => {
      for (const e of events) listener(e);
      return () => undefined;
    }) as DesktopApi['on'],
  };
}

const settings = { values: { hubUrl: '', language: 'en', notifications: false, autoUpdate: 'off', keyboardShortcuts: true, logLevel: 'warn', microphoneId: '', speakerId: '', updateChannel: 'stable', updateUrl: '', startAtLogin: false, globalShortcuts: false, shortcutAnswer: 'CommandOrControl+Alt+A', shortcutHangUp: 'CommandOrControl+Alt+E', shortcutMute: 'CommandOrControl+Alt+M' }, locked: ['autoUpdate'], policyError: null, policyIssues: [], origins: {} };

describe('Electron DesktopApi validation', () => {
  it('passes answers that match the contract', async () => {
    await expect(withValidation(preload(settings, [])).invoke('settings.get', {})).resolves.toEqual(settings);
  });

  it('rejects answers that do not match the contract', async () => {
    await expect(withValidation(preload({ values: {} }, [])).invoke('settings.get', {})).rejects.toMatchObject({ code: 'internal' });
  });

  it('keeps the AppError code of a rejection from main', async () => {
    await expect(withValidation(preload({ code: 'forbidden', message: 'No.' }, [])).invoke('offer.accept', { offerId: 'x' })).rejects.toMatchObject({
      code: 'forbidden',
      message: 'No.',
    });
  });

  it('drops events that do not match the contract', () => {
    const seen: unknown[] = [];
    withValidation(preload(null, [settings, { values: 'bad' }])).on('settings', (s) => seen.push(s.values.language));
    expect(seen).toEqual(['en']);
  });
});
