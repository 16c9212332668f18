/**
 * The E-model and the cause the call panel names. Reference points of ITU-T G.107: R 93.2 (the
 * default, unimpaired connection) is MOS 4.41; R 50 is MOS 2.58; the delay impairment turns steep
 * past 177.3 ms one way; random loss impairs G.711 with PLC by 95·Ppl/(Ppl + 25.1).
 */
import { describe, expect, it } from 'vitest';
import { CallQualityJudge, eModel, mosFromR, oneWayDelayMs, summariseCallQuality, type QualitySample } from '../../../src-common/call-quality';

const clean: QualitySample = { rttMs: 20, jitterMs: 2, lossPercent: 0, codec: 'opus', packetsReceived: 50, micLevel: 0.2, micMutedBySystem: false, remoteLevel: 0.2, silencedByAgent: false };

describe('E-model', () => {
  it('maps R to MOS as G.107 does', () => {
    expect(mosFromR(93.2)).toBeCloseTo(4.41, 2);
    expect(mosFromR(50)).toBeCloseTo(2.58, 2);
    expect(mosFromR(0)).toBe(1);
    expect(mosFromR(120)).toBe(4.5);
  });

  it('charges delay, steeply past 177.3 ms one way, and loss by the codec’s robustness', () => {
    // A clean G.711 line: 10 ms one way + 20 ms packets: Id = 0.024 × 30.
    expect(eModel({ rttMs: 20, jitterMs: 0, lossPercent: 0, codec: 'pcmu' }).r).toBeCloseTo(93.2 - 0.024 * 30, 1);
    // 3 % random loss on G.711 with PLC: Ie,eff = 95 × 3 / (3 + 25.1).
    const lossy = eModel({ rttMs: 20, jitterMs: 0, lossPercent: 3, codec: 'pcmu' });
    expect(lossy.r).toBeCloseTo(93.2 - 0.024 * 30 - (95 * 3) / 28.1, 1);
    expect(lossy.mos).toBeCloseTo(mosFromR(93.2 - 0.72 - 10.142), 2);
    // Jitter costs through the jitter buffer (2 × jitter of delay).
    expect(oneWayDelayMs({ rttMs: 100, jitterMs: 30, codec: 'pcmu' })).toBe(50 + 60 + 20);
    // Satellite-like delay: 600 ms round trip.
    const far = eModel({ rttMs: 600, jitterMs: 0, lossPercent: 0, codec: 'pcmu' });
    const d = 320;
    expect(far.r).toBeCloseTo(93.2 - (0.024 * d + 0.11 * (d - 177.3)), 1);
    expect(far.mos).toBeLessThan(3.7);
  });
});

describe('the cause named to the agent', () => {
  const run = (samples: QualitySample[]) => {
    const judge = new CallQualityJudge();
    return samples.map((sample) => judge.next(sample));
  };

  it('says good on a clean call, network when loss and jitter bring MOS down, no media when nothing arrives', () => {
    expect(run([clean])[0]).toMatchObject({ cause: 'good', codec: 'opus' });
    expect(run([clean])[0]?.mos).toBeGreaterThan(4.3);
    const bad = run([{ ...clean, lossPercent: 12, jitterMs: 60, rttMs: 300 }])[0];
    expect(bad?.cause).toBe('network');
    expect(bad?.mos).toBeLessThan(3.6);
    expect(run([{ ...clean, packetsReceived: 0 }])[0]?.cause).toBe('no-media');
  });

  it('blames the microphone when the system muted it, when it stays silent, or when it clips; not a pause nor the agent’s own mute', () => {
    expect(run([{ ...clean, micMutedBySystem: true }])[0]?.cause).toBe('mic-muted');
    expect(run([{ ...clean, micMutedBySystem: true, silencedByAgent: true }])[0]?.cause).toBe('good');
    const silent = run(Array.from({ length: 8 }, () => ({ ...clean, micLevel: 0 })));
    expect(silent.map((s) => s.cause)).toEqual([...Array(7).fill('good'), 'mic-silent']);
    expect(run(Array.from({ length: 10 }, () => ({ ...clean, micLevel: 0, silencedByAgent: true }))).at(-1)?.cause).toBe('good');
    const clipping = run([{ ...clean, micLevel: 1 }, clean, { ...clean, micLevel: 0.99 }, { ...clean, micLevel: 1 }]);
    expect(clipping.map((s) => s.cause)).toEqual(['good', 'good', 'good', 'mic-clipping']);
  });

  it('says the far end is silent when their packets carry nothing for a while', () => {
    const quiet = run(Array.from({ length: 8 }, () => ({ ...clean, remoteLevel: 0 })));
    expect(quiet.at(-1)?.cause).toBe('far-end-silent');
  });

  it('sums a call up for the hub: average and worst MOS, the problem seen longest', () => {
    const seconds = run([clean, { ...clean, lossPercent: 15, rttMs: 400 }, { ...clean, lossPercent: 15, rttMs: 400 }, clean]);
    const summary = summariseCallQuality('wi-1', seconds);
    expect(summary).toMatchObject({ itemId: 'wi-1', seconds: 4, mainProblem: 'network', lossPercentMax: 15, rttMsMax: 400 });
    expect(summary?.mosMin).toBeLessThan(3);
    expect(summary?.mosAverage).toBeCloseTo((seconds.reduce((sum, s) => sum + s.mos, 0)) / 4, 2);
    expect(summariseCallQuality('wi-2', [])).toBeNull();
  });
});
