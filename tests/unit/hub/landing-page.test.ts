/**
 * The landing page's choices: the language (?lang=, then Accept-Language with q-values, then
 * Spanish), the desktop link's secret only for a visitor who names the hub by its loopback
 * address, and values escaped into the HTML.
 */
import { describe, expect, it } from 'vitest';
import { pickLandingLanguage, renderLandingPage, type LandingFacts } from '../../../src-hub/server/landing-page';

const facts: LandingFacts = {
  desktopUrl: 'http://127.0.0.1:5173/?s=SECRET123',
  labSip: { url: 'ws://127.0.0.1:8400/ws/sip', domain: 'lab.centralita' },
  chat: true,
};

describe('landing page', () => {
  it('picks the language from the switch, then the browser, then Spanish', () => {
    expect(pickLandingLanguage('ca', 'en-GB,en;q=0.9')).toBe('ca');
    expect(pickLandingLanguage(null, 'en-GB,en;q=0.9')).toBe('en');
    expect(pickLandingLanguage(null, 'fr-FR, ca;q=0.8, en;q=0.9')).toBe('en');
    expect(pickLandingLanguage('xx', 'de-DE')).toBe('es');
    expect(pickLandingLanguage(null, undefined)).toBe('es');
    expect(pickLandingLanguage(null, 'en;q=0, ca;q=0.1')).toBe('ca');
  });

  it('gives the desktop link with its secret only to a loopback visitor', () => {
    expect(renderLandingPage(facts, 'en', true, 'http://127.0.0.1:8400')).toContain('href="http://127.0.0.1:5173/?s=SECRET123"');
    const viaOtherName = renderLandingPage(facts, 'en', false, 'http://evil.example:8400');
    expect(viaOtherName).not.toContain('SECRET123');
    expect(viaOtherName).toContain('the address `npm start` printed');
  });

  it('tells a standalone hub how to start a desktop against it, and says when the lab SIP proxy is off', () => {
    const html = renderLandingPage({ desktopUrl: null, labSip: null, chat: false }, 'es', true, 'http://127.0.0.1:8400');
    expect(html).toContain('npm start -- --hub-url http://127.0.0.1:8400');
    expect(html).toContain('El proxy SIP de laboratorio está apagado');
    expect(html).toContain('Este hub no sirve el chat web.');
  });

  it('escapes what it shows', () => {
    const html = renderLandingPage({ desktopUrl: null, labSip: { url: 'ws://x/"><script>alert(1)</script>', domain: '<b>' }, chat: true }, 'en', true, 'http://h"><img src=x>');
    expect(html).not.toMatch(/<script|<img|<b>/);
    expect(html).toContain('&#60;script&#62;');
  });
});
