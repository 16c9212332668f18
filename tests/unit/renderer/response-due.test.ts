import { describe, expect, it } from 'vitest';
import { responseDue } from '../../../src-renderer/format/response-due';

describe("an email's answer time", () => {
  const arrived = '2026-12-06T10:00:00.000Z';
  const at = (iso: string): number => Date.parse(iso);

  it('counts down from arrival on the hub clock', () => {
    const due = responseDue(arrived, 240, at('2026-12-06T11:00:00.000Z'), 0);
    expect(due).toEqual({ dueAtMs: at('2026-12-06T14:00:00.000Z'), leftMs: 3 * 3_600_000, overdue: false, soon: false });
  });

  it('says soon in the last fifth, and overdue (with how late) after', () => {
    expect(responseDue(arrived, 240, at('2026-12-06T13:30:00.000Z'), 0)).toMatchObject({ overdue: false, soon: true });
    expect(responseDue(arrived, 240, at('2026-12-06T14:20:00.000Z'), 0)).toMatchObject({ overdue: true, soon: false, leftMs: -20 * 60_000 });
  });

  it('uses the hub clock: a desktop clock 10 minutes slow still sees the mail late', () => {
    expect(responseDue(arrived, 60, at('2026-12-06T10:55:00.000Z'), 10 * 60_000).overdue).toBe(true);
  });
});
