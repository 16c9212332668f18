import pino from 'pino';
import { describe, expect, it, vi } from 'vitest';

type OpenHandler = (details: { url: string }) => { action: string };

// Stand-ins for app, shell and a web contents: enough to drive the lock as Electron would.
const electron = vi.hoisted(() => ({
  onCreated: [] as Array<(event: unknown, contents: unknown) => void>,
  opened: [] as string[],
}));
vi.mock('electron', () => ({
  app: { on: (name: string, listener: (event: unknown, contents: unknown) => void) => name === 'web-contents-created' && electron.onCreated.push(listener) },
  shell: {
    openExternal: async (url: string) => {
      electron.opened.push(url);
    },
  },
}));

const { lockAllWebContents } = await import('../../../src-main/electron/web-contents-lock');

class FakeContents {
  readonly listeners = new Map<string, (event: { preventDefault(): void }, url: string) => void>();
  openHandler: OpenHandler | null = null;
  on(name: string, listener: (event: { preventDefault(): void }, url: string) => void): void {
    this.listeners.set(name, listener);
  }
  setWindowOpenHandler(handler: OpenHandler): void {
    this.openHandler = handler;
  }
  /** Fires an event as Electron would and says whether the page's action was stopped. */
  fire(name: string, url: string): boolean {
    let prevented = false;
    this.listeners.get(name)?.({ preventDefault: () => (prevented = true) }, url);
    return prevented;
  }
}

function lockedContents(): FakeContents {
  electron.onCreated.length = 0;
  lockAllWebContents(pino({ level: 'silent' }));
  const contents = new FakeContents();
  for (const listener of electron.onCreated) listener({}, contents);
  return contents;
}

describe('navigation and window lock', () => {
  it('blocks navigation and redirects away from the loaded page, and webviews', () => {
    const contents = lockedContents();
    expect(contents.fire('will-navigate', 'https://evil.example/')).toBe(true);
    expect(contents.fire('will-navigate', 'app://centralita/other.html')).toBe(true);
    expect(contents.fire('will-redirect', 'file:///etc/passwd')).toBe(true);
    expect(contents.fire('will-attach-webview', '')).toBe(true);
  });

  it('denies every new window and opens only http(s) links in the system browser', async () => {
    electron.opened.length = 0;
    const contents = lockedContents();
    for (const url of ['https://www.example.es/ayuda', 'javascript:alert(1)', 'file:///C:/Windows/win.ini', 'app://centralita/index.html']) {
      expect(contents.openHandler?.({ url })).toEqual({ action: 'deny' });
    }
    await Promise.resolve();
    expect(electron.opened).toEqual(['https://www.example.es/ayuda']);
  });
});
