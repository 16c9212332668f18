/**
 * Reading a headset's input reports and writing its output reports, bit by bit as HID lays them
 * out: little-endian, the first field in the lowest bits of the first byte after the report ID.
 */
import { HEADSET_INDICATORS, TELEPHONY_BUTTONS, type HeadsetIndicator, type TelephonyButton } from './hid-usages';
import type { ControlPlace, FieldPlace, TelephonyLayout } from './telephony-layout';

export interface ButtonReading {
  readonly button: TelephonyButton;
  /** 0 or 1 for on/off controls; an array button reads 1 while asserted. */
  readonly value: number;
  /** Declared relative: each 1 is one press, not a state. */
  readonly relative: boolean;
}

export interface OutputReport {
  readonly reportId: number;
  /** Without the report ID byte, as `HIDDevice.sendReport` wants it. */
  readonly data: Uint8Array<ArrayBuffer>;
}

export type IndicatorState = Readonly<Partial<Record<HeadsetIndicator, boolean>>>;

/** The mask of each bit inside its byte, lowest first. */
const BIT_IN_BYTE = [0x01, 0x02, 0x04, 0x08, 0x10, 0x20, 0x40, 0x80] as const;

function bitMask(bit: number): number {
  return BIT_IN_BYTE[bit & 7] ?? 0;
}

function readField(data: DataView, field: FieldPlace, at: number): number | null {
  const start = field.bitOffset + at * field.bitSize;
  if (start + field.bitSize > data.byteLength * 8) return null;
  let value = 0;
  let weight = 1;
  for (let index = 0; index < field.bitSize; index += 1) {
    const bit = start + index;
    if (data.getUint8(bit >> 3) & bitMask(bit)) value += weight;
    weight *= 2;
  }
  // `weight` is now the field's range (2^bitSize): a set top bit means negative when signed.
  const signed = field.logicalMinimum < 0 && value >= weight / 2;
  return signed ? value - weight : value;
}

function writeField(bytes: Uint8Array, field: FieldPlace, at: number, value: number): void {
  const start = field.bitOffset + at * field.bitSize;
  if (start + field.bitSize > bytes.length * 8) return;
  let rest = value;
  for (let index = 0; index < field.bitSize; index += 1) {
    const bit = start + index;
    // Two's complement for negative values: floor division keeps the low bits right.
    const on = ((rest % 2) + 2) % 2 === 1;
    rest = Math.floor(rest / 2);
    const byte = bytes[bit >> 3] ?? 0;
    bytes[bit >> 3] = on ? byte | bitMask(bit) : byte & ~bitMask(bit);
  }
}

function readPlace(place: ControlPlace, data: DataView): number | null {
  if (place.kind === 'variable') return readField(data, place.field, 0);
  let seen = false;
  for (let at = 0; at < place.fieldCount; at += 1) {
    const value = readField(data, place.field, at);
    if (value === null) return seen ? 0 : null;
    seen = true;
    if (value === place.value) return 1;
  }
  return seen ? 0 : null;
}

/** Every known button the report carries, with its value; a report too short for a field skips it. */
export function readButtons(layout: TelephonyLayout, reportId: number, data: DataView): ButtonReading[] {
  const readings: ButtonReading[] = [];
  for (const button of TELEPHONY_BUTTONS) {
    const place = layout.buttons[button]?.find((candidate) => candidate.field.reportId === reportId);
    if (!place) continue;
    const value = readPlace(place, data);
    if (value !== null) readings.push({ button, value, relative: place.relative });
  }
  return readings;
}

/** On and off as the field's logical range allows (1 and 0 for every ordinary light). */
function lightValue(field: FieldPlace, on: boolean): number {
  const wanted = on ? 1 : 0;
  if (wanted >= field.logicalMinimum && wanted <= field.logicalMaximum) return wanted;
  return on ? field.logicalMaximum : field.logicalMinimum;
}

/** What an array field holds when it names nothing: 0 below a range that starts at 1, else past its end. */
function emptyArrayValue(field: FieldPlace): number {
  return field.logicalMinimum > 0 ? 0 : field.logicalMaximum + 1;
}

/**
 * The output reports that set every indicator the headset has to `state` (absent = off), one per
 * report ID, in ID order. Fields we do not know stay 0.
 */
export function indicatorReports(layout: TelephonyLayout, state: IndicatorState): OutputReport[] {
  return Object.entries(layout.outputReportBytes)
    .map(([id, length]) => [Number(id), length] as const)
    .sort(([a], [b]) => a - b)
    .map(([reportId, length]) => {
      const data = new Uint8Array(length);
      const nextFree = new Map<number, number>();
      const places = HEADSET_INDICATORS.flatMap((indicator) =>
        (layout.indicators[indicator] ?? []).filter((place) => place.field.reportId === reportId).map((place) => ({ on: state[indicator] === true, place })),
      );
      for (const { place } of places) {
        if (place.kind === 'array') for (let at = 0; at < place.fieldCount; at += 1) writeField(data, place.field, at, emptyArrayValue(place.field));
      }
      for (const { on, place } of places) {
        if (place.kind === 'variable') {
          writeField(data, place.field, 0, lightValue(place.field, on));
        } else if (on) {
          const at = nextFree.get(place.field.bitOffset) ?? 0;
          if (at < place.fieldCount) writeField(data, place.field, at, place.value);
          nextFree.set(place.field.bitOffset, at + 1);
        }
      }
      return { reportId, data };
    });
}
