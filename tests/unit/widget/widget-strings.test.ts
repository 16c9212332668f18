/** The widget's words for a rate limit: how long to wait, in the customer's language. */
import { describe, expect, it } from 'vitest';
import { errorText, formatWait, WIDGET_STRINGS } from '../../../src-widget/widget-strings';

describe('rate-limit wording', () => {
  it('says how long to wait in es, ca and en when the hub says', () => {
    expect(errorText(WIDGET_STRINGS.es, 'rate-limited', 'Too many chats started in a row; try again in 42 s.', 42)).toBe('Demasiados intentos seguidos. Vuelve a intentarlo en 42 s.');
    expect(errorText(WIDGET_STRINGS.ca, 'rate-limited', 'x', 150)).toBe('Massa intents seguits. Torna-ho a provar d’aquí a 3 min.');
    expect(errorText(WIDGET_STRINGS.en, 'rate-limited', 'x', 1)).toBe('Too many tries in a row. Try again in 1 s.');
  });

  it('keeps the plain wording when no wait is known', () => {
    expect(errorText(WIDGET_STRINGS.es, 'rate-limited', 'x')).toBe(WIDGET_STRINGS.es.errorRateLimited);
  });

  it('rounds a wait up, never to zero', () => {
    expect([formatWait(0.2), formatWait(59), formatWait(89), formatWait(90), formatWait(121)]).toEqual(['1 s', '59 s', '89 s', '2 min', '3 min']);
  });
});
