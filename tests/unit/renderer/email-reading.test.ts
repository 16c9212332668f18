import { describe, expect, it } from 'vitest';
import type { EmailMessageView } from '../../../src-common/email';
import { parseCcField } from '../../../src-common/email-draft';
import { languagesOf, textIn } from '../../../src-common/email-templates';
import { fillCanned } from '../../../src-renderer/chat/canned-responses';
import { splitQuoted } from '../../../src-renderer/email/quoted-text';
import { createAppStore } from '../../../src-renderer/store/app-store';

const message = (over: Partial<EmailMessageView>): EmailMessageView => ({
  id: 'em-1',
  direction: 'in',
  messageId: 'a@x',
  from: 'maria@example.es',
  to: ['soporte@correo.lab'],
  cc: [],
  bcc: [],
  subject: 'Factura',
  text: 'Hola',
  html: null,
  attachments: [],
  warning: null,
  automated: null,
  at: '2026-12-06T10:00:00.000Z',
  delivery: null,
  deliveryError: null,
  authorId: null,
  clientId: null,
  senderCheck: null,
  claimsKnownCustomer: false,
  ...over,
});

describe('reading an email', () => {
  it('folds what a reply quotes, with the "wrote:" line, and keeps the new words first', () => {
    const parts = splitQuoted('Gracias, ya lo veo.\n\nEl lun, 5 dic 2026 a las 10:02, Ana <ana@x.es> escribió:\n> ¿Le llegó la factura?\n> Saludos');
    expect(parts).toEqual([
      { kind: 'text', text: 'Gracias, ya lo veo.' },
      { kind: 'quote', text: 'El lun, 5 dic 2026 a las 10:02, Ana <ana@x.es> escribió:\n> ¿Le llegó la factura?\n> Saludos' },
    ]);
  });

  it('folds everything under an Outlook "original message" line', () => {
    const parts = splitQuoted('Adjunto el pedido.\n-----Missatge original-----\nDe: Botiga\nAssumpte: Comanda');
    expect(parts.map((p) => p.kind)).toEqual(['text', 'quote']);
    expect(parts[1]?.text).toContain('Assumpte: Comanda');
  });

  it('leaves a mail with no quote as one text', () => {
    expect(splitQuoted('Una línea\n\nOtra')).toEqual([{ kind: 'text', text: 'Una línea\n\nOtra' }]);
  });
});

describe('writing an email', () => {
  it('reads a CC field typed with commas, semicolons or spaces, and names the first bad piece', () => {
    expect(parseCcField(' a@x.es; B@Y.cat ,c@z.com a@x.es')).toEqual({ ok: true, addresses: ['a@x.es', 'b@y.cat', 'c@z.com'] });
    expect(parseCcField('a@x.es, jefa')).toEqual({ ok: false, invalid: 'jefa' });
    expect(parseCcField('')).toEqual({ ok: true, addresses: [] });
  });

  it('fills template variables it knows and leaves the rest as written', () => {
    const text = 'Hola {customerName}, sobre «{subject}» en {queueName}. {agentName} {unknown}';
    expect(fillCanned(text, { customerName: 'María', agentName: 'Ana', queueName: 'Correo', subject: 'Factura' })).toBe('Hola María, sobre «Factura» en Correo. Ana {unknown}');
    expect(fillCanned('{subject}', { customerName: 'M', agentName: 'A' })).toBe('{subject}');
  });

  it('picks a template text in the asked language, else the first it has', () => {
    const text = { ca: 'Bon dia', en: 'Good morning' };
    expect(languagesOf(text)).toEqual(['ca', 'en']);
    expect(textIn(text, 'en')).toBe('Good morning');
    expect(textIn(text, 'es')).toBe('Bon dia');
  });
});

describe('the email slice', () => {
  it('shows a reply as pending until the hub copy with its clientId arrives, and never doubles a message', () => {
    const store = createAppStore();
    const s = () => store.getState();
    s().applyEmailThread('item-1', { threadId: 't1', itemId: 'item-1', customerId: 'c1', subject: 'Factura', mailboxAddress: 'soporte@correo.lab', messages: [message({})] });
    s().addPendingEmailReply('item-1', { clientId: 'draft-key-1', text: 'Le respondo', cc: [] });
    expect(s().emailThreads['item-1']?.pending).toHaveLength(1);
    const reply = message({ id: 'em-2', direction: 'out', messageId: 'r@x', text: 'Le respondo', at: '2026-12-06T10:05:00.000Z', delivery: 'queued', clientId: 'draft-key-1' });
    s().applyEmailEvent({ kind: 'email-delivery', itemId: 'item-1', message: reply });
    s().applyEmailEvent({ kind: 'email-delivery', itemId: 'item-1', message: { ...reply, delivery: 'sent' } });
    const thread = s().emailThreads['item-1'];
    expect(thread?.pending).toEqual([]);
    expect(thread?.messages.map((m) => [m.id, m.delivery])).toEqual([
      ['em-1', null],
      ['em-2', 'sent'],
    ]);
  });
});
