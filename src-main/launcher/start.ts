/**
 * `npm start`: the embedded lab hub (demo config, demo data, simulator) unless --hub-url
 * names another, then the desktop: Electron when its binary is installed, otherwise web mode
 * (the web host on loopback, its URL printed and opened in the default browser).
 * Runs until SIGINT/SIGTERM, then stops web host, services and hub in that order.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startHub } from '../../src-hub/embedded';
import { createMainServices } from '../services';
import { createLogger, type ClosableLogger } from '../services/log';
import { startWebHost, type WebHost } from '../web/web-host';
import { findElectronBinary } from './electron-binary';
import { parseLaunchOptions } from './launch-options';
import { openBrowser } from './open-browser';

let processLog: ClosableLogger | null = null;
const distDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

async function main(): Promise<number> {
  const parsed = parseLaunchOptions(process.argv.slice(2), process.cwd(), process.env);
  if (!parsed.ok) {
    process.stderr.write(`${parsed.error.message}\n`);
    return 2;
  }
  const options = parsed.value;
  // One logger for the whole process, one file (<data>/logs/centralita.log): the hub, the web
  // host and each browser session's services log through children of it. The console gets
  // warnings and errors; the file gets everything.
  const logger = createLogger({ dataDir: options.dataDir, level: 'trace', toStderr: true, stderrLevel: 'warn' });
  processLog = logger;
  const log = logger.log.child({ part: 'launcher' }, { level: process.env.CENTRALITA_LOG_LEVEL ?? 'info' });
  const stops: Array<() => Promise<void>> = [];
  const stopAll = async (): Promise<void> => {
    for (const stop of stops.reverse()) await stop().catch((error: unknown) => log.error({ err: error }, 'shutdown step failed'));
    stops.length = 0;
  };

  let hubUrl: string;
  let labSipUrl: string | null = null;
  let announceDesktop: ((url: string) => void) | null = null;
  if (options.hubUrl) hubUrl = options.hubUrl;
  else {
    const hub = await startHub({
      port: options.hubPort,
      host: '127.0.0.1',
      dataDir: path.join(options.dataDir, 'hub'),
      seedDemoData: true,
      simulate: options.simulate,
      logger: logger.log.child({ name: 'hub' }, { level: process.env.CENTRALITA_HUB_LOG_LEVEL ?? 'info' }),
    });
    stops.push(() => hub.stop());
    hubUrl = hub.url;
    labSipUrl = hub.labSip?.url ?? null;
    announceDesktop = hub.announceDesktop;
  }
  process.stdout.write(`Hub: ${hubUrl}\n`);
  if (!options.hubUrl) {
    process.stdout.write('Demo users (lab only): ana, jordi, marta (agents), sara (supervisor), admin; password: centralita\n');
  }
  if (labSipUrl) {
    const callers = options.simulate ? '; simulated callers dial 5000 while an agent with a phone is Ready' : '';
    process.stdout.write(`Phones: built-in lab SIP proxy ${labSipUrl} (lab use only)${callers}\n`);
  }

  const electron = options.web ? null : findElectronBinary(import.meta.url);
  const electronMain = path.join(distDir, 'main', 'electron-main.cjs');
  let child: ChildProcess | null = null;
  if (electron !== null && existsSync(electronMain)) {
    // The shell keeps its data beside the web-mode clients and reads the same policy file.
    const shellArgs = [electronMain, '--data', path.join(options.dataDir, 'desktop', 'electron')];
    if (options.policyPath) shellArgs.push('--policy', options.policyPath);
    const shell = spawn(electron, shellArgs, { stdio: 'inherit', env: { ...process.env, CENTRALITA_HUB_URL: hubUrl } });
    child = shell;
    process.stdout.write(`Desktop (Electron): pid ${shell.pid ?? '?'}\n`);
    stops.push(async () => {
      if (shell.exitCode === null) shell.kill('SIGTERM');
    });
  } else {
    const defaultHubUrl = hubUrl;
    const workerPath = path.join(distDir, 'node', 'cache-worker.mjs');
    const web: WebHost = await startWebHost({
      rendererDir: path.join(distDir, 'renderer'),
      log: logger.log.child({ part: 'web-host' }, { level: 'info' }),
      port: options.webPort,
      createServices: (clientId) =>
        createMainServices({
          dataDir: path.join(options.dataDir, 'desktop', 'clients', clientId),
          policyPath: options.policyPath,
          defaultHubUrl,
          cacheWorkerPath: existsSync(workerPath) ? workerPath : undefined,
          log: logger.log.child({ part: 'desktop', clientId }, { level: 'info' }),
          logFile: logger.file,
        }),
    });
    stops.push(() => web.stop());
    process.stdout.write(`Desktop (web mode): ${web.pageUrl}\n`);
    announceDesktop?.(web.pageUrl);
    if (options.open) openBrowser(web.pageUrl, log);
  }

  return new Promise<number>((resolve) => {
    let stopping = false;
    const shutdown = (signal: string, code: number): void => {
      if (stopping) return;
      stopping = true;
      log.info({ signal }, 'shutting down');
      void stopAll().then(() => resolve(code));
    };
    process.once('SIGINT', () => shutdown('SIGINT', 0));
    process.once('SIGTERM', () => shutdown('SIGTERM', 0));
    // Closing the Electron window ends the session: the lab hub has no one left to serve.
    child?.once('exit', (code) => shutdown('electron-exit', code ?? 0));
  });
}

main().then(
  (code) => {
    processLog?.close();
    process.exitCode = code;
  },
  (error: unknown) => {
    // The log's record (console and file) carries the stack; the last line on the console says
    // the reason in plain words (another hub on this folder, a port taken).
    processLog?.log.fatal({ err: error }, 'could not start Centralita');
    process.stderr.write(`could not start Centralita: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
