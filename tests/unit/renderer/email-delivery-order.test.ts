import { describe, expect, it } from 'vitest';
import type { EmailMessageView, EmailThreadView } from '../../../src-common/email';
import { createAppStore } from '../../../src-renderer/store/app-store';

function reply(delivery: EmailMessageView['delivery'], deliveryError: string | null = null): EmailMessageView {
  return {
    id: 'msg-2', direction: 'out', messageId: 'reply.1@example.es', from: 'soporte@example.es', to: ['maria.garcia@example.es'], cc: [], bcc: [],
    subject: 'Re: Cambio de dirección', text: 'Hecho.', html: null, attachments: [], warning: null, automated: null, at: '2026-12-06T10:00:05Z',
    delivery, deliveryError, authorId: 'jordi', senderCheck: null, claimsKnownCustomer: false, clientId: 'draft-1',
  };
}

function thread(delivery: EmailMessageView['delivery']): EmailThreadView {
  return { threadId: 't-1', itemId: 'mail-1', customerId: null, subject: 'Cambio de dirección', mailboxAddress: 'soporte@example.es', messages: [reply(delivery)] };
}

const deliveryShown = (store: ReturnType<typeof createAppStore>) => store.getState().emailThreads['mail-1']?.messages.find((m) => m.id === 'msg-2')?.delivery;

describe('a reply’s delivery in the email panel', () => {
  it('stays sent when a thread read before it went out arrives after the event that said so', () => {
    const store = createAppStore();
    store.getState().applyEmailThread('mail-1', thread('queued'));
    store.getState().applyEmailEvent({ kind: 'email-delivery', itemId: 'mail-1', message: reply('sent') });
    store.getState().applyEmailThread('mail-1', thread('sending'));
    expect(deliveryShown(store)).toBe('sent');
  });

  it('moves forward as the hub says: sending, sent, and failed when it bounces', () => {
    const store = createAppStore();
    store.getState().applyEmailThread('mail-1', thread('queued'));
    store.getState().applyEmailThread('mail-1', thread('sending'));
    expect(deliveryShown(store)).toBe('sending');
    store.getState().applyEmailEvent({ kind: 'email-delivery', itemId: 'mail-1', message: reply('sent') });
    store.getState().applyEmailEvent({ kind: 'email-delivery', itemId: 'mail-1', message: reply('failed', '550 mailbox gone') });
    store.getState().applyEmailThread('mail-1', thread('sent'));
    expect(deliveryShown(store)).toBe('failed');
    expect(store.getState().emailThreads['mail-1']?.messages[0]?.deliveryError).toBe('550 mailbox gone');
  });
});
