/**
 * The recorded headsets of tests/fixtures/hid, read and checked: a malformed fixture fails
 * loudly here instead of making a test pass on nothing.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { HidCollectionInfo } from '../../../../src-common/headset/hid-collections';
import { HEADSET_INDICATORS, TELEPHONY_BUTTONS } from '../../../../src-common/headset/hid-usages';

export const HID_FIXTURE_DIR = path.resolve(import.meta.dirname, '../../../fixtures/hid');

const Hex = z.string().regex(/^([0-9A-Fa-f]{2})( [0-9A-Fa-f]{2})*$/);
const Button = z.enum(TELEPHONY_BUTTONS as [string, ...string[]]);
const Indicator = z.enum(HEADSET_INDICATORS as [string, ...string[]]);

const HidFixture = z.object({
  device: z.string(),
  productName: z.string(),
  vendorId: z.number().int().min(0).max(0xffff),
  productId: z.number().int().min(0).max(0xffff),
  source: z.string().min(40),
  descriptor: z.array(z.string()).min(1),
  collections: z.array(z.unknown()),
  inputs: z.array(z.object({ id: z.string(), what: z.string(), reportId: z.number().int().min(0).max(255), data: Hex, buttons: z.partialRecord(Button, z.number()) })).min(1),
  indicators: z.array(z.object({
    what: z.string(),
    state: z.partialRecord(Indicator, z.boolean()),
    reports: z.array(z.object({ reportId: z.number().int().min(0).max(255), data: Hex })),
  })).min(1),
});

export interface HidFixture extends Omit<z.infer<typeof HidFixture>, 'collections'> {
  readonly file: string;
  readonly collections: HidCollectionInfo[];
}

export function hexBytes(hex: string): Uint8Array {
  return Uint8Array.from(hex.split(' ').map((byte) => Number.parseInt(byte, 16)));
}

export function toHex(bytes: Uint8Array): string {
  return [...bytes].map((byte) => byte.toString(16).padStart(2, '0').toUpperCase()).join(' ');
}

export function fixtureFiles(): string[] {
  return readdirSync(HID_FIXTURE_DIR).filter((name) => name.endsWith('.json')).sort();
}

export function loadHidFixture(file: string): HidFixture {
  const parsed = HidFixture.parse(JSON.parse(readFileSync(path.join(HID_FIXTURE_DIR, file), 'utf8')));
  // The collections are checked against the descriptor in hid-fixtures.test.ts.
  return { ...parsed, file, collections: parsed.collections as HidCollectionInfo[] };
}

/** One recorded input by its id; a typo in a test is an error, not an undefined. */
export function inputOf(fixture: HidFixture, id: string): { reportId: number; data: Uint8Array } {
  const input = fixture.inputs.find((candidate) => candidate.id === id);
  if (!input) throw new Error(`${fixture.file} has no input "${id}"`);
  return { reportId: input.reportId, data: hexBytes(input.data) };
}
