/**
 * Broken and hostile mail never stops the intake: every message of the corpus parses or comes
 * back with its headers and a warning, and never throws. Well-formed Spanish and Catalan mail
 * (RFC 2047 words, ISO-8859-1, windows-1252, quoted-printable, base64, cid images) reads right.
 */
import { describe, expect, it } from 'vitest';
import { parseEmail } from '../../../src-hub/channels/email/parse-mail';

const crlf = (lines: string[]): Buffer => Buffer.from(lines.join('\r\n'), 'latin1');

describe('parseEmail on real-world mail', () => {
  it('decodes RFC 2047 headers, quoted-printable ISO-8859-1 and base64 windows-1252 parts', async () => {
    const cp1252 = Buffer.from([0x93, 0x50, 0x72, 0x65, 0x73, 0x73, 0x75, 0x70, 0x6f, 0x73, 0x74, 0x94, 0x20, 0x80, 0x32, 0x30]).toString('base64');
    const parsed = await parseEmail(
      crlf([
        'From: =?ISO-8859-1?Q?Mar=EDa_Garc=EDa?= <Maria.Garcia@Example.TEST>',
        'To: support@example.test',
        'Subject: =?UTF-8?B?wr9Dw7NtbyBlc3TDoSBtaSBwZWRpZG8/?=',
        'Message-ID: <abc.1@mail.example.test>',
        'In-Reply-To: <root@hub.example.test>',
        'References: <root@hub.example.test> <abc.0@mail.example.test>',
        'MIME-Version: 1.0',
        'Content-Type: multipart/mixed; boundary="b1"',
        '',
        '--b1',
        'Content-Type: text/plain; charset=iso-8859-1',
        'Content-Transfer-Encoding: quoted-printable',
        '',
        'Bon dia, la factura de l=B7any passat =E9s incorrecta.',
        '--b1',
        'Content-Type: text/plain; charset=windows-1252; name="nota.txt"',
        'Content-Disposition: attachment; filename="nota.txt"',
        'Content-Transfer-Encoding: base64',
        '',
        cp1252,
        '--b1--',
        '',
      ]),
    );
    expect(parsed.warning).toBeNull();
    expect(parsed.from).toBe('maria.garcia@example.test');
    expect(parsed.fromName).toBe('María García');
    expect(parsed.subject).toBe('¿Cómo está mi pedido?');
    expect(parsed.text).toContain("l·any passat és incorrecta");
    expect(parsed.messageId).toBe('abc.1@mail.example.test');
    expect(parsed.inReplyTo).toBe('root@hub.example.test');
    expect(parsed.references).toEqual(['root@hub.example.test', 'abc.0@mail.example.test']);
    expect(parsed.attachments).toEqual([expect.objectContaining({ filename: 'nota.txt', contentType: 'text/plain', inline: false })]);
  });

  it('lists an inline cid image of an HTML mail with its Content-ID', async () => {
    const parsed = await parseEmail(
      crlf([
        'From: a@example.test',
        'Subject: foto',
        'Content-Type: multipart/related; boundary="r"',
        '',
        '--r',
        'Content-Type: text/html; charset=utf-8',
        '',
        '<p>Mira: <img src="cid:img1@x"></p>',
        '--r',
        'Content-Type: image/png',
        'Content-ID: <img1@x>',
        'Content-Disposition: inline',
        'Content-Transfer-Encoding: base64',
        '',
        'iVBORw0KGgo=',
        '--r--',
      ]),
    );
    expect(parsed.html).toContain('cid:img1@x');
    expect(parsed.attachments[0]).toMatchObject({ contentType: 'image/png', contentId: 'img1@x', inline: true });
    expect(parsed.inlineImages).toEqual([{ contentId: 'img1@x', dataUrl: 'data:image/png;base64,iVBORw0KGgo=' }]);
  });

  it('never keeps an SVG or an HTML part as an inline image, whatever its Content-ID', async () => {
    const parsed = await parseEmail(
      crlf([
        'From: a@example.test',
        'Content-Type: multipart/related; boundary="r"',
        '',
        '--r',
        'Content-Type: text/html; charset=utf-8',
        '',
        '<img src="cid:logo@x"><img src="cid:page@x">',
        '--r',
        'Content-Type: image/svg+xml',
        'Content-ID: <logo@x>',
        '',
        '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>',
        '--r',
        'Content-Type: text/html',
        'Content-ID: <page@x>',
        '',
        '<script>alert(2)</script>',
        '--r--',
      ]),
    );
    expect(parsed.attachments.map((a) => a.contentId)).toContain('logo@x');
    expect(parsed.inlineImages).toEqual([]);
  });
});

