/**
 * A telephony headset's call buttons and lights in this window, over WebHID.
 *
 * On start it follows a headset the browser already granted (the one chosen last, when several
 * are), and it follows plugging and unplugging: an unplugged headset comes back by itself.
 * Button presses become the same phone actions as the keyboard shortcuts and the system-wide
 * hotkeys (`PhoneActions`), so a headset can do nothing a key could not. The lights follow the
 * app store: Ring while a call rings, Off-Hook while one is up, Mute and Microphone while muted,
 * Hold while held. They are sent again after every press, because headsets keep their own hook
 * and mute state until the host answers with the matching light, and fall back without it.
 */
import { z } from 'zod';
import { quirksFor, type ResolvedQuirks } from '../../src-common/headset/headset-quirks';
import { telephonyLayout, type TelephonyLayout } from '../../src-common/headset/telephony-layout';
import { indicatorReports, readButtons } from '../../src-common/headset/telephony-reports';
import { log } from '../log';
import type { PhoneActions } from '../phone/phone-keys';
import type { AppStore } from '../store/app-store';
import type { HeadsetStatus } from '../store/headset-slice';
import { FRESH_MEMORY, readPresses, rememberLights, type ButtonMemory } from './headset-buttons';
import { callSituation, indicatorsFor } from './headset-indicators';
import { TELEPHONY_FILTER, type ConnectionListener, type InputReportListener, type WebHid, type WebHidDevice } from './webhid';

export interface HeadsetController {
  /** Opens the browser's chooser (only from a click); the headset picked replaces the current one. */
  choose(): Promise<void>;
  dispose(): void;
}

export interface HeadsetControllerDeps {
  hid: WebHid | null;
  app: AppStore;
  actions: PhoneActions;
  /** Keeps which headset the agent chose, so it wins over other granted ones on the next start. */
  storage?: Pick<Storage, 'getItem' | 'setItem'> | null;
  /** How long the phone gets to act on a press before the lights are shown again anyway. */
  settleMs?: number;
}

const CHOSEN_KEY = 'centralita.headset';
const Chosen = z.object({ vendorId: z.number(), productId: z.number(), productName: z.string() });
type Chosen = z.infer<typeof Chosen>;

interface Following {
  readonly device: WebHidDevice;
  readonly layout: TelephonyLayout;
  readonly quirks: ResolvedQuirks;
  memory: ButtonMemory;
  /** The lights last sent, to send only changes (presses always send again). */
  lastSent: string | null;
  /** Reports go out one after another: some headsets drop a report sent while one is in flight. */
  sending: Promise<void>;
}

const hex4 = (value: number) => value.toString(16).padStart(4, '0');

export function headsetName(device: WebHidDevice): string {
  return device.productName.trim() || `USB ${hex4(device.vendorId)}:${hex4(device.productId)}`;
}

/** Among granted devices: the one chosen last if it is there, else the first with call controls. */
export function preferredHeadset(devices: readonly WebHidDevice[], chosen: Chosen | null): WebHidDevice | null {
  const usable = devices.filter((device) => telephonyLayout(device.collections) !== null);
  const isChosen = (device: WebHidDevice) =>
    chosen !== null && device.vendorId === chosen.vendorId && device.productId === chosen.productId && device.productName === chosen.productName;
  return usable.find(isChosen) ?? usable[0] ?? null;
}

/** The page's localStorage, or null where the page may not use it. */
export function pageStorage(win: Window): Storage | null {
  try {
    return win.localStorage;
  } catch {
    return null;
  }
}

