/**
 * Words a newcomer stumbled on: the empty offer list must say why it is empty in the agent's
 * state, and the agent-state names must not contradict the connection status shown beside them
 * ("Desconectado" as a state next to "Conectado" as the link).
 */
import { describe, expect, it } from 'vitest';
import { noOffersKey } from '../../../src-renderer/components/QueuePane';
import { ca } from '../../../src-renderer/i18n/ca';
import { en } from '../../../src-renderer/i18n/en';
import { es } from '../../../src-renderer/i18n/es';

describe('the empty offer list', () => {
  it('does not tell a busy agent to go ready, nor a ready one', () => {
    expect(noOffersKey('busy')).toBe('queue.noOffersBusy');
    expect(noOffersKey('after-call-work')).toBe('queue.noOffersBusy');
    expect(noOffersKey('ready')).toBe('queue.noOffersReady');
    expect(noOffersKey('not-ready')).toBe('queue.noOffers');
    expect(noOffersKey('offline')).toBe('queue.noOffers');
    expect(es.queue.noOffersBusy).not.toMatch(/disponible/i);
  });
});

describe('agent states beside the connection status', () => {
  it.each([
    ['es', es],
    ['ca', ca],
    ['en', en],
  ])('in %s no state is named like the link', (_lang, words) => {
    const link = /conect|connect/i;
    for (const label of Object.values(words.states)) if (typeof label === 'string') expect(label).not.toMatch(link);
    for (const label of Object.values(words.states.systemReasons)) expect(label).not.toMatch(link);
    expect(words.connection.online).toMatch(link);
  });
});
