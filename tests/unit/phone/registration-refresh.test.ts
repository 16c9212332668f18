/**
 * The phone renews its SIP binding at 75 % of the life the registrar granted, not at SIP.js's
 * default 99 %: a background tab's timers may run a minute late, and at 99 % of 300 s the binding
 * would lapse before the renewal left, so calls would not reach the agent for a while.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MemorySipSwitch } from './support/memory-sip-switch';
import { makePhone, type TestPhone } from './support/test-phone';

let phone: TestPhone | null = null;

afterEach(async () => {
  vi.useRealTimers();
  await phone?.engine.stop();
  phone = null;
});

describe('registration refresh', () => {
  it('renews a 300 s binding after 225 s, leaving a minute of slack for a throttled tab', async () => {
    vi.useFakeTimers();
    const sipSwitch = new MemorySipSwitch();
    phone = makePhone(sipSwitch, 'ana', { registerExpiresSec: 300 });
    const starting = phone.engine.start();
    await vi.advanceTimersByTimeAsync(1_000);
    await starting;
    expect(sipSwitch.requests('REGISTER')).toHaveLength(1);
    expect(phone.engine.registrationState().registration).toBe('registered');

    await vi.advanceTimersByTimeAsync(222_000);
    expect(sipSwitch.requests('REGISTER')).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(4_000);
    expect(sipSwitch.requests('REGISTER')).toHaveLength(2);
    expect(sipSwitch.requests('REGISTER')[1]?.text).toMatch(/expires=300/i);
    expect(phone.engine.registrationState().registration).toBe('registered');
  });
});
