/** The hub's first wall against hostile mail HTML: what leaves it can only be read. */
import { describe, expect, it } from 'vitest';
import { cleanMailHtml } from '../../../src-hub/channels/email/clean-mail-html';
import { XSS_CORPUS } from '../../support/xss-corpus';

describe('cleanMailHtml', () => {
  it.each(XSS_CORPUS.map((piece, index) => [index + 1, piece] as const))('corpus piece %i leaves nothing that runs, submits or styles', (_n, piece) => {
    const clean = cleanMailHtml(`<p>antes</p>${piece}<p>después</p>`);
    expect(clean).toContain('<p>antes</p>');
    expect(clean).not.toMatch(/<\s*(script|style|iframe|object|embed|svg|math|form|input|button|meta|template|noscript|video|source|isindex|body)\b/i);
    expect(clean).not.toMatch(/\son[a-z]+\s*=/i);
    expect(clean).not.toMatch(/javascript:|data:text\/html|\sstyle\s*=|srcdoc|__xss/i);
  });

  it('keeps what a reader needs: text, tables, links, images and the quote markers', () => {
    const source = [
      '<table width="100%" border="0"><tr><td align="center"><b>Factura</b> nº 7</td></tr></table>',
      '<a href="https://tienda.example/pedido/7" onclick="x()">Ver pedido</a>',
      '<a href="mailto:hola@tienda.example">escribir</a>',
      '<img src="https://tienda.example/logo.png" alt="logo" onerror="x()">',
      '<img src="cid:logo@tienda" alt="firma">',
      '<div class="gmail_quote evil">El lunes escribió:<blockquote type="cite">Hola</blockquote></div>',
      '<div id="divRplyFwdMsg_1">De: Marta</div><div id="login">x</div>',
    ].join('');
    const clean = cleanMailHtml(source);
    expect(clean).toContain('<td align="center"><b>Factura</b> nº 7</td>');
    expect(clean).toContain('<a href="https://tienda.example/pedido/7">Ver pedido</a>');
    expect(clean).toContain('<a href="mailto:hola@tienda.example">escribir</a>');
    expect(clean).toContain('<img src="https://tienda.example/logo.png" alt="logo" />');
    // A cid: image the mail does not carry keeps its alt text only.
    expect(clean).toContain('<img alt="firma" />');
    expect(clean).toContain('<div class="gmail_quote">El lunes escribió:<blockquote type="cite">Hola</blockquote></div>');
    expect(clean).toContain('<div id="divRplyFwdMsg_1">De: Marta</div><div>x</div>');
  });

  it('an unclosed SVG or MathML element does not hide the rest of the mail', () => {
    expect(cleanMailHtml('<math><mi>x</mi><p>sigue</p>')).toContain('<p>sigue</p>');
    expect(cleanMailHtml('<svg><text>logo</text><p>sigue</p>')).toContain('<p>sigue</p>');
  });

  it('puts each cid: image in its place, and only raster data: images survive', () => {
    const images = new Map([['captura@cliente', 'data:image/png;base64,iVBORw0KGgo=']]);
    const clean = cleanMailHtml('<img src="cid:Captura@cliente" alt="captura"><img src="cid:otra@x" alt="otra"><img src="data:image/svg+xml;base64,PHN2Zz4=" alt="svg"><img src="data:text/html,hola" alt="html">', images);
    expect(clean).toBe('<img alt="captura" src="data:image/png;base64,iVBORw0KGgo=" /><img alt="otra" /><img alt="svg" /><img alt="html" />');
  });

  it('drops links to anything but the web, mail and phone', () => {
    expect(cleanMailHtml('<a href="file:///etc/passwd">a</a><a href="vbscript:x">b</a><a href="//evil.example/">c</a>')).toBe('<a>a</a><a>b</a><a>c</a>');
  });
});
