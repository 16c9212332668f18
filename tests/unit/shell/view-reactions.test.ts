import pino from 'pino';
import { describe, expect, it } from 'vitest';
import type { Offer } from '../../../src-common/domain';
import type { DesktopView } from '../../../src-common/ipc';
import { DEFAULT_SETTINGS, type Language } from '../../../src-common/settings';
import { KeepAwake, type PowerBlocker } from '../../../src-main/electron/keep-awake';
import type { TrayView } from '../../../src-main/electron/status-tray';
import { ViewReactions } from '../../../src-main/electron/view-reactions';
import { item, offer, view } from './view-fixtures';

function setup(focused = false) {
  const trayUpdates: Array<{ status: string; language: Language }> = [];
  const notified: Array<{ offers: readonly Offer[]; notificationsEnabled: boolean; language: Language }> = [];
  const blocks: number[] = [];
  const blocker: PowerBlocker = {
    start: () => blocks.push(1),
    stop: () => {
      blocks.pop();
    },
  };
  const log = pino({ level: 'silent' });
  const reactions = new ViewReactions({
    tray: { update: (v: TrayView, language: Language) => trayUpdates.push({ status: v.status, language }) },
    notifier: { update: (offers, input) => notified.push({ offers, notificationsEnabled: input.notificationsEnabled, language: input.language }) },
    keepAwake: new KeepAwake(blocker),
    windowFocused: () => focused,
    log,
  });
  return { reactions, trayUpdates, notified, blocks, log };
}

describe('shell reactions to services events', () => {
  it('updates tray, notifications and keep-awake from each view', () => {
    const { reactions, trayUpdates, notified, blocks } = setup();
    reactions.applyView(view({ offers: [offer('o1')], items: [item({ channel: 'voice', state: 'accepted' })] }));
    expect(trayUpdates).toEqual([{ status: 'online', language: 'es' }]);
    expect(notified[0]?.offers.map((o) => o.offerId)).toEqual(['o1']);
    expect(blocks).toHaveLength(1);
  });

  it('shows the tray in the configured language before the first view arrives', () => {
    const { reactions, trayUpdates } = setup();
    reactions.applySettings({ values: { ...DEFAULT_SETTINGS, language: 'en' }, locked: [], policyError: null, policyIssues: [], origins: {} });
    expect(trayUpdates).toEqual([{ status: 'signed-out', language: 'en' }]);
  });

  it("follows the agent's settings: language, notifications and log level", () => {
    const { reactions, trayUpdates, notified, log } = setup();
    reactions.applyView(view());
    reactions.applySettings({ values: { ...DEFAULT_SETTINGS, language: 'ca', notifications: false, logLevel: 'debug' }, locked: [], policyError: null, policyIssues: [], origins: {} });
    reactions.applyView(view({ offers: [offer('o2')] }));
    expect(trayUpdates.map((u) => u.language)).toEqual(['es', 'ca', 'ca']);
    expect(notified.at(-1)).toMatchObject({ notificationsEnabled: false, language: 'ca' });
    expect(log.level).toBe('debug');
  });

  it('ignores a payload that does not match the contract instead of acting on it', () => {
    const { reactions, trayUpdates, notified } = setup();
    reactions.applySettings({ values: { language: 'fr' } });
    reactions.applyView({ ...view(), status: 'hacked' } as unknown as DesktopView);
    expect(trayUpdates).toEqual([]);
    expect(notified).toEqual([]);
  });
});