export function createHeadsetController({ hid, app, actions, storage = null, settleMs = 1000 }: HeadsetControllerDeps): HeadsetController {
  const setStatus = (status: HeadsetStatus) => app.getState().setHeadsetStatus(status);
  if (!hid) {
    setStatus({ kind: 'unsupported' });
    return { choose: async () => undefined, dispose: () => undefined };
  }
  const webHid = hid;
  let following: Following | null = null;
  /** Bumped by every adopt/unplug, so an open that finishes late does not take over. */
  let generation = 0;
  let settleTimer: ReturnType<typeof setTimeout> | null = null;
  let disposed = false;

  function chosenBefore(): Chosen | null {
    try {
      const parsed = Chosen.safeParse(JSON.parse(storage?.getItem(CHOSEN_KEY) ?? 'null'));
      return parsed.success ? parsed.data : null;
    } catch {
      return null;
    }
  }

  function rememberChoice(device: WebHidDevice): void {
    try {
      storage?.setItem(CHOSEN_KEY, JSON.stringify({ vendorId: device.vendorId, productId: device.productId, productName: device.productName } satisfies Chosen));
    } catch (error) {
      log.warn('headset choice not remembered', error);
    }
  }

  function sendLights(force: boolean): void {
    const target = following;
    if (!target) return;
    const lit = indicatorsFor(app.getState());
    const key = JSON.stringify(lit);
    if (!force && key === target.lastSent) return;
    target.lastSent = key;
    target.memory = rememberLights(target.memory, lit);
    for (const report of indicatorReports(target.layout, lit)) {
      target.sending = target.sending
        .then(() => target.device.sendReport(report.reportId, report.data))
        .catch((error: unknown) => log.warn('headset light report not sent', error));
    }
  }

  function sendLightsAfterSettling(): void {
    if (settleTimer !== null) clearTimeout(settleTimer);
    settleTimer = setTimeout(() => {
      settleTimer = null;
      sendLights(true);
    }, settleMs);
  }

  const onReport: InputReportListener = (event) => {
    const target = following;
    if (!target) return;
    const readings = readButtons(target.layout, event.reportId, event.data);
    if (readings.length === 0) return;
    const outcome = readPresses(target.memory, readings, target.quirks, callSituation(app.getState()));
    target.memory = outcome.memory;
    for (const action of outcome.actions) actions(action);
    // After an action the store's change brings the new lights; the timer covers an action the
    // phone could not take. Without one, the headset gets our state back at once.
    if (outcome.actions.length > 0) sendLightsAfterSettling();
    else if (outcome.echo) sendLights(true);
  };

  async function release(): Promise<void> {
    const target = following;
    following = null;
    if (!target) return;
    target.device.removeEventListener('inputreport', onReport);
    await target.sending;
    await target.device.close().catch((error: unknown) => log.warn('headset not closed', error));
  }

  async function adopt(device: WebHidDevice): Promise<void> {
    const mine = (generation += 1);
    await release();
    const name = headsetName(device);
    const layout = telephonyLayout(device.collections);
    if (!layout) {
      setStatus({ kind: 'failed', name, reason: 'no-controls' });
      return;
    }
    setStatus({ kind: 'connecting', name });
    try {
      if (!device.opened) await device.open();
    } catch (error) {
      log.warn('headset could not be opened', error);
      if (mine === generation) setStatus({ kind: 'failed', name, reason: 'open' });
      return;
    }
    if (mine !== generation || disposed) return;
    const quirks = quirksFor(device.vendorId, device.productId);
    following = { device, layout, quirks, memory: FRESH_MEMORY, lastSent: null, sending: Promise.resolve() };
    device.addEventListener('inputreport', onReport);
    log.info('headset connected', { name, vendor: quirks.vendor, vendorId: device.vendorId, productId: device.productId });
    sendLights(true);
    setStatus({ kind: 'connected', name });
  }

  async function followGranted(): Promise<void> {
    try {
      const device = preferredHeadset(await webHid.getDevices(), chosenBefore());
      if (device && !disposed) await adopt(device);
    } catch (error) {
      log.warn('granted headsets not listed', error);
    }
  }

  const onConnect: ConnectionListener = () => {
    if (following === null) void followGranted();
  };

  const onDisconnect: ConnectionListener = ({ device }) => {
    if (following?.device !== device) return;
    device.removeEventListener('inputreport', onReport);
    following = null;
    generation += 1;
    setStatus({ kind: 'unplugged', name: headsetName(device) });
    // Another granted headset still plugged in takes over; else it waits for a plug.
    void followGranted();
  };

  webHid.addEventListener('connect', onConnect);
  webHid.addEventListener('disconnect', onDisconnect);
  const unsubscribe = app.subscribe(() => sendLights(false));
  setStatus({ kind: 'none' });
  void followGranted();

  return {
    async choose() {
      let picked: WebHidDevice[];
      try {
        picked = await webHid.requestDevice(TELEPHONY_FILTER);
      } catch (error) {
        log.warn('headset chooser failed', error);
        return;
      }
      const first = picked[0];
      if (!first) return;
      const device = preferredHeadset(picked, null);
      if (!device) {
        setStatus({ kind: 'failed', name: headsetName(first), reason: 'no-controls' });
        return;
      }
      rememberChoice(device);
      if (device !== following?.device) await adopt(device);
    },
    dispose() {
      disposed = true;
      webHid.removeEventListener('connect', onConnect);
      webHid.removeEventListener('disconnect', onDisconnect);
      unsubscribe();
      if (settleTimer !== null) clearTimeout(settleTimer);
      void release();
    },
  };
}
