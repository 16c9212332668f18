/**
 * The phone notices a SIP connection that died without telling anyone (a dock's cable took the
 * route and the Wi-Fi the socket was bound to went away): a check goes unanswered, the connection
 * is replaced, the phone registers again, and the next call reaches the agent.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { UNREGISTER_ANSWER_WAIT_MS } from '../../../src-phone/engine/registration-keeper';
import { LINK_CHECK_INTERVAL_MS, LINK_CHECK_TIMEOUT_MS, watchSipLink } from '../../../src-phone/engine/sip-link-check';
import { MemorySipSwitch } from './support/memory-sip-switch';
import { makePhone, type TestPhone } from './support/test-phone';

const timers = { setTimeout: (run: () => void, ms: number) => setTimeout(run, ms), clearTimeout: (handle: unknown) => clearTimeout(handle as ReturnType<typeof setTimeout>), now: () => Date.now() };

let phones: TestPhone[] = [];

afterEach(async () => {
  vi.useRealTimers();
  for (const phone of phones) await phone.engine.stop();
  phones = [];
});

describe('the SIP link watch', () => {
  it('checks every interval while the server answers, and says nothing', () => {
    vi.useFakeTimers();
    let sent = 0;
    const silent = vi.fn();
    const stop = watchSipLink((answered) => {
      sent += 1;
      setTimeout(answered, 50);
    }, timers, silent);
    vi.advanceTimersByTime(LINK_CHECK_INTERVAL_MS * 6 + 500);
    expect(sent).toBe(6);
    expect(silent).not.toHaveBeenCalled();
    stop();
    vi.advanceTimersByTime(LINK_CHECK_INTERVAL_MS * 3);
    expect(sent).toBe(6);
  });

  it('reports an unanswered check once, with the moment it left, and an answer after the wait changes nothing', () => {
    vi.useFakeTimers({ now: 1_000_000 });
    const answers: Array<() => void> = [];
    const silent = vi.fn();
    watchSipLink((answered) => answers.push(answered), timers, silent);
    vi.advanceTimersByTime(LINK_CHECK_INTERVAL_MS);
    answers[0]?.();
    vi.advanceTimersByTime(LINK_CHECK_INTERVAL_MS);
    expect(answers).toHaveLength(2);
    const secondLeftAt = Date.now();
    vi.advanceTimersByTime(LINK_CHECK_TIMEOUT_MS - 1);
    expect(silent).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(silent).toHaveBeenCalledTimes(1);
    expect(silent).toHaveBeenCalledWith(secondLeftAt);
    // The late answer neither reports again nor restarts the checks on the connection given up.
    answers[1]?.();
    vi.advanceTimersByTime(LINK_CHECK_INTERVAL_MS * 3);
    expect(silent).toHaveBeenCalledTimes(1);
    expect(answers).toHaveLength(2);
  });
});

/** A phone started (and registered) on fake timers; `stoppedByTest` leaves its stop to the test. */
async function startedPhone(sipSwitch: MemorySipSwitch, user: string, stoppedByTest = false): Promise<TestPhone> {
  const phone = makePhone(sipSwitch, user);
  if (!stoppedByTest) phones.push(phone);
  const starting = phone.engine.start();
  await vi.advanceTimersByTimeAsync(1_000);
  await starting;
  return phone;
}

