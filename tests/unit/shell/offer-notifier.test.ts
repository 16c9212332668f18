import { describe, expect, it, vi } from 'vitest';
import { offer } from './view-fixtures';

// Stand-in for Electron's Notification: records what would be shown and lets the test click it.
const electron = vi.hoisted(() => ({
  shown: [] as Array<{ title: string; body: string; click: () => void }>,
}));
vi.mock('electron', () => ({
  Notification: class {
    static isSupported(): boolean {
      return true;
    }
    private click: () => void = () => undefined;
    constructor(private readonly options: { title: string; body: string }) {}
    on(_name: 'click', listener: () => void): void {
      this.click = listener;
    }
    show(): void {
      electron.shown.push({ ...this.options, click: this.click });
    }
  },
}));

const { OfferNotifier } = await import('../../../src-main/electron/offer-notifier');

describe('offer notifier', () => {
  it('notifies each new offer once, in the agent language, and brings the window back on click', () => {
    electron.shown.length = 0;
    let revealed = 0;
    const notifier = new OfferNotifier(() => revealed++);
    const away = { windowFocused: false, notificationsEnabled: true, language: 'ca' as const };
    notifier.update([offer('o1', 'Factura duplicada')], away);
    notifier.update([offer('o1', 'Factura duplicada')], away);
    expect(electron.shown.map(({ title, body }) => ({ title, body }))).toEqual([{ title: 'Nova oferta', body: 'Factura duplicada' }]);
    electron.shown[0]?.click();
    expect(revealed).toBe(1);
  });

  it('stays silent while the window has focus, and does not replay those offers later', () => {
    electron.shown.length = 0;
    const notifier = new OfferNotifier(() => undefined);
    notifier.update([offer('o1')], { windowFocused: true, notificationsEnabled: true, language: 'es' });
    notifier.update([offer('o1')], { windowFocused: false, notificationsEnabled: true, language: 'es' });
    expect(electron.shown).toEqual([]);
  });
});
