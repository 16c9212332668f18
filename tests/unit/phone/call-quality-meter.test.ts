/**
 * The phone host's quality meter: turns WebRTC's cumulative getStats counters into each second's
 * loss, reads jitter, round trip, codec and levels, reports a judged second per connected call,
 * and the call's summary (for the hub) when a call of a work item ends; supervision legs and
 * loose calls leave nothing for a timeline.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Call } from '../../../src-common/call';
import type { PhoneEvent } from '../../../src-common/phone-contract';
import { CallQualityMeter, sampleFromStats } from '../../../src-phone/audio/call-quality-meter';
import { connected, inboundCall } from '../renderer/phone-fixtures';

function report(received: number, lost: number, extra: { jitter?: number; rtt?: number; mic?: number; remote?: number } = {}) {
  return [
    { type: 'inbound-rtp', kind: 'audio', packetsReceived: received, packetsLost: lost, jitter: extra.jitter ?? 0.004, audioLevel: extra.remote ?? 0.3, codecId: 'c1' },
    { type: 'codec', id: 'c1', mimeType: 'audio/opus' },
    { type: 'candidate-pair', state: 'succeeded', nominated: true, currentRoundTripTime: extra.rtt ?? 0.04 },
    { type: 'media-source', kind: 'audio', audioLevel: extra.mic ?? 0.2 },
  ];
}

afterEach(() => vi.useRealTimers());

describe('call quality from getStats', () => {
  it('turns cumulative counters into the last second’s loss and reads the other figures', () => {
    const first = sampleFromStats(report(50, 0), null, { muted: false, state: 'active' }, false);
    expect(first?.sample).toMatchObject({ lossPercent: 0, packetsReceived: 50, rttMs: 40, jitterMs: 4, codec: 'opus', micLevel: 0.2, remoteLevel: 0.3, silencedByAgent: false });
    const second = sampleFromStats(report(97, 3), first?.cursor ?? null, { muted: true, state: 'active' }, true);
    expect(second?.sample.lossPercent).toBeCloseTo(6, 5);
    expect(second?.sample).toMatchObject({ packetsReceived: 47, silencedByAgent: true, micMutedBySystem: true });
    expect(sampleFromStats([{ type: 'outbound-rtp', kind: 'audio' }], null, { muted: false, state: 'active' }, false)).toBeNull();
  });

  it('takes the round trip to the far end from its RTCP reports, and the ICE hop’s only without them', () => {
    const throughRelay = [...report(50, 0, { rtt: 0.002 }), { type: 'remote-inbound-rtp', kind: 'audio', roundTripTime: 0.09 }];
    expect(sampleFromStats(throughRelay, null, { muted: false, state: 'active' }, false)?.sample.rttMs).toBeCloseTo(90, 5);
    expect(sampleFromStats(report(50, 0, { rtt: 0.002 }), null, { muted: false, state: 'active' }, false)?.sample.rttMs).toBeCloseTo(2, 5);
  });

  it('reports each connected call every second, and the summary of a work item’s call when it ends', async () => {
    vi.useFakeTimers();
    const events: PhoneEvent[] = [];
    let received = 0;
    let lost = 0;
    const meter = new CallQualityMeter(
      {
        stats: async () => {
          received += 45;
          lost += 5;
          return report(received, lost, { rtt: 0.3, jitter: 0.05 });
        },
        microphoneMutedBySystem: () => false,
      },
      (event) => events.push(event),
    );
    const call: Call = connected(inboundCall('k1', 'wi-7'));
    const supervision: Call = { ...connected(inboundCall('k2', null)), supervision: { side: 'agent', mode: 'monitor' } };
    meter.onEvent({ type: 'call-updated', call });
    meter.onEvent({ type: 'call-updated', call: supervision });
    await vi.advanceTimersByTimeAsync(3000);
    const seconds = events.filter((event) => event.type === 'call-quality');
    expect(seconds.map((event) => event.type === 'call-quality' && event.callId)).toEqual(['k1', 'k1', 'k1']);
    const last = seconds.at(-1);
    expect(last?.type === 'call-quality' && last.quality).toMatchObject({ lossPercent: 10, cause: 'network', codec: 'opus' });

    meter.onEvent({ type: 'call-removed', callId: 'k1' });
    const summary = events.find((event) => event.type === 'call-quality-summary');
    expect(summary?.type === 'call-quality-summary' && summary.summary).toMatchObject({ itemId: 'wi-7', seconds: 3, mainProblem: 'network', lossPercentMax: 10, rttMsMax: 300 });
    // Nothing left to measure: the timer stops.
    const before = events.length;
    await vi.advanceTimersByTimeAsync(3000);
    expect(events.length).toBe(before);
  });
});
