/**
 * The part of WebHID (navigator.hid) the headset controller uses. TypeScript's DOM library does
 * not describe WebHID, and the headless Chromium of the tests has no devices, so the controller
 * depends on this small shape: the browser's objects fit it, and so does a recorded fake.
 */
import type { HidCollectionInfo } from '../../src-common/headset/hid-collections';
import { USAGE_PAGE_TELEPHONY } from '../../src-common/headset/hid-usages';

export interface WebHidInputReport {
  readonly reportId: number;
  /** The report's bytes after the report ID. */
  readonly data: DataView;
}

export type InputReportListener = (event: WebHidInputReport) => void;

export interface WebHidDevice {
  readonly opened: boolean;
  readonly vendorId: number;
  readonly productId: number;
  readonly productName: string;
  readonly collections: readonly HidCollectionInfo[];
  open(): Promise<void>;
  close(): Promise<void>;
  sendReport(reportId: number, data: Uint8Array<ArrayBuffer>): Promise<void>;
  addEventListener(type: 'inputreport', listener: InputReportListener): void;
  removeEventListener(type: 'inputreport', listener: InputReportListener): void;
}

export interface WebHidConnection {
  readonly device: WebHidDevice;
}

export type ConnectionListener = (event: WebHidConnection) => void;

export interface WebHidRequestOptions {
  readonly filters: readonly { readonly usagePage?: number; readonly usage?: number; readonly vendorId?: number; readonly productId?: number }[];
}

export interface WebHid {
  getDevices(): Promise<WebHidDevice[]>;
  /** Shows the browser's chooser; only from a click (user activation). */
  requestDevice(options: WebHidRequestOptions): Promise<WebHidDevice[]>;
  addEventListener(type: 'connect' | 'disconnect', listener: ConnectionListener): void;
  removeEventListener(type: 'connect' | 'disconnect', listener: ConnectionListener): void;
}

/** The chooser lists telephony devices only: headsets, handsets, speakerphones. */
export const TELEPHONY_FILTER: WebHidRequestOptions = { filters: [{ usagePage: USAGE_PAGE_TELEPHONY }] };

function hasMethods(value: object, names: readonly string[]): boolean {
  return names.every((name) => typeof (value as Record<string, unknown>)[name] === 'function');
}

/** navigator.hid when this browser has WebHID (Chromium on a secure page, Electron), else null. */
export function webHidOf(navigator: Navigator): WebHid | null {
  const hid: unknown = (navigator as Navigator & { readonly hid?: unknown }).hid;
  if (typeof hid !== 'object' || hid === null) return null;
  return hasMethods(hid, ['getDevices', 'requestDevice', 'addEventListener', 'removeEventListener']) ? (hid as WebHid) : null;
}
