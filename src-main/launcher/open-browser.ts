/** Opens the default browser, fire and forget: failing to open is logged, never fatal. */
import { spawn } from 'node:child_process';
import type { Logger } from 'pino';

export function openBrowser(url: string, log: Logger): void {
  const [command, args] =
    process.platform === 'darwin' ? ['open', [url]] : process.platform === 'win32' ? ['cmd', ['/c', 'start', '""', url]] : ['xdg-open', [url]];
  try {
    const child = spawn(command, args, { detached: true, stdio: 'ignore' });
    child.on('error', (error) => log.warn({ err: error, command }, 'could not open the browser; open the printed URL by hand'));
    child.unref();
  } catch (error) {
    log.warn({ err: error, command }, 'could not open the browser; open the printed URL by hand');
  }
}
