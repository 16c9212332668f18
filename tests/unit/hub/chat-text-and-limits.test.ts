/** Pure pieces of web chat: links split out of untrusted text, and the widget's rate limits. */
import { describe, expect, it } from 'vitest';
import { splitLinks } from '../../../src-common/chat-links';
import { KeyedBuckets, LayeredLimit, TokenBucket } from '../../../src-hub/channels/chat/rate-limit';
import { transcriptText } from '../../../src-hub/channels/chat/transcript';

describe('splitLinks', () => {
  it('turns only absolute http(s) URLs into links and leaves the sentence punctuation outside', () => {
    expect(splitLinks('Mira https://example.es/factura?id=7. Gracias')).toEqual([
      { kind: 'text', text: 'Mira ' },
      { kind: 'link', text: 'https://example.es/factura?id=7' },
      { kind: 'text', text: '. Gracias' },
    ]);
  });

  it('never makes a link of javascript:, data: or markup', () => {
    for (const hostile of ['javascript:alert(1)', 'data:text/html,<script>alert(1)</script>', '<a href="javascript:x">y</a>', 'http://', 'https:///etc/passwd']) {
      expect(splitLinks(hostile).filter((p) => p.kind === 'link')).toEqual([]);
      expect(splitLinks(hostile).map((p) => p.text).join('')).toBe(hostile);
    }
  });

  it('stops a URL at quotes and angle brackets so markup around it stays text', () => {
    expect(splitLinks('<a href="https://evil.example/x">')).toEqual([
      { kind: 'text', text: '<a href="' },
      { kind: 'link', text: 'https://evil.example/x' },
      { kind: 'text', text: '">' },
    ]);
  });
});

describe('rate limits', () => {
  it('lets a burst through, refuses the next, and refills with time', () => {
    const bucket = new TokenBucket({ capacity: 3, refillPerSecond: 1 }, 0);
    expect([bucket.take(0), bucket.take(0), bucket.take(0), bucket.take(0)]).toEqual([true, true, true, false]);
    expect(bucket.take(500)).toBe(false);
    expect(bucket.take(1000)).toBe(true);
  });

  it('keeps one bucket per address', () => {
    const buckets = new KeyedBuckets({ capacity: 1, refillPerSecond: 0.001 });
    expect(buckets.take('10.0.0.1', 0)).toBe(true);
    expect(buckets.take('10.0.0.1', 10)).toBe(false);
    expect(buckets.take('10.0.0.2', 10)).toBe(true);
  });

  it('limits each visitor on their own under a shared address ceiling, and says how long to wait', () => {
    const starts = new LayeredLimit({ visitor: { capacity: 2, refillPerSecond: 1 / 60 }, address: { capacity: 5, refillPerSecond: 1 } });
    const office = '10.0.0.1';
    expect(starts.take({ visitor: 'v-1', address: office }, 0)).toEqual({ ok: true });
    expect(starts.take({ visitor: 'v-1', address: office }, 0)).toEqual({ ok: true });
    // The third start in a row waits for the visitor's bucket: one token a minute.
    expect(starts.take({ visitor: 'v-1', address: office }, 0)).toEqual({ ok: false, scope: 'visitor', retryAfter: 60 });
    // Colleagues behind the same address are not held up, up to the ceiling.
    expect(starts.take({ visitor: 'v-2', address: office }, 0)).toEqual({ ok: true });
    expect(starts.take({ visitor: 'v-3', address: office }, 0)).toEqual({ ok: true });
    expect(starts.take({ visitor: 'v-4', address: office }, 0)).toEqual({ ok: true });
    expect(starts.take({ visitor: 'v-5', address: office }, 0)).toEqual({ ok: false, scope: 'address', retryAfter: 1 });
    // A refusal takes nothing: v-5 still has both starts once the address refills.
    expect(starts.take({ visitor: 'v-5', address: office }, 2_000)).toEqual({ ok: true });
    expect(starts.take({ visitor: 'v-5', address: office }, 3_000)).toEqual({ ok: true });
    expect(starts.take({ visitor: 'v-1', address: office }, 30_500)).toEqual({ ok: false, scope: 'visitor', retryAfter: 30 });
  });
});

describe('transcript text', () => {
  it('is one line per message with time and author, oldest first', () => {
    const at = '2026-11-25T09:05:00.000Z';
    const text = transcriptText([
      { conversationId: 'c', seq: 1, clientId: null, author: 'customer', authorName: 'María', text: 'Hola', at },
      { conversationId: 'c', seq: 2, clientId: 'abcdefgh', author: 'agent', authorName: 'Ana Martín', text: 'Buenos días', at },
    ]);
    expect(text).toBe('[09:05] María: Hola\n[09:05] Ana Martín: Buenos días');
  });
});
