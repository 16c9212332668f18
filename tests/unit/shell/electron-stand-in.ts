/**
 * A stand-in for the parts of Electron's main-process API the shell uses, recording what the
 * shell asks for. Electron's binary cannot run here; this lets shell-boot.test.ts start the
 * real main.ts + main services and check the wiring.
 */
import { EventEmitter } from 'node:events';

type Listener = (...args: unknown[]) => unknown;

export const recorded = {
  sandboxEnabled: false,
  privilegedSchemes: [] as unknown[],
  protocolHandlers: new Map<string, (request: Request) => Promise<Response>>(),
  ipcHandlers: new Map<string, (event: unknown, ...args: unknown[]) => Promise<unknown>>(),
  ipcListeners: new Map<string, Array<(event: unknown, ...args: unknown[]) => void>>(),
  windows: [] as FakeBrowserWindow[],
  headersHook: null as Listener | null,
  permissionRequest: null as Listener | null,
  permissionCheck: null as Listener | null,
  devicePermission: null as Listener | null,
  sessionListeners: new Map<string, Listener>(),
  quitCalls: 0,
};

class FakeAppEmitter extends EventEmitter {
  isPackaged = false;
  userData = '';
  enableSandbox(): void {
    recorded.sandboxEnabled = true;
  }
  requestSingleInstanceLock(): boolean {
    return true;
  }
  whenReady(): Promise<void> {
    return Promise.resolve();
  }
  getPath(name: string): string {
    if (name !== 'userData') throw new Error(`unexpected getPath(${name})`);
    return this.userData;
  }
  setPath(name: string, value: string): void {
    if (name === 'userData') this.userData = value;
  }
  getVersion(): string {
    return '0.1.0-test';
  }
  setAsDefaultProtocolClient(): boolean {
    return true;
  }
  quit(): void {
    recorded.quitCalls += 1;
    // Electron emits before-quit from quit(); the shell may prevent it to close services first.
    this.emit('before-quit', { preventDefault: () => undefined });
  }
  // An arrow property: the shell must never hard-exit; if it does, the test sees this throw.
  readonly exit = (code: number): never => {
    throw new Error(`the shell called app.exit with code ${code}`);
  };
}
export const app = new FakeAppEmitter();

let nextContentsId = 1;
class FakeWebContents extends EventEmitter {
  readonly id = nextContentsId++;
  readonly sent: Array<[string, unknown]> = [];
  url = '';
  readonly mainFrame = { url: '', parent: null, frameTreeNodeId: this.id * 100 };
  openHandler: Listener | null = null;
  /** What setWebRTCIPHandlingPolicy was given, null while Chromium's default applies. */
  webRtcIpHandling: string | null = null;
  send(channel: string, payload: unknown): void {
    this.sent.push([channel, payload]);
  }
  isDestroyed(): boolean {
    return false;
  }
  /** Pages "load" at once here (loadURL resolves immediately). */
  isLoading(): boolean {
    return false;
  }
  setWindowOpenHandler(handler: Listener): void {
    this.openHandler = handler;
  }
  setWebRTCIPHandlingPolicy(policy: string): void {
    this.webRtcIpHandling = policy;
  }
}

export class FakeBrowserWindow extends EventEmitter {
  readonly webContents = new FakeWebContents();
  destroyed = false;
  visible = false;
  constructor(readonly options: { show?: boolean; webPreferences?: Record<string, unknown> }) {
    super();
    recorded.windows.push(this);
    app.emit('web-contents-created', {}, this.webContents);
  }
  async loadURL(url: string): Promise<void> {
    this.webContents.url = url;
    this.webContents.mainFrame.url = url;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  destroy(): void {
    this.destroyed = true;
  }
  /** What the agent clicking the window's close box does: 'close' (preventable), then 'closed'. */
  requestClose(): boolean {
    let prevented = false;
    this.emit('close', { preventDefault: () => (prevented = true) });
    if (prevented) return false;
    this.destroyed = true;
    this.emit('closed');
    return true;
  }
  hide(): void {
    this.visible = false;
  }
  /** A reload of the page (Ctrl+R, or main after a crash) starts loading again. */
  reload(): void {
    this.webContents.emit('did-start-loading');
  }
  isFocused(): boolean {
    return false;
  }
  isMinimized(): boolean {
    return false;
  }
  restore(): void {}
  show(): void {
    this.visible = true;
  }
  focus(): void {}
}
export { FakeBrowserWindow as BrowserWindow };

export const protocol = {
  registerSchemesAsPrivileged: (schemes: unknown[]) => recorded.privilegedSchemes.push(...schemes),
  handle: (scheme: string, handler: (request: Request) => Promise<Response>) => recorded.protocolHandlers.set(scheme, handler),
};

export const ipcMain = {
  handle: (channel: string, handler: (event: unknown, ...args: unknown[]) => Promise<unknown>) => recorded.ipcHandlers.set(channel, handler),
  removeHandler: (channel: string) => recorded.ipcHandlers.delete(channel),
  on: (channel: string, listener: (event: unknown, ...args: unknown[]) => void) => {
    recorded.ipcListeners.set(channel, [...(recorded.ipcListeners.get(channel) ?? []), listener]);
  },
  removeListener: (channel: string, listener: (event: unknown, ...args: unknown[]) => void) => {
    recorded.ipcListeners.set(channel, (recorded.ipcListeners.get(channel) ?? []).filter((l) => l !== listener));
  },
};

export const session = {
  defaultSession: {
    webRequest: { onHeadersReceived: (listener: Listener) => (recorded.headersHook = listener) },
    setPermissionRequestHandler: (handler: Listener) => (recorded.permissionRequest = handler),
    setPermissionCheckHandler: (handler: Listener) => (recorded.permissionCheck = handler),
    setDevicePermissionHandler: (handler: Listener) => (recorded.devicePermission = handler),
    on: (event: string, listener: Listener) => recorded.sessionListeners.set(event, listener),
  },
};

export class Tray extends EventEmitter {
  tooltip = '';
  setToolTip(text: string): void {
    this.tooltip = text;
  }
  setContextMenu(): void {}
  destroy(): void {}
}
export const Menu = { buildFromTemplate: (template: unknown) => template };
export const nativeImage = { createFromPath: () => ({ resize: () => ({}) }) };
export class Notification extends EventEmitter {
  static isSupported(): boolean {
    return false;
  }
  show(): void {}
}
export const powerSaveBlocker = { start: () => 1, stop: () => true };
export const shell = { openExternal: async () => undefined };
export const globalShortcut = {
  register: (): boolean => true,
  unregister: (): void => undefined,
};