describe('a phone whose SIP connection dies silently', () => {
  it('keeps one connection while the server answers its checks', async () => {
    vi.useFakeTimers();
    const sipSwitch = new MemorySipSwitch();
    const ana = await startedPhone(sipSwitch, 'ana');
    await vi.advanceTimersByTimeAsync(LINK_CHECK_INTERVAL_MS * 6);
    const checks = sipSwitch.requests('OPTIONS');
    expect(checks.length).toBeGreaterThanOrEqual(5);
    expect(new Set(checks.map((check) => check.from)).size).toBe(1);
    expect(checks[0]?.text).toMatch(/^OPTIONS sip:lab\.test SIP\/2\.0/);
    expect(sipSwitch.requests('REGISTER')).toHaveLength(1);
    expect(ana.events.some((event) => event.type === 'registration' && event.transport !== 'connected' && event.transport !== 'connecting')).toBe(false);
  });

  it('replaces it within a check and its wait, registers again, and the next call rings', async () => {
    vi.useFakeTimers();
    const sipSwitch = new MemorySipSwitch();
    const ana = makePhone(sipSwitch, 'ana');
    const jordi = makePhone(sipSwitch, 'jordi');
    phones.push(ana, jordi);
    const starting = Promise.all([ana.engine.start(), jordi.engine.start()]);
    await vi.advanceTimersByTimeAsync(1_000);
    await starting;
    const firstConnection = sipSwitch.requests('REGISTER').find((register) => /^REGISTER[^]*From: [^\n]*ana@/m.test(register.text))?.from;

    sipSwitch.cutOff();
    const cutAt = Date.now();
    const anaRegisteredAgain = () => sipSwitch.requests('REGISTER').some((register) => register.from !== firstConnection && /\nFrom: [^\n]*ana@/.test(register.text));
    await vi.advanceTimersByTimeAsync(LINK_CHECK_INTERVAL_MS + LINK_CHECK_TIMEOUT_MS + 500);
    expect(anaRegisteredAgain()).toBe(true);
    expect(ana.engine.registrationState().registration).toBe('registered');
    expect(Date.now() - cutAt).toBeLessThanOrEqual(LINK_CHECK_INTERVAL_MS + LINK_CHECK_TIMEOUT_MS + 500);

    // The agent gets the next call on the new connection.
    const dialled = await jordi.engine.execute({ type: 'dial', target: 'ana' });
    expect(dialled.ok).toBe(true);
    await vi.advanceTimersByTimeAsync(500);
    expect(ana.events.some((event) => event.type === 'incoming-call')).toBe(true);
  });

  it('opens a new connection at once when told the SIP server could not reach it (the hub\'s "phone offline")', async () => {
    vi.useFakeTimers();
    const sipSwitch = new MemorySipSwitch();
    const ana = await startedPhone(sipSwitch, 'ana');
    const firstConnection = sipSwitch.requests('REGISTER')[0]?.from;
    sipSwitch.cutOff();
    expect((await ana.engine.execute({ type: 'reconnect', why: 'not-reached', since: Date.now() })).ok).toBe(true);
    await vi.advanceTimersByTimeAsync(1_000);
    // Long before its own check would have noticed (an interval and a wait).
    expect(sipSwitch.requests('REGISTER').some((register) => register.from !== firstConnection)).toBe(true);
    expect(ana.engine.registrationState().registration).toBe('registered');
  });

  it('moves to a new connection when the desktop says the route moved after it was opened, and keeps one opened since', async () => {
    vi.useFakeTimers({ now: 2_000_000 });
    const sipSwitch = new MemorySipSwitch();
    const ana = await startedPhone(sipSwitch, 'ana');
    const connections = () => new Set(sipSwitch.requests('REGISTER').map((register) => register.from)).size;
    expect(connections()).toBe(1);

    // A move the desktop read before this connection was opened: it is already on the new path.
    expect((await ana.engine.execute({ type: 'reconnect', why: 'route-moved', since: 1_000_000 })).ok).toBe(true);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(connections()).toBe(1);

    // The route left the connection's address after it was opened: a new one, registered, at once.
    sipSwitch.cutOff();
    expect((await ana.engine.execute({ type: 'reconnect', why: 'route-moved', since: Date.now() })).ok).toBe(true);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(connections()).toBe(2);
    expect(ana.engine.registrationState().registration).toBe('registered');
    expect((await ana.engine.execute({ type: 'reconnect', why: 'route-moved', since: -1 })).ok).toBe(false);
  });

  it('stops (a sign-out, a restart) within the un-REGISTER wait, not SIP.js\'s 32 s timer', async () => {
    vi.useFakeTimers();
    const sipSwitch = new MemorySipSwitch();
    const ana = await startedPhone(sipSwitch, 'ana', true);
    expect(ana.engine.registrationState().registration).toBe('registered');

    sipSwitch.cutOff();
    let stopped = false;
    void ana.engine.stop().then(() => {
      stopped = true;
    });
    await vi.advanceTimersByTimeAsync(UNREGISTER_ANSWER_WAIT_MS - 100);
    expect(stopped).toBe(false);
    await vi.advanceTimersByTimeAsync(200);
    expect(stopped).toBe(true);
    expect(ana.engine.registrationState()).toMatchObject({ transport: 'disconnected', registration: 'unregistered' });
  });

  it('still takes its binding off a server that answers', async () => {
    vi.useFakeTimers();
    const sipSwitch = new MemorySipSwitch();
    const ana = await startedPhone(sipSwitch, 'ana', true);
    expect(sipSwitch.isRegistered('ana')).toBe(true);
    const stopping = ana.engine.stop();
    await vi.advanceTimersByTimeAsync(100);
    await stopping;
    expect(sipSwitch.isRegistered('ana')).toBe(false);
  });
});
