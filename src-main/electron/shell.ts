/**
 * Builds the running shell once Electron is ready: main services, the secured session and
 * protocol, IPC, the two windows, tray, notifications and the keep-awake hook. Returns the
 * handles main.ts needs for second launches and a clean quit.
 */
import { existsSync } from 'node:fs';
import { userInfo } from 'node:os';
import { app, globalShortcut, ipcMain, powerSaveBlocker, session, type BrowserWindow, type WebContents } from 'electron';
import { autoUpdater } from 'electron-updater';
import { DEFAULT_SETTINGS, EffectiveSettings } from '../../src-common/settings';
import { createMainServices } from '../services';
import { createLogger } from '../services/log';
import { followView } from '../services/view-follower';
import { isPerMachineInstall, planUpdates } from '../services/updates/update-plan';
import { serveAppProtocol } from './app-protocol';
import { AutoUpdate } from './auto-update';
import { GlobalHotkeys } from './global-hotkeys';
import { applyStartAtLogin } from './start-at-login';
import { bundleLayout } from './bundle-layout';
import { forwardServiceEvents, registerIpcHandlers } from './ipc';
import { eventChannel } from './ipc-channels';
import { KeepAwake } from './keep-awake';
import type { LaunchArgs } from './launch-args';
import { OfferNotifier } from './offer-notifier';
import { PhoneRelay } from './phone-relay';
import { platformPolicySources } from '../services/settings/policy-sources';
import { nativeRegistryReader } from '../services/settings/windows-registry';
import { APP_BUNDLE_ID, policyPathFor } from './platform-paths';
import { secureSession } from './session-security';
import { createStatusTray } from './status-tray';
import { ViewReactions } from './view-reactions';
import { QueueAlertNotifier } from './queue-alert-notifier';
import { lockAllWebContents } from './web-contents-lock';
import { createMainWindow, createPhoneWindow, revealWindow } from './windows';

export interface RunningShell {
  reveal(): void;
  /** A tel:/sip: link to dial: brings the agent window up and hands it the target ('dial' event). */
  handleDial(target: string): void;
  shutdown(): Promise<void>;
}

