/**
 * Customer mail as a support mailbox receives it, for the email bench: raw RFC 5322 messages in
 * Spanish and Catalan — plain UTF-8, multipart/alternative with HTML, ISO-8859-1 in
 * quoted-printable (older Windows clients still send it), a few with a small attachment, and
 * some answers threaded on the same customer's earlier mail. Seeded: every run appends the same
 * mix. Built one at a time so 10,000 never sit in memory together.
 */
import { SeededRandom } from '../../src-hub/demo/seeded-random';

export type MailKind = 'plain' | 'html' | 'latin1-qp' | 'attachment';

export interface CorpusMail {
  raw: Buffer;
  kind: MailKind;
  /** Threaded on an earlier mail of the same customer (In-Reply-To / References). */
  reply: boolean;
}

const FIRST = ['Lucía', 'Jordi', 'Núria', 'Andrés', 'Montserrat', 'José', 'Pau', 'Begoña', 'Àlex', 'María', 'Ferran', 'Iñaki', 'Carme', 'Raúl'];
const LAST = ['Ferrer', 'Puig', 'Martínez', 'Sánchez', 'Vidal', 'Muñoz', 'Soler', 'Castellà', 'Gómez', 'Ibáñez'];
const DOMAINS = ['correo-cliente.example', 'hogar.example', 'empresa-bcn.example', 'webmail.example', 'cat-mail.example', 'proveidor.example'];
const SUBJECTS = {
  es: ['Factura duplicada de {mes}', 'No me llega el pedido {n}', 'Cambio de dirección de envío', 'Baja del servicio', 'Cargo no reconocido en mi cuenta', 'Consulta sobre la tarifa', 'El router no conecta desde el {dia}'],
  ca: ['Factura duplicada de {mes}', 'No m’arriba la comanda {n}', 'Canvi d’adreça d’enviament', 'Baixa del servei', 'Càrrec no reconegut al compte', 'Consulta sobre la tarifa', 'El router no connecta des del {dia}'],
};
const BODIES = {
  es: [
    'Hola, me habéis cobrado dos veces la factura de {mes}. ¿Podéis revisarlo y devolverme el importe?',
    'Buenos días: hice el pedido {n} hace más de una semana y todavía no ha llegado. ¿Sabéis algo del envío?',
    'Quería cambiar la dirección de envío a la calle Mayor, 14, 3.º 2.ª. Gracias de antemano.',
    'Les escribo para pedir la baja del servicio a final de mes. Por favor, confírmenme la fecha.',
  ],
  ca: [
    'Hola, m’heu cobrat dues vegades la factura de {mes}. Ho podeu revisar i retornar-me l’import?',
    'Bon dia: vaig fer la comanda {n} fa més d’una setmana i encara no ha arribat. En sabeu alguna cosa?',
    'Voldria canviar l’adreça d’enviament al carrer Major, 14, 3r 2a. Gràcies per endavant.',
    'Us escric per demanar la baixa del servei a final de mes. Si us plau, confirmeu-me la data.',
  ],
};
const MONTHS = { es: ['enero', 'marzo', 'junio', 'octubre', 'noviembre'], ca: ['gener', 'març', 'juny', 'octubre', 'novembre'] };
const DAYS = { es: ['lunes', 'martes', 'viernes'], ca: ['dilluns', 'dimarts', 'divendres'] };
const CLOSINGS = { es: 'Un saludo,', ca: 'Salutacions,' };

/** RFC 2047 encoded word when the text is not plain ASCII. */
function headerWord(text: string, charset: 'UTF-8' | 'ISO-8859-1' = 'UTF-8'): string {
  if (/^[\x20-\x7e]*$/.test(text)) return text;
  return `=?${charset}?B?${Buffer.from(charset === 'UTF-8' ? text : latin1Safe(text), charset === 'UTF-8' ? 'utf8' : 'latin1').toString('base64')}?=`;
}

/** Latin-1 has no typographic apostrophe (Catalan uses it a lot): such clients send a plain one. */
const latin1Safe = (text: string): string => text.replace(/[\u2018\u2019]/g, "'").replace(/[\u0100-\uffff]/g, '?');

/** Quoted-printable (RFC 2045) of already-encoded bytes, soft breaks before 76 columns. */
function quotedPrintable(bytes: Buffer): string {
  const lines: string[] = [];
  let line = '';
  for (const byte of bytes) {
    if (byte === 0x0a) {
      lines.push(line);
      line = '';
      continue;
    }
    const char = byte === 0x0d ? '' : byte >= 0x21 && byte <= 0x7e && byte !== 0x3d ? String.fromCharCode(byte) : byte === 0x20 ? ' ' : `=${byte.toString(16).toUpperCase().padStart(2, '0')}`;
    if (line.length + char.length > 75) {
      lines.push(`${line}=`);
      line = '';
    }
    line += char;
  }
  lines.push(line.endsWith(' ') ? `${line.slice(0, -1)}=20` : line);
  return lines.join('\r\n');
}

const base64Lines = (bytes: Buffer): string => (bytes.toString('base64').match(/.{1,76}/g) ?? []).join('\r\n');
const escapeHtml = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export interface CorpusOptions {
  count: number;
  customers: number;
  /** Makes the Message-IDs unique to this run. */
  runTag: string;
  /** The support mailbox's address (the To line). */
  to: string;
  seed?: number;
}

