/**
 * Locks every web contents the app creates: no navigation away from the loaded page, no new
 * windows, no webviews. Web links the agent clicks (e.g. in a customer's email) open in the
 * system browser, and only if they are plain http(s).
 */
import { app, shell, type WebContents } from 'electron';
import { externalUrlToOpen } from './external-links';
import type { Logger } from 'pino';

function lock(contents: WebContents, log: Logger): void {
  const refuse = (event: { preventDefault(): void }, url: string, what: string): void => {
    event.preventDefault();
    log.warn({ url, what }, 'navigation blocked');
  };
  contents.on('will-navigate', (event, url) => refuse(event, url, 'will-navigate'));
  contents.on('will-redirect', (event, url) => refuse(event, url, 'will-redirect'));
  contents.on('will-attach-webview', (event) => refuse(event, '', 'will-attach-webview'));
  contents.setWindowOpenHandler(({ url }) => {
    const external = externalUrlToOpen(url);
    if (external) {
      shell.openExternal(external).catch((cause: unknown) => log.warn({ url: external, err: cause }, 'could not open link'));
    } else {
      log.warn({ url }, 'window.open refused');
    }
    return { action: 'deny' };
  });
}

/** Applies the lock to every web contents created from now on (windows, frames, devtools). */
export function lockAllWebContents(log: Logger): void {
  app.on('web-contents-created', (_event, contents) => lock(contents, log));
}
