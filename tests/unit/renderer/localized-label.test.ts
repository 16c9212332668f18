/** The centre's labels in the UI language, with the default text where the centre gave none. */
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../../src-common/settings';
import { localizedLabel } from '../../../src-renderer/format/localized-label';
import { selectQueueName } from '../../../src-renderer/store/selectors';
import { createAppStore } from '../../../src-renderer/store/app-store';

describe('data labels', () => {
  it('picks the UI language, else the default', () => {
    const labels = { es: 'Volver a llamar', ca: 'Tornar a trucar', en: 'Call back' };
    expect(localizedLabel('Volver a llamar', labels, 'en')).toBe('Call back');
    expect(localizedLabel('Volver a llamar', { es: 'Volver a llamar' }, 'ca')).toBe('Volver a llamar');
    expect(localizedLabel('Resuelto', undefined, 'en')).toBe('Resuelto');
  });

  it('names a queue in the language the agent chose', () => {
    const store = createAppStore();
    store.getState().applyView({
      status: 'online', hubUrl: '', user: null, lastError: null, presence: null, items: [], offers: [], serverTimeOffsetMs: 0, outboxPending: 0, outboxRefused: [],
      config: { reasonCodes: [], dispositions: [], wrapUpSeconds: 0, offerTimeoutSeconds: 30, queues: [{ id: 'ventas', name: 'Ventas', names: { en: 'Sales' }, channel: 'chat' }] },
    });
    expect(selectQueueName(store.getState(), 'ventas')).toBe('Ventas');
    store.getState().applySettings({ values: { ...DEFAULT_SETTINGS, language: 'en' }, locked: [], policyError: null, policyIssues: [], origins: {} });
    expect(selectQueueName(store.getState(), 'ventas')).toBe('Sales');
    expect(selectQueueName(store.getState(), 'unknown')).toBe('unknown');
  });
});
