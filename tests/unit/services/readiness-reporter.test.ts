/** What a desktop tells the hub it cannot do, from its window, its phone and its microphone. */
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { ok } from '../../../src-common/result';
import { ReadinessReporter } from '../../../src-main/services/hub-session/readiness-reporter';

function reporter() {
  const sent: string[][] = [];
  const session = {
    isOnline: true,
    request: (op: string, params: unknown) => {
      if (op === 'reportReadiness') sent.push((params as { problems: string[] }).problems);
      return Promise.resolve(ok(null));
    },
  };
  return { sent, readiness: new ReadinessReporter(session as never, pino({ level: 'silent' })) };
}

describe('ReadinessReporter', () => {
  it('reports a phone without a usable microphone, and that it is fine again, once each', () => {
    const { sent, readiness } = reporter();
    readiness.setWindowAttached(true);
    readiness.setPhone({ registered: true, microphone: true });
    readiness.setPhone({ registered: true, microphone: false });
    readiness.setPhone({ registered: true, microphone: false });
    readiness.setPhone({ registered: true, microphone: true });
    expect(sent).toEqual([[], ['microphone-unavailable'], []]);
  });

  it('names every fault at once, and ignores the microphone of an agent without a phone', () => {
    const { sent, readiness } = reporter();
    readiness.setWindowAttached(false);
    readiness.setPhone({ registered: false, microphone: false });
    expect(sent.at(-1)).toEqual(['no-window', 'phone-unregistered', 'microphone-unavailable']);
    readiness.setWindowAttached(true);
    readiness.setPhone({ registered: null, microphone: false });
    expect(sent.at(-1)).toEqual([]);
  });

  it('a phone that has not looked at its microphone yet is not a fault', () => {
    const { sent, readiness } = reporter();
    readiness.setWindowAttached(true);
    readiness.setPhone({ registered: true, microphone: null });
    expect(sent).toEqual([[]]);
  });
});
