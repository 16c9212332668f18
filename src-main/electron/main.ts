/**
 * Electron entry (bundled to dist/main/electron-main.cjs). Order matters: the app:// scheme and
 * the sandbox must be set before 'ready', and a second launch must hand over to the first
 * before it creates anything.
 */
import { app } from 'electron';
import { registerAppScheme } from './app-protocol';
import { findDialTarget, parseLaunchArgs } from './launch-args';
import { startShell, type RunningShell } from './shell';

app.enableSandbox();
registerAppScheme();

const launch = parseLaunchArgs(process.argv, process.env);
// Before 'ready' and before the single-instance lock, which lives in the user data folder.
if (launch.dataDir) app.setPath('userData', launch.dataDir);
let shell: RunningShell | null = null;
// A dial link that arrives before the shell is up (macOS open-url at launch) waits here.
let pendingDial: string | null = launch.dialTarget;

function dial(target: string | null): void {
  if (target === null) return;
  if (shell) shell.handleDial(target);
  else pendingDial = target;
}

if (!app.requestSingleInstanceLock()) {
  // Another Centralita is running: it receives our argv in 'second-instance'.
  app.quit();
} else {
  app.on('second-instance', (_event, argv) => {
    shell?.reveal();
    dial(findDialTarget(argv));
  });
  // macOS delivers tel:/sip: links as open-url, also before 'ready'.
  app.on('open-url', (event, url) => {
    event.preventDefault();
    dial(findDialTarget([url]));
  });
  app.on('window-all-closed', () => app.quit());

  let shutDown = false;
  app.on('before-quit', (event) => {
    if (shutDown || shell === null) return;
    // Hold the quit until services have signed out and flushed the cache.
    event.preventDefault();
    const closing = shell;
    shell = null;
    closing.shutdown().finally(() => {
      shutDown = true;
      app.quit();
    });
  });

  app
    .whenReady()
    .then(() => startShell(launch))
    .then((running) => {
      shell = running;
      dial(pendingDial);
      pendingDial = null;
    })
    .catch((cause: unknown) => {
      // No logger may exist yet; the exit code tells the launcher something went wrong.
      process.stderr.write(`Centralita could not start: ${cause instanceof Error ? cause.stack ?? cause.message : String(cause)}\n`);
      app.exit(1);
    });
}
