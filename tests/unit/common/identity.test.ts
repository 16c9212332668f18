/** Identity normalisation: the same person is found however their number or address is written. */
import { describe, expect, it } from 'vitest';
import { normaliseChatId, normaliseEmail, normaliseIdentity, normalisePhone } from '../../../src-common/identity';

describe('phone normalisation', () => {
  it.each([
    ['600 10 02 00', '+34600100200'],
    ['+34 600-100-200', '+34600100200'],
    ['0034600100200', '+34600100200'],
    ['(+34) 600.100.200', '+34600100200'],
    ['tel:+34600100200', '+34600100200'],
    ['sip:+34600100200@pbx.example.es;user=phone', '+34600100200'],
    ['sips:600100200@pbx.example.es', '+34600100200'],
    ['933 12 34 56', '+34933123456'],
    ['+44 20 7946 0958', '+442079460958'],
  ])('%s -> %s', (raw, e164) => {
    expect(normalisePhone(raw)).toBe(e164);
  });

  it.each(['', '12', 'hola', '+34 123'])('rejects %j', (raw) => {
    expect(normalisePhone(raw)).toBeNull();
  });
});

describe('email normalisation', () => {
  it('lower-cases, trims and unwraps display names', () => {
    expect(normaliseEmail('  Maria.Garcia@Example.ES ')).toBe('maria.garcia@example.es');
    expect(normaliseEmail('María García <Maria.Garcia@example.es>')).toBe('maria.garcia@example.es');
  });

  it.each(['maria', 'maria@', '@example.es', 'a b@example.es', 'maria@example'])('rejects %j', (raw) => {
    expect(normaliseEmail(raw)).toBeNull();
  });
});

describe('chat ids and dispatch by kind', () => {
  it('accepts opaque widget ids and refuses anything else', () => {
    expect(normaliseChatId(' chat_ab12-XY ')).toBe('chat_ab12-XY');
    expect(normaliseChatId('a b')).toBeNull();
  });

  it('normalises by kind', () => {
    expect(normaliseIdentity('phone', '600100200')).toEqual({ kind: 'phone', value: '+34600100200' });
    expect(normaliseIdentity('email', 'X@Y.ES')).toEqual({ kind: 'email', value: 'x@y.es' });
    expect(normaliseIdentity('email', 'nope')).toBeNull();
  });
});
