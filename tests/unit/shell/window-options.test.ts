import { describe, expect, it } from 'vitest';
import { mainWindowOptions, phoneWindowOptions } from '../../../src-main/electron/window-options';

describe('window options', () => {
  const windows = {
    agent: mainWindowOptions('/app/dist/main/preload.cjs'),
    phone: phoneWindowOptions(null),
  };

  for (const [name, options] of Object.entries(windows)) {
    it(`${name} window pages are isolated, sandboxed and have no Node`, () => {
      const prefs = options.webPreferences ?? {};
      expect(prefs.contextIsolation).toBe(true);
      expect(prefs.sandbox).toBe(true);
      expect(prefs.nodeIntegration).toBe(false);
      expect(prefs.nodeIntegrationInWorker).toBe(false);
      expect(prefs.nodeIntegrationInSubFrames).toBe(false);
      expect(prefs.webSecurity).toBe(true);
      expect(prefs.allowRunningInsecureContent).toBe(false);
      expect(prefs.webviewTag).toBe(false);
    });
  }

  it('the agent window loads the given preload and waits to be shown until painted', () => {
    expect(windows.agent.webPreferences?.preload).toBe('/app/dist/main/preload.cjs');
    expect(windows.agent.show).toBe(false);
  });

  it('the phone window stays hidden, is never throttled and has no preload until it needs one', () => {
    expect(windows.phone.show).toBe(false);
    expect(windows.phone.skipTaskbar).toBe(true);
    expect(windows.phone.webPreferences?.backgroundThrottling).toBe(false);
    expect(windows.phone.webPreferences?.preload).toBeUndefined();
    expect(phoneWindowOptions('/p.cjs').webPreferences?.preload).toBe('/p.cjs');
  });
});
