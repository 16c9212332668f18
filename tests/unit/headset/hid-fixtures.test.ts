/**
 * The recorded headsets are what they claim: each fixture's WebHID collections are exactly what
 * its report descriptor declares, and its recordings can tell a right bit position from a wrong
 * one (every button read is seen both pressed and released, every light both on and off).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { collectionsFromDescriptor, descriptorBytes } from './support/hid-report-descriptor';
import { fixtureFiles, HID_FIXTURE_DIR, loadHidFixture } from './support/hid-fixtures';

const files = fixtureFiles();

describe('recorded headsets', () => {
  it('there are several, one per common vendor', () => {
    expect(files.length).toBeGreaterThanOrEqual(5);
    expect(new Set(files.map((file) => loadHidFixture(file).vendorId)).size).toBe(files.length);
  });

  it.each(files)('%s: the collections are what the descriptor declares', (file) => {
    const fixture = loadHidFixture(file);
    const rendered = collectionsFromDescriptor(descriptorBytes(fixture.descriptor));
    if (process.env.UPDATE_HID_FIXTURES === '1') {
      const target = path.join(HID_FIXTURE_DIR, file);
      const json = JSON.parse(readFileSync(target, 'utf8')) as Record<string, unknown>;
      writeFileSync(target, `${JSON.stringify({ ...json, collections: rendered }, null, 2)}\n`);
      return;
    }
    expect(fixture.collections).toEqual(rendered);
  });

  it.each(files)('%s: every button read is seen pressed and released, every light on and off', (file) => {
    const fixture = loadHidFixture(file);
    const seen = new Map<string, Set<number>>();
    for (const input of fixture.inputs) {
      for (const [button, value] of Object.entries(input.buttons)) {
        if (value !== undefined) seen.set(button, (seen.get(button) ?? new Set<number>()).add(value));
      }
    }
    for (const [button, values] of seen) expect([button, [...values].sort()]).toEqual([button, [0, 1]]);
    for (const indicator of ['offHook', 'ring', 'mute', 'hold']) {
      expect(fixture.indicators.some((case_) => case_.state[indicator] === true), indicator).toBe(true);
    }
    expect(fixture.indicators.some((case_) => Object.keys(case_.state).length === 0)).toBe(true);
  });
});
