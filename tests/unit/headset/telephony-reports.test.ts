/**
 * Reading and writing headset reports against the recorded headsets: each recorded input report
 * must decode to the buttons the recording says, and each light state must encode to the exact
 * bytes the headset expects. A bit position off by one (a forgotten padding item, an ignored
 * report ID, a range read as one usage, an array read as bits) fails here.
 */
import { describe, expect, it } from 'vitest';
import { telephonyLayout, type TelephonyLayout } from '../../../src-common/headset/telephony-layout';
import { indicatorReports, readButtons, type IndicatorState } from '../../../src-common/headset/telephony-reports';
import type { HidCollectionInfo } from '../../../src-common/headset/hid-collections';
import { extendedUsage } from '../../../src-common/headset/hid-usages';
import { fixtureFiles, hexBytes, loadHidFixture, toHex } from './support/hid-fixtures';

function layoutOf(collections: readonly HidCollectionInfo[]): TelephonyLayout {
  const layout = telephonyLayout(collections);
  if (!layout) throw new Error('no telephony layout');
  return layout;
}

const view = (bytes: Uint8Array) => new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);

describe.each(fixtureFiles())('%s', (file) => {
  const fixture = loadHidFixture(file);
  const layout = layoutOf(fixture.collections);

  it.each(fixture.inputs.map((input) => [input.id, input] as const))('decodes "%s"', (_id, input) => {
    const readings = readButtons(layout, input.reportId, view(hexBytes(input.data)));
    expect(Object.fromEntries(readings.map((reading) => [reading.button, reading.value]))).toEqual(input.buttons);
  });

  it.each(fixture.indicators.map((case_) => [case_.what, case_] as const))('encodes the lights for "%s"', (_what, case_) => {
    const reports = indicatorReports(layout, case_.state as IndicatorState);
    expect(reports.map((report) => ({ reportId: report.reportId, data: toHex(report.data) }))).toEqual(case_.reports);
  });
});

describe('where the controls sit', () => {
  it('Jabra: telephony on report 2, hook switch bit 0, mute bit 2 (after two 1-bit fields), lights in one byte', () => {
    const layout = layoutOf(loadHidFixture('jabra-evolve2-link380.json').collections);
    expect(layout.buttons.hookSwitch).toEqual([{ kind: 'variable', relative: false, field: { reportId: 2, bitOffset: 0, bitSize: 1, logicalMinimum: 0, logicalMaximum: 1 } }]);
    expect(layout.buttons.phoneMute?.[0]).toMatchObject({ kind: 'variable', relative: true, field: { reportId: 2, bitOffset: 2 } });
    expect(layout.indicators.ringer?.[0]?.field).toMatchObject({ reportId: 2, bitOffset: 5 });
    expect(layout.outputReportBytes).toEqual({ 2: 1 });
  });

  it('Poly: a relative hook switch, lights on their own report with a usage range, hold and reject in a 2-bit array', () => {
    const layout = layoutOf(loadHidFixture('poly-blackwire-3220.json').collections);
    expect(layout.buttons.hookSwitch?.[0]).toMatchObject({ kind: 'variable', relative: true });
    expect(layout.buttons.hold).toEqual([{ kind: 'array', fieldCount: 1, value: 1, relative: false, field: { reportId: 2, bitOffset: 4, bitSize: 2, logicalMinimum: 1, logicalMaximum: 2 } }]);
    expect(layout.buttons.lineBusyTone?.[0]).toMatchObject({ kind: 'array', value: 2 });
    expect(layout.indicators.offHook?.[0]?.field).toMatchObject({ reportId: 3, bitOffset: 1 });
    expect(layout.indicators.ring?.[0]?.field).toMatchObject({ reportId: 3, bitOffset: 2 });
  });

  it('EPOS: no report IDs (ID 0), hook switch after the vendor byte, counted once although a sub-collection lists it too', () => {
    const layout = layoutOf(loadHidFixture('epos-impact-sdw.json').collections);
    expect(layout.buttons.hookSwitch).toEqual([{ kind: 'variable', relative: false, field: { reportId: 0, bitOffset: 8, bitSize: 1, logicalMinimum: 0, logicalMaximum: 1 } }]);
    expect(layout.buttons.phoneMute?.[0]?.field.bitOffset).toBe(10);
  });

  it('a device without a Telephony collection has no layout, and neither has one with no control we know', () => {
    expect(telephonyLayout([{ usagePage: 0x0c, usage: 1, inputReports: [{ reportId: 1, items: [{ usages: [extendedUsage(0x0c, 0xe9)], reportSize: 1, reportCount: 1 }] }] }])).toBeNull();
    expect(telephonyLayout([{ usagePage: 0x0b, usage: 5, inputReports: [{ reportId: 1, items: [{ usages: [extendedUsage(0x0b, 0xb0)], reportSize: 1, reportCount: 1 }] }] }])).toBeNull();
    expect(telephonyLayout(undefined)).toBeNull();
  });
});

