/**
 * Where a headset's call buttons and lights sit in its reports, computed from the collections
 * WebHID hands over: for each control, the report ID and the bit position of its field, counted
 * over every item of the report in order (constant padding included), `reportSize` × `reportCount`
 * bits per item. Variable items carry one usage per field (the last one repeats, a usage range
 * counts up); array items carry usage indexes instead, so a button there is "pressed" while any
 * of the item's fields holds its index.
 *
 * A control may sit in several reports (some dongles repeat their telephony report under a
 * second ID for another app); every place is kept, so a press is read whichever report brings it
 * and a light is set in each.
 */
import type { HidCollectionInfo, HidReportInfo, HidReportItem } from './hid-collections';
import {
  HEADSET_INDICATOR_USAGES,
  TELEPHONY_BUTTON_USAGES,
  USAGE_PAGE_TELEPHONY,
  type HeadsetIndicator,
  type TelephonyButton,
} from './hid-usages';

/** One field (or the first of an array's fields) inside a report. */
export interface FieldPlace {
  readonly reportId: number;
  /** Counted from the first byte after the report ID (WebHID strips the ID byte). */
  readonly bitOffset: number;
  readonly bitSize: number;
  readonly logicalMinimum: number;
  readonly logicalMaximum: number;
}

export type ControlPlace =
  | { readonly kind: 'variable'; readonly field: FieldPlace; readonly relative: boolean }
  | {
      readonly kind: 'array';
      readonly field: FieldPlace;
      readonly fieldCount: number;
      /** The value a field holds while this usage is asserted. */
      readonly value: number;
      readonly relative: boolean;
    };

export interface TelephonyLayout {
  readonly buttons: Readonly<Partial<Record<TelephonyButton, readonly ControlPlace[]>>>;
  readonly indicators: Readonly<Partial<Record<HeadsetIndicator, readonly ControlPlace[]>>>;
  /** Length in bytes (without the report ID) of each output report that carries an indicator. */
  readonly outputReportBytes: Readonly<Record<number, number>>;
}

/** A HID field is at most 32 bits (HID 1.11, 8.2); anything wider is not a button or a light. */
const MAX_FIELD_BITS = 32;
/** Enough for any real usage range; keeps a hostile descriptor from making us loop for long. */
const MAX_ARRAY_USAGES = 1024;

const BUTTON_BY_USAGE = reverse(TELEPHONY_BUTTON_USAGES);
const INDICATOR_BY_USAGE = reverse(HEADSET_INDICATOR_USAGES);

function reverse<K extends string>(table: Readonly<Record<K, number>>): ReadonlyMap<number, K> {
  return new Map(Object.entries<number>(table).map(([name, usage]) => [usage, name as K]));
}

/** The usage of field `index` of a variable item, or null when the item names none (padding). */
function variableUsage(item: HidReportItem, index: number): number | null {
  const usages = item.usages ?? [];
  if (usages.length > 0) return usages[Math.min(index, usages.length - 1)] ?? null;
  if (item.isRange && item.usageMinimum !== undefined && item.usageMaximum !== undefined) {
    return Math.min(item.usageMinimum + index, item.usageMaximum);
  }
  return null;
}

/** The usages an array item can name, in the order of the values that name them. */
function arrayUsages(item: HidReportItem): readonly number[] {
  const usages = item.usages ?? [];
  if (usages.length > 0) return usages.slice(0, MAX_ARRAY_USAGES);
  if (item.isRange && item.usageMinimum !== undefined && item.usageMaximum !== undefined) {
    const count = Math.max(0, Math.min(item.usageMaximum - item.usageMinimum + 1, MAX_ARRAY_USAGES));
    return Array.from({ length: count }, (_, index) => (item.usageMinimum ?? 0) + index);
  }
  return [];
}

type Places<K extends string> = Partial<Record<K, ControlPlace[]>>;

/** Walks one report's items, placing every field whose usage `named` knows; returns the report's bit length. */
function placeReport<K extends string>(report: HidReportInfo, named: ReadonlyMap<number, K>, into: Places<K>): { bits: number; found: boolean } {
  const reportId = report.reportId ?? 0;
  let bit = 0;
  let found = false;
  const add = (name: K, place: ControlPlace) => {
    (into[name] ??= []).push(place);
    found = true;
  };
  for (const item of report.items ?? []) {
    const size = Math.max(0, Math.trunc(item.reportSize ?? 0));
    const count = Math.max(0, Math.trunc(item.reportCount ?? 0));
    if (!item.isConstant && size > 0 && size <= MAX_FIELD_BITS) {
      const field = (index: number): FieldPlace => ({
        reportId,
        bitOffset: bit + index * size,
        bitSize: size,
        logicalMinimum: item.logicalMinimum ?? 0,
        logicalMaximum: item.logicalMaximum ?? 1,
      });
      const relative = item.isAbsolute === false;
      if (item.isArray) {
        arrayUsages(item).forEach((usage, index) => {
          const name = named.get(usage);
          if (name && count > 0) add(name, { kind: 'array', field: field(0), fieldCount: count, value: (item.logicalMinimum ?? 0) + index, relative });
        });
      } else {
        for (let index = 0; index < count; index += 1) {
          const usage = variableUsage(item, index);
          const name = usage === null ? undefined : named.get(usage);
          if (name) add(name, { kind: 'variable', field: field(index), relative });
        }
      }
    }
    bit += size * count;
  }
  return { bits: bit, found };
}

/**
 * The call controls of a device, from its top-level Telephony collections; null when it has
 * none, or when they hold no button and no light we know.
 */
export function telephonyLayout(collections: readonly HidCollectionInfo[] | undefined): TelephonyLayout | null {
  const telephony = (collections ?? []).filter((collection) => collection.usagePage === USAGE_PAGE_TELEPHONY);
  if (telephony.length === 0) return null;
  const buttons: Places<TelephonyButton> = {};
  const indicators: Places<HeadsetIndicator> = {};
  const outputReportBytes: Record<number, number> = {};
  for (const collection of telephony) {
    for (const report of collection.inputReports ?? []) placeReport(report, BUTTON_BY_USAGE, buttons);
    for (const report of collection.outputReports ?? []) {
      const { bits, found } = placeReport(report, INDICATOR_BY_USAGE, indicators);
      if (found) outputReportBytes[report.reportId ?? 0] = Math.ceil(bits / 8);
    }
  }
  if (Object.keys(buttons).length === 0 && Object.keys(indicators).length === 0) return null;
  return { buttons, indicators, outputReportBytes };
}
