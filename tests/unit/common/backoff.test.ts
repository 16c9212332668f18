/**
 * The one retry schedule (src-common/backoff.ts), and a house check that no part of the product
 * grows its own copy again: every reconnect loop takes its delays from it.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { backoffDelayMs } from '../../../src-common/backoff';

describe('backoff schedule', () => {
  const policy = { initialMs: 200, maxMs: 3_000 };

  it('doubles per attempt up to the cap, with equal jitter by default', () => {
    expect([0, 1, 2, 3, 4, 5].map((a) => backoffDelayMs(a, policy, () => 1))).toEqual([200, 400, 800, 1600, 3000, 3000]);
    expect(backoffDelayMs(0, policy, () => 0)).toBe(100);
    expect(backoffDelayMs(10_000, policy, () => 0)).toBe(1500);
  });

  it('keeps every delay inside the spread, whatever the random source returns', () => {
    const spread = [0.75, 1.25] as const;
    for (const r of [-5, 0, 0.3, 0.999, 1, 7, Number.NaN]) {
      const delay = backoffDelayMs(8, { ...policy, spread }, () => r);
      if (Number.isNaN(r)) continue;
      expect(delay).toBeGreaterThanOrEqual(3000 * 0.75);
      expect(delay).toBeLessThanOrEqual(3000 * 1.25);
    }
  });

  it('spreads clients: different random draws give different delays', () => {
    const delays = new Set([0, 0.25, 0.5, 0.75, 1].map((r) => backoffDelayMs(3, policy, () => r)));
    expect(delays.size).toBe(5);
  });

  it('treats a negative or fractional attempt as a count, never as a shorter delay', () => {
    expect(backoffDelayMs(-3, policy, () => 1)).toBe(200);
    expect(backoffDelayMs(1.7, policy, () => 1)).toBe(400);
  });
});

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(name) ? [full] : [];
  });
}

describe('one backoff in the house', () => {
  it('computes exponential delays only in src-common/backoff.ts', () => {
    const roots = ['src-common', 'src-hub', 'src-main', 'src-phone', 'src-renderer', 'src-widget'];
    // "2 ** attempt", "Math.pow(2, n)", "1 << retries": the shapes a hand-written backoff takes
    // (a constant such as 2 ** 31 is not one).
    const exponential = /\b2\s*\*\*\s*[A-Za-z_(]|Math\.pow\(\s*2\s*,\s*[A-Za-z_]|\b1\s*<<\s*[A-Za-z_]/;
    const copies = roots
      .flatMap(sourceFiles)
      .filter((file) => file !== path.join('src-common', 'backoff.ts'))
      .filter((file) => exponential.test(readFileSync(file, 'utf8')));
    expect(copies).toEqual([]);
  });
});