describe('reading and writing fields', () => {
  const usage = (id: number) => extendedUsage(0x0b, id);
  const led = (id: number) => extendedUsage(0x08, id);

  it('a field that straddles a byte is read and written little-endian, bit by bit', () => {
    const layout = layoutOf([{
      usagePage: 0x0b, usage: 5,
      inputReports: [{ reportId: 4, items: [
        { isConstant: true, reportSize: 6, reportCount: 1 },
        { usages: [usage(0x20)], reportSize: 4, reportCount: 1, logicalMinimum: 0, logicalMaximum: 15, isAbsolute: true },
      ] }],
      outputReports: [{ reportId: 4, items: [
        { isConstant: true, reportSize: 7, reportCount: 1 },
        { usages: [led(0x18)], reportSize: 2, reportCount: 1, logicalMinimum: 0, logicalMaximum: 1 },
      ] }],
    }]);
    // bits 6..9 hold 0b1011 → byte 0 bits 6,7 = 1,1; byte 1 bits 0,1 = 0,1.
    expect(readButtons(layout, 4, view(Uint8Array.from([0b1100_0000, 0b0000_0010])))).toEqual([{ button: 'hookSwitch', value: 0b1011, relative: false }]);
    expect(readButtons(layout, 5, view(Uint8Array.from([0xff, 0xff])))).toEqual([]);
    expect(toHex(indicatorReports(layout, { ring: true })[0]?.data ?? new Uint8Array())).toBe('80 00');
  });

  it('a variable item with fewer usages than fields repeats the last one; constant items only move the position', () => {
    const layout = layoutOf([{
      usagePage: 0x0b, usage: 5,
      outputReports: [{ reportId: 1, items: [
        { isConstant: true, usages: [led(0x17)], reportSize: 3, reportCount: 1 },
        { usages: [led(0x09), led(0x17)], reportSize: 1, reportCount: 3, logicalMinimum: 0, logicalMaximum: 1 },
      ] }],
    }]);
    expect(layout.indicators.mute?.map((place) => place.field.bitOffset)).toEqual([3]);
    expect(layout.indicators.offHook?.map((place) => place.field.bitOffset)).toEqual([4, 5]);
    expect(toHex(indicatorReports(layout, { offHook: true })[0]?.data ?? new Uint8Array())).toBe('30');
  });

  it('an array of lights lists the lit ones, one per field, and "none" where nothing is lit', () => {
    const layout = layoutOf([{
      usagePage: 0x0b, usage: 5,
      outputReports: [{ reportId: 2, items: [{ isArray: true, usages: [led(0x17), led(0x18), led(0x09)], reportSize: 8, reportCount: 2, logicalMinimum: 1, logicalMaximum: 3 }] }],
    }]);
    const bytes = (state: IndicatorState) => toHex(indicatorReports(layout, state)[0]?.data ?? new Uint8Array());
    expect(bytes({})).toBe('00 00');
    expect(bytes({ offHook: true, mute: true })).toBe('01 03');
    expect(bytes({ ring: true })).toBe('02 00');
  });

  it('a control in two reports is read from either and lit in both', () => {
    const report = (reportId: number) => ({ reportId, items: [{ usages: [usage(0x20), led(0x17)], reportSize: 1, reportCount: 2, logicalMinimum: 0, logicalMaximum: 1 }] });
    const layout = layoutOf([{ usagePage: 0x0b, usage: 5, inputReports: [report(1), report(4)], outputReports: [report(1), report(4)] }]);
    expect(readButtons(layout, 4, view(Uint8Array.from([1])))).toEqual([{ button: 'hookSwitch', value: 1, relative: false }]);
    expect(indicatorReports(layout, { offHook: true }).map((r) => [r.reportId, toHex(r.data)])).toEqual([[1, '02'], [4, '02']]);
  });

  it('a signed field reads negative values', () => {
    const layout = layoutOf([{ usagePage: 0x0b, usage: 5, inputReports: [{ reportId: 0, items: [{ usages: [usage(0x24)], reportSize: 4, reportCount: 1, logicalMinimum: -8, logicalMaximum: 7, isAbsolute: false }] }] }]);
    expect(readButtons(layout, 0, view(Uint8Array.from([0x0f])))).toEqual([{ button: 'redial', value: -1, relative: true }]);
  });
});
