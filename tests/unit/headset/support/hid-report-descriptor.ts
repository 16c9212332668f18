/**
 * Turns a HID report descriptor (the bytes a device sends, as hid-recorder and usbhid-dump print
 * them) into the collections WebHID shows a page, the way Chromium builds them: one item per
 * main item, extended usages (page << 16 | id), a usage range kept as minimum and maximum, and
 * each top-level collection listing every item of its reports in order while a sub-collection
 * lists only its own part. The fixtures keep both, and a test checks they agree, so a fixture's
 * JSON cannot drift from the descriptor it claims to render.
 *
 * Enough of HID 1.11 §6.2.2 for headsets: short items, Push/Pop, no long items, no delimiters.
 * Units, designators and strings are not rendered (nothing here reads them).
 */
import type { HidCollectionInfo, HidReportInfo, HidReportItem } from '../../../../src-common/headset/hid-collections';

interface Globals {
  usagePage: number;
  logicalMinimum: number;
  logicalMaximum: number;
  /** The same bytes read unsigned: `25 FF` is 255 when the minimum is not negative. */
  logicalMaximumUnsigned: number;
  physicalMinimum: number;
  physicalMaximum: number;
  reportSize: number;
  reportCount: number;
  reportId: number;
}

interface Locals {
  usages: number[];
  usageMinimum: number | null;
  usageMaximum: number | null;
}

interface ReportBuilder {
  reportId: number;
  items: HidReportItem[];
}

interface CollectionBuilder {
  usagePage: number;
  usage: number;
  type: number;
  children: CollectionBuilder[];
  inputReports: ReportBuilder[];
  outputReports: ReportBuilder[];
  featureReports: ReportBuilder[];
}

type ReportKind = 'inputReports' | 'outputReports' | 'featureReports';

/** Reads "05 0B  Usage Page (Telephony)" lines: the hex bytes before the first run of two spaces. */
export function descriptorBytes(lines: readonly string[]): number[] {
  return lines.flatMap((line) => {
    const hex = line.split(/\s{2,}/)[0]?.trim() ?? '';
    return hex === '' ? [] : hex.split(/\s+/).map((byte) => {
      const value = Number.parseInt(byte, 16);
      if (!/^[0-9a-f]{2}$/i.test(byte) || Number.isNaN(value)) throw new Error(`not a descriptor byte: "${byte}" in "${line}"`);
      return value;
    });
  });
}

function unsignedData(bytes: readonly number[]): number {
  return bytes.reduce((value, byte, index) => value + byte * 2 ** (8 * index), 0);
}

function signedData(bytes: readonly number[]): number {
  const value = unsignedData(bytes);
  const bits = bytes.length * 8;
  return bits > 0 && value >= 2 ** (bits - 1) ? value - 2 ** bits : value;
}

function extended(usage: number, size: number, page: number): number {
  return size === 4 ? usage >>> 0 : ((page & 0xffff) * 0x10000 + (usage & 0xffff)) >>> 0;
}

function reportIn(list: ReportBuilder[], reportId: number): ReportBuilder {
  const found = list.find((report) => report.reportId === reportId);
  if (found) return found;
  const report = { reportId, items: [] };
  list.push(report);
  return report;
}

function mainItem(flags: number, globals: Globals, locals: Locals, output: boolean): HidReportItem {
  const isRange = locals.usageMinimum !== null && locals.usageMaximum !== null;
  const logicalMaximum = globals.logicalMinimum >= 0 && globals.logicalMaximum < 0 ? globals.logicalMaximumUnsigned : globals.logicalMaximum;
  return {
    isAbsolute: (flags & 0x04) === 0,
    isArray: (flags & 0x02) === 0,
    isBufferedBytes: (flags & 0x100) !== 0,
    isConstant: (flags & 0x01) !== 0,
    isLinear: (flags & 0x10) === 0,
    isRange,
    isVolatile: output && (flags & 0x80) !== 0,
    hasNull: (flags & 0x40) !== 0,
    hasPreferredState: (flags & 0x20) === 0,
    wrap: (flags & 0x08) !== 0,
    usages: isRange ? [] : [...locals.usages],
    ...(isRange ? { usageMinimum: locals.usageMinimum ?? 0, usageMaximum: locals.usageMaximum ?? 0 } : {}),
    reportSize: globals.reportSize,
    reportCount: globals.reportCount,
    logicalMinimum: globals.logicalMinimum,
    logicalMaximum,
    physicalMinimum: globals.physicalMinimum,
    physicalMaximum: globals.physicalMaximum,
  } as HidReportItem;
}