describe('parseEmail on a corpus of broken mail', () => {
  const corpus: Record<string, () => Buffer> = {
    'a boundary that never appears': () => crlf(['From: a@example.test', 'Subject: x', 'Content-Type: multipart/mixed; boundary="nope"', '', '--other', 'hello', '--other--']),
    'an unterminated multipart': () => crlf(['From: a@example.test', 'Content-Type: multipart/mixed; boundary="b"', '', '--b', 'Content-Type: text/plain', '', 'cut here']),
    'raw 8-bit bytes in headers': () => Buffer.concat([Buffer.from('From: Jos'), Buffer.from([0xe9, 0xff, 0xfe]), Buffer.from(' <jose@example.test>\r\nSubject: '), Buffer.from([0xc3, 0x28, 0xa0, 0xa1]), Buffer.from('\r\n\r\nbody\r\n')]),
    'a 1 MB line': () => crlf(['From: a@example.test', 'Subject: long', '', 'x'.repeat(1024 * 1024)]),
    'nesting 200 levels deep': () => {
      const lines = ['From: a@example.test', 'Subject: deep'];
      for (let i = 0; i < 200; i++) lines.push(`Content-Type: multipart/mixed; boundary="d${i}"`, '', `--d${i}`);
      lines.push('Content-Type: text/plain', '', 'bottom');
      for (let i = 199; i >= 0; i--) lines.push(`--d${i}--`);
      return crlf(lines);
    },
    'a 10,000-part message': () => {
      const lines = ['From: a@example.test', 'Subject: many', 'Content-Type: multipart/mixed; boundary="m"', ''];
      for (let i = 0; i < 10_000; i++) lines.push('--m', `Content-Type: text/plain; name="p${i}.txt"`, 'Content-Disposition: attachment', '', `part ${i}`);
      lines.push('--m--');
      return crlf(lines);
    },
    'no headers at all': () => Buffer.from('just some bytes without a header block'),
    'an empty message': () => Buffer.alloc(0),
    'binary garbage': () => Buffer.from(Array.from({ length: 64 * 1024 }, (_, i) => (i * 7919) % 256)),
    'a base64 part that is not base64': () => crlf(['From: a@example.test', 'Content-Type: text/plain', 'Content-Transfer-Encoding: base64', '', '!!!not*base64***', '']),
    'an unknown charset': () => crlf(['From: a@example.test', 'Subject: =?x-klingon?Q?abc?=', 'Content-Type: text/plain; charset=x-klingon', '', 'qapla']),
  };

  for (const [name, build] of Object.entries(corpus)) {
    it(`survives ${name}`, async () => {
      const parsed = await parseEmail(build());
      expect(typeof parsed.subject).toBe('string');
      expect(typeof parsed.text).toBe('string');
      // Either read, or kept raw with a warning the agent sees: never silently empty-handed.
      if (parsed.warning === null) expect(parsed.from.length + parsed.text.length + parsed.attachments.length).toBeGreaterThan(0);
    }, 60_000);
  }

  it('keeps the sender of a message with 8-bit header bytes', async () => {
    const parsed = await parseEmail(corpus['raw 8-bit bytes in headers']?.() ?? Buffer.alloc(0));
    expect(parsed.from).toBe('jose@example.test');
  });

  it('keeps the 10,000-part message raw with its subject and sender and a warning', async () => {
    const parsed = await parseEmail(corpus['a 10,000-part message']?.() ?? Buffer.alloc(0));
    expect(parsed.subject).toBe('many');
    expect(parsed.from).toBe('a@example.test');
    expect(parsed.warning).toMatch(/could not be read/);
  }, 60_000);
});
