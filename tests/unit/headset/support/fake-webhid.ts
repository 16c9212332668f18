/**
 * WebHID without a browser: devices built from the recorded headsets, which send the recorded
 * input reports and keep every output report they are sent. The headless Chromium of the tests
 * has no HID devices, which is why the reports are recorded.
 */
import type { ConnectionListener, InputReportListener, WebHid, WebHidDevice, WebHidRequestOptions } from '../../../../src-renderer/headset/webhid';
import type { HidCollectionInfo } from '../../../../src-common/headset/hid-collections';
import { inputOf, loadHidFixture, toHex, type HidFixture } from './hid-fixtures';

export class FakeHidDevice implements WebHidDevice {
  opened = false;
  failOpen = false;
  readonly sent: { reportId: number; data: string }[] = [];
  readonly vendorId: number;
  readonly productId: number;
  readonly productName: string;
  readonly collections: readonly HidCollectionInfo[];
  private readonly listeners = new Set<InputReportListener>();

  constructor(readonly fixture: HidFixture) {
    this.vendorId = fixture.vendorId;
    this.productId = fixture.productId;
    this.productName = fixture.productName;
    this.collections = fixture.collections;
  }

  static of(file: string): FakeHidDevice {
    return new FakeHidDevice(loadHidFixture(file));
  }

  async open(): Promise<void> {
    if (this.failOpen) throw new DOMException('Failed to open the device.', 'NotAllowedError');
    this.opened = true;
  }

  async close(): Promise<void> {
    this.opened = false;
  }

  async sendReport(reportId: number, data: Uint8Array<ArrayBuffer>): Promise<void> {
    if (!this.opened) throw new DOMException('The device must be opened first.', 'InvalidStateError');
    this.sent.push({ reportId, data: toHex(data) });
  }

  addEventListener(_type: 'inputreport', listener: InputReportListener): void {
    this.listeners.add(listener);
  }

  removeEventListener(_type: 'inputreport', listener: InputReportListener): void {
    this.listeners.delete(listener);
  }

  get listening(): number {
    return this.listeners.size;
  }

  /** Sends the recorded input report `id` (see the fixture's `inputs`). */
  press(id: string): void {
    const { reportId, data } = inputOf(this.fixture, id);
    const event = { reportId, data: new DataView(data.buffer, data.byteOffset, data.byteLength) };
    for (const listener of [...this.listeners]) listener(event);
  }
}

export class FakeHid implements WebHid {
  /** Devices this page may use (plugged in and granted). */
  granted: FakeHidDevice[] = [];
  /** What the chooser answers next (the agent's pick; [] = cancelled). */
  chooserAnswer: FakeHidDevice[] = [];
  readonly requests: WebHidRequestOptions[] = [];
  private readonly listeners = { connect: new Set<ConnectionListener>(), disconnect: new Set<ConnectionListener>() };

  async getDevices(): Promise<WebHidDevice[]> {
    return [...this.granted];
  }

  async requestDevice(options: WebHidRequestOptions): Promise<WebHidDevice[]> {
    this.requests.push(options);
    for (const device of this.chooserAnswer) if (!this.granted.includes(device)) this.granted.push(device);
    return [...this.chooserAnswer];
  }

  addEventListener(type: 'connect' | 'disconnect', listener: ConnectionListener): void {
    this.listeners[type].add(listener);
  }

  removeEventListener(type: 'connect' | 'disconnect', listener: ConnectionListener): void {
    this.listeners[type].delete(listener);
  }

  unplug(device: FakeHidDevice): void {
    this.granted = this.granted.filter((candidate) => candidate !== device);
    device.opened = false;
    for (const listener of [...this.listeners.disconnect]) listener({ device });
  }

  plug(device: FakeHidDevice): void {
    this.granted.push(device);
    for (const listener of [...this.listeners.connect]) listener({ device });
  }
}

/** Lets pending promise callbacks (device open, getDevices) run. */
export async function settle(): Promise<void> {
  for (let round = 0; round < 10; round += 1) await Promise.resolve();
}