function render(collection: CollectionBuilder): HidCollectionInfo {
  const reports = (list: ReportBuilder[]): HidReportInfo[] => list.map((report) => ({ reportId: report.reportId, items: report.items }));
  return {
    usagePage: collection.usagePage,
    usage: collection.usage,
    type: collection.type,
    children: collection.children.map(render),
    inputReports: reports(collection.inputReports),
    outputReports: reports(collection.outputReports),
    featureReports: reports(collection.featureReports),
  };
}

export function collectionsFromDescriptor(bytes: readonly number[]): HidCollectionInfo[] {
  const topLevel: CollectionBuilder[] = [];
  const open: CollectionBuilder[] = [];
  let globals: Globals = { usagePage: 0, logicalMinimum: 0, logicalMaximum: 0, logicalMaximumUnsigned: 0, physicalMinimum: 0, physicalMaximum: 0, reportSize: 0, reportCount: 0, reportId: 0 };
  const pushed: Globals[] = [];
  let locals: Locals = { usages: [], usageMinimum: null, usageMaximum: null };

  let at = 0;
  while (at < bytes.length) {
    const prefix = bytes[at] ?? 0;
    if (prefix === 0xfe) throw new Error('long items are not supported');
    const size = [0, 1, 2, 4][prefix & 0x03] ?? 0;
    const type = (prefix >> 2) & 0x03;
    const tag = prefix >> 4;
    const data = bytes.slice(at + 1, at + 1 + size);
    if (data.length !== size) throw new Error(`descriptor ends inside an item at byte ${at}`);
    at += 1 + size;

    if (type === 1) {
      switch (tag) {
        case 0x0: globals.usagePage = unsignedData(data); break;
        case 0x1: globals.logicalMinimum = signedData(data); break;
        case 0x2:
          globals.logicalMaximum = signedData(data);
          globals.logicalMaximumUnsigned = unsignedData(data);
          break;
        case 0x3: globals.physicalMinimum = signedData(data); break;
        case 0x4: globals.physicalMaximum = signedData(data); break;
        case 0x7: globals.reportSize = unsignedData(data); break;
        case 0x8: globals.reportId = unsignedData(data); break;
        case 0x9: globals.reportCount = unsignedData(data); break;
        case 0xa: pushed.push({ ...globals }); break;
        case 0xb: globals = pushed.pop() ?? globals; break;
        default: break; // unit exponent, unit: not rendered
      }
      continue;
    }
    if (type === 2) {
      const value = extended(unsignedData(data), size, globals.usagePage);
      if (tag === 0x0) locals.usages.push(value);
      else if (tag === 0x1) locals.usageMinimum = value;
      else if (tag === 0x2) locals.usageMaximum = value;
      continue;
    }
    if (type !== 0) throw new Error(`reserved item type at byte ${at}`);

    const flags = unsignedData(data);
    if (tag === 0xa) {
      const usage = locals.usages[0] ?? 0;
      const collection: CollectionBuilder = {
        usagePage: Math.floor(usage / 0x10000), usage: usage & 0xffff, type: flags,
        children: [], inputReports: [], outputReports: [], featureReports: [],
      };
      (open[open.length - 1]?.children ?? topLevel).push(collection);
      open.push(collection);
    } else if (tag === 0xc) {
      if (!open.pop()) throw new Error('End Collection without a collection');
    } else {
      const kind: ReportKind | null = tag === 0x8 ? 'inputReports' : tag === 0x9 ? 'outputReports' : tag === 0xb ? 'featureReports' : null;
      const top = open[0];
      if (!kind || !top) throw new Error(`main item ${tag.toString(16)} outside a collection`);
      const item = mainItem(flags, globals, locals, kind !== 'inputReports');
      reportIn(top[kind], globals.reportId).items.push(item);
      const inner = open[open.length - 1];
      if (inner && inner !== top) reportIn(inner[kind], globals.reportId).items.push(item);
    }
    locals = { usages: [], usageMinimum: null, usageMaximum: null };
  }
  if (open.length > 0) throw new Error('descriptor ends with an open collection');
  return topLevel.map(render);
}
