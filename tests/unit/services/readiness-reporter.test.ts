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
    readiness.setPhone({ registered: true, microphone: true, speaker: true });
    readiness.setPhone({ registered: true, microphone: false, speaker: true });
    readiness.setPhone({ registered: true, microphone: false, speaker: true });
    readiness.setPhone({ registered: true, microphone: true, speaker: true });
    expect(sent).toEqual([[], ['microphone-unavailable'], []]);
  });

  it('names every fault at once, and ignores the microphone of an agent without a phone', () => {
    const { sent, readiness } = reporter();
    readiness.setWindowAttached(false);
    readiness.setPhone({ registered: false, microphone: false, speaker: true });
    expect(sent.at(-1)).toEqual(['no-window', 'phone-unregistered', 'microphone-unavailable']);
    readiness.setWindowAttached(true);
    readiness.setPhone({ registered: null, microphone: false, speaker: true });
    expect(sent.at(-1)).toEqual([]);
  });

  it('reports a phone with nothing to play calls on, and that it is fine again', () => {
    const { sent, readiness } = reporter();
    readiness.setWindowAttached(true);
    readiness.setPhone({ registered: true, microphone: true, speaker: false });
    readiness.setPhone({ registered: true, microphone: false, speaker: false });
    readiness.setPhone({ registered: true, microphone: true, speaker: true });
    expect(sent).toEqual([[], ['speaker-unavailable'], ['microphone-unavailable', 'speaker-unavailable'], []]);
  });

  it('a phone that cannot tell about its outputs (a browser that never lists them) is not a fault', () => {
    const { sent, readiness } = reporter();
    readiness.setWindowAttached(true);
    readiness.setPhone({ registered: true, microphone: true, speaker: null });
    expect(sent).toEqual([[]]);
  });

  it('a phone that has not looked at its microphone yet is not a fault', () => {
    const { sent, readiness } = reporter();
    readiness.setWindowAttached(true);
    readiness.setPhone({ registered: true, microphone: null, speaker: true });
    expect(sent).toEqual([[]]);
  });
});