export async function startShell(launch: LaunchArgs): Promise<RunningShell> {
  const dataDir = app.getPath('userData');
  const logFile = createLogger({ dataDir, level: 'info', toStderr: !app.isPackaged });
  const log = logFile.log.child({ part: 'shell' });
  const paths = bundleLayout(__dirname, app.isPackaged, process.resourcesPath);

  lockAllWebContents(log);
  serveAppProtocol(paths.renderer, log);

  const policyPath = policyPathFor({ platform: process.platform, env: process.env, packaged: app.isPackaged, fromArgs: launch.policyPath });
  const services = await createMainServices({
    dataDir,
    appVersion: app.getVersion(),
    policyPath,
    policySources: platformPolicySources({
      platform: process.platform,
      jsonPath: policyPath,
      bundleId: APP_BUNDLE_ID,
      userName: process.platform === 'darwin' ? userInfo().username : null,
      registry: process.platform === 'win32' ? nativeRegistryReader : null,
    }),
    defaultHubUrl: launch.hubUrl,
    logToStderr: !app.isPackaged,
    log: logFile.log,
    // From a source checkout (tests) the bundle is not beside us; services then find dist/node themselves.
    cacheWorkerPath: existsSync(paths.cacheWorker) ? paths.cacheWorker : undefined,
  });

  let mainWindow: BrowserWindow | null = null;
  let phoneWindow: BrowserWindow | null = null;
  secureSession(
    session.defaultSession,
    () => phoneWindow?.webContents ?? null,
    () => (mainWindow && !mainWindow.isDestroyed() ? mainWindow.webContents : null),
  );

  // Only the agent window speaks the IPC contract; the phone window has its own, narrower relay.
  const trustedSenders = (): ReadonlySet<number> => new Set(mainWindow && !mainWindow.isDestroyed() ? [mainWindow.webContents.id] : []);
  const eventTargets = (): WebContents[] => (mainWindow && !mainWindow.isDestroyed() ? [mainWindow.webContents] : []);
  const removeIpc = registerIpcHandlers(services, trustedSenders, log);
  const phoneRelay = new PhoneRelay({
    ipc: ipcMain,
    phoneContents: () => (phoneWindow && !phoneWindow.isDestroyed() ? phoneWindow.webContents : null),
    agentContents: eventTargets,
    log: log.child({ part: 'phone-relay' }),
  });
  const removePhoneRelay = phoneRelay.register();

  const reveal = (): void => {
    if (mainWindow) revealWindow(mainWindow);
  };
  const tray = createStatusTray(paths.trayIcon, { open: reveal, quit: () => app.quit() });
  const keepAwake = new KeepAwake(powerSaveBlocker);
  const reactions = new ViewReactions({
    tray,
    notifier: new OfferNotifier(reveal),
    queueAlerts: new QueueAlertNotifier(reveal),
    keepAwake,
    windowFocused: () => mainWindow?.isFocused() ?? false,
    log,
  });
  const autoUpdate = new AutoUpdate(() => autoUpdater, log.child({ part: 'updates' }));
  const install = { packaged: app.isPackaged, perMachine: isPerMachineInstall(process.platform, process.execPath, process.env) };
  const hotkeys = new GlobalHotkeys(
    globalShortcut,
    (action) => {
      for (const contents of eventTargets()) if (!contents.isDestroyed()) contents.send(eventChannel('hotkey'), { action });
    },
    log.child({ part: 'hotkeys' }),
  );
  const host = { platform: process.platform, execPath: process.execPath, env: process.env };
  // Updates, hotkeys and start at login follow the settings (and so the policy) as they change;
  // the settings read are returned for what is set once at start.
  const applyDesktopSettings = (payload: unknown): EffectiveSettings | null => {
    const effective = EffectiveSettings.safeParse(payload);
    if (!effective.success) return null;
    autoUpdate.apply(planUpdates(effective.data, install), effective.data.values.language);
    hotkeys.apply(effective.data.values);
    applyStartAtLogin(effective.data.values.startAtLogin, app, host, log);
    return effective.data;
  };
  const settings = await services.invoke('settings.get', {});
  let startSettings: EffectiveSettings | null = null;
  if (settings.ok) {
    reactions.applySettings(settings.value);
    startSettings = applyDesktopSettings(settings.value);
  } else log.error({ error: settings.error }, 'could not read settings; tray, notifications and updates use defaults');
  const stopForwarding = forwardServiceEvents(services, eventTargets);
  const stopReactions = services.onEvent((name, payload) => {
    if (name !== 'settings') return;
    reactions.applySettings(payload);
    applyDesktopSettings(payload);
  });
  const stopFollowingView = followView(services, (view) => reactions.applyView(view));

  // Set once, before the phone page makes its first peer connection (its standby one included):
  // a changed setting applies from the next start.
  phoneWindow = createPhoneWindow(paths.phonePreload, startSettings?.values.voiceInterfaces ?? DEFAULT_SETTINGS.voiceInterfaces, log);
  // A crashed or reloaded phone page loses its calls; requests waiting on it must not hang.
  phoneWindow.webContents.on('did-start-loading', () => phoneRelay.phoneWindowLost());
  mainWindow = createMainWindow(paths.preload, log);
  const agentWindow = mainWindow;
  // The agent's readiness follows this window: hidden in the tray it still shows offers and
  // notifications; a crashed renderer shows nothing until it has loaded again.
  services.setWindowAttached(true);
  agentWindow.webContents.on('render-process-gone', () => services.setWindowAttached(false));
  agentWindow.webContents.on('did-finish-load', () => services.setWindowAttached(true));
  // Closing the agent window mid-call must not drop the call: it hides (the tray brings it back).
  // Otherwise closing it ends the app: the hidden phone window alone must not keep it alive.
  let quitting = false;
  app.on('before-quit', () => {
    quitting = true;
  });
  agentWindow.on('close', (event: { preventDefault(): void }) => {
    if (quitting || phoneRelay.liveCalls().length === 0) return;
    event.preventDefault();
    agentWindow.hide();
    log.info({ calls: phoneRelay.liveCalls().length }, 'agent window hidden instead of closed: a call is live');
  });
  agentWindow.on('closed', () => {
    mainWindow = null;
    services.setWindowAttached(false);
    app.quit();
  });

  if (app.isPackaged) {
    // Installers register tel:/sip: too; this keeps the association after an in-place update.
    app.setAsDefaultProtocolClient('tel');
    app.setAsDefaultProtocolClient('sip');
  }
  log.info({ hubUrl: launch.hubUrl, version: app.getVersion() }, 'shell started');

  return {
    reveal,
    handleDial(target) {
      reveal();
      log.info({ target }, 'dial request from the OS: handed to the agent window');
      for (const contents of eventTargets()) {
        if (contents.isDestroyed()) continue;
        // The app may have been started by this very click: the page is not listening yet.
        if (contents.isLoading()) contents.once('did-finish-load', () => contents.send(eventChannel('dial'), { target }));
        else contents.send(eventChannel('dial'), { target });
      }
    },
    async shutdown() {
      autoUpdate.stop();
      hotkeys.clear();
      keepAwake.release();
      stopReactions();
      stopFollowingView();
      stopForwarding();
      removeIpc();
      removePhoneRelay();
      tray.destroy();
      await services.close();
      if (phoneWindow && !phoneWindow.isDestroyed()) phoneWindow.destroy();
      log.info('shell stopped');
      logFile.close();
    },
  };
}