/** The customer address of customer `c`: stable across runs, so one customer writes several mails. */
export const customerAddress = (c: number): string => `cliente${String(c).padStart(4, '0')}@${DOMAINS[c % DOMAINS.length] ?? DOMAINS[0]}`;

export function* corpus(options: CorpusOptions): Generator<CorpusMail> {
  const rnd = new SeededRandom(options.seed ?? 20_240);
  /** Each customer's last mail (Message-ID, subject), for answers threaded on it. */
  const last = new Map<number, { messageId: string; subject: string }>();
  const sent = new Date('2025-03-03T08:00:00Z').getTime();
  for (let i = 0; i < options.count; i += 1) {
    const customer = rnd.int(0, options.customers - 1);
    const lang = rnd.next() < 0.6 ? 'es' : 'ca';
    const name = `${FIRST[customer % FIRST.length] ?? ''} ${LAST[Math.floor(customer / FIRST.length) % LAST.length] ?? ''}`;
    const roll = rnd.next();
    const kind: MailKind = roll < 0.55 ? 'plain' : roll < 0.77 ? 'html' : roll < 0.93 ? 'latin1-qp' : 'attachment';
    const fill = (t: string): string => t.replace('{mes}', rnd.pick(MONTHS[lang])).replace('{dia}', rnd.pick(DAYS[lang])).replace('{n}', `P-${rnd.int(10_000, 99_999)}`);
    const previous = last.get(customer);
    const reply = previous !== undefined && rnd.next() < 0.3;
    const subject = reply && previous ? `Re: ${previous.subject}` : fill(rnd.pick(SUBJECTS[lang]));
    const body = `${fill(rnd.pick(BODIES[lang]))}\n\n${CLOSINGS[lang]}\n${name}\n`;
    const messageId = `bench.${options.runTag}.${i}@${DOMAINS[customer % DOMAINS.length] ?? 'example'}`;
    const charset = kind === 'latin1-qp' ? 'ISO-8859-1' : 'UTF-8';
    const headers = [
      `From: ${headerWord(name, charset)} <${customerAddress(customer)}>`,
      `To: ${options.to}`,
      `Subject: ${headerWord(subject, charset)}`,
      `Date: ${new Date(sent + i * 37_000).toUTCString().replace('GMT', '+0000')}`,
      `Message-ID: <${messageId}>`,
      ...(reply && previous ? [`In-Reply-To: <${previous.messageId}>`, `References: <${previous.messageId}>`] : []),
      'MIME-Version: 1.0',
    ];
    let mime: string;
    if (kind === 'plain') {
      mime = `Content-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n${body.replace(/\n/g, '\r\n')}`;
    } else if (kind === 'latin1-qp') {
      mime = `Content-Type: text/plain; charset=ISO-8859-1\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n${quotedPrintable(Buffer.from(latin1Safe(body), 'latin1'))}\r\n`;
    } else if (kind === 'html') {
      const boundary = `alt-${i}-${options.runTag}`;
      const html = `<html><body><div dir="ltr">${body.split('\n').map((l) => `<p>${escapeHtml(l)}</p>`).join('')}<div><img src="cid:logo" alt=""></div></div></body></html>`;
      mime = [
        `Content-Type: multipart/alternative; boundary="${boundary}"`,
        '',
        `--${boundary}`,
        'Content-Type: text/plain; charset=UTF-8',
        'Content-Transfer-Encoding: quoted-printable',
        '',
        quotedPrintable(Buffer.from(body, 'utf8')),
        `--${boundary}`,
        'Content-Type: text/html; charset=UTF-8',
        'Content-Transfer-Encoding: quoted-printable',
        '',
        quotedPrintable(Buffer.from(html, 'utf8')),
        `--${boundary}--`,
        '',
      ].join('\r\n');
    } else {
      const boundary = `mixed-${i}-${options.runTag}`;
      const file = Buffer.alloc(rnd.int(2_000, 24_000));
      for (let b = 0; b < file.length; b += 1) file[b] = Math.floor(rnd.next() * 256);
      const fileName = rnd.next() < 0.5 ? `factura-${rnd.int(1000, 9999)}.pdf` : `foto-${rnd.int(1, 99)}.jpg`;
      mime = [
        `Content-Type: multipart/mixed; boundary="${boundary}"`,
        '',
        `--${boundary}`,
        'Content-Type: text/plain; charset=UTF-8',
        'Content-Transfer-Encoding: 8bit',
        '',
        body.replace(/\n/g, '\r\n'),
        `--${boundary}`,
        `Content-Type: ${fileName.endsWith('.pdf') ? 'application/pdf' : 'image/jpeg'}; name="${fileName}"`,
        `Content-Disposition: attachment; filename="${fileName}"`,
        'Content-Transfer-Encoding: base64',
        '',
        base64Lines(file),
        `--${boundary}--`,
        '',
      ].join('\r\n');
    }
    last.set(customer, { messageId, subject: reply && previous ? previous.subject : subject });
    yield { raw: Buffer.concat([Buffer.from(`${headers.join('\r\n')}\r\n`, charset === 'UTF-8' ? 'utf8' : 'latin1'), Buffer.from(mime, kind === 'latin1-qp' ? 'latin1' : 'utf8')]), kind, reply };
  }
}
