/** Lab mail's config section: lab only, on an email queue, never mixed up with a real mailbox; and its page escapes everything. */
import { describe, expect, it } from 'vitest';
import { parseHubConfig } from '../../../src-hub/config/load-config';
import { DEMO_CONFIG_YAML, demoHubConfig } from '../../../src-hub/demo/demo-config';
import { isLabQueueAddress } from '../../../src-hub/channels/email/lab-mail-server';
import { renderLabMailPage } from '../../../src-hub/channels/email/lab-mail-page';
import { LabCustomerMailboxes, type LabDelivery } from '../../../src-hub/channels/email/lab-customer-mailboxes';

const LAB_MAIL_LINE = 'labMail: { queueId: correo, address: soporte@correo.lab, displayName: Centralita Soporte }';

function problems(yaml: string): string[] {
  const result = parseHubConfig(yaml, 'hub.yaml');
  return result.ok ? [] : result.problems;
}

const REAL_EMAIL = `email:
  mailboxes:
    - { id: lab, queueId: correo, imap: { host: imap.example, port: 993, user: soporte@correo.lab, auth: { password: x } }, address: soporte@correo.lab }
  smtp: { host: smtp.example, port: 465 }
`;

describe('labMail config', () => {
  it('is in the demo configuration, on the email queue', () => {
    expect(DEMO_CONFIG_YAML).toContain(LAB_MAIL_LINE);
    expect(demoHubConfig().labMail).toEqual({ queueId: 'correo', address: 'soporte@correo.lab', displayName: 'Centralita Soporte' });
  });

  it('is refused without "lab: true", saying why', () => {
    // Lab-only plaintext passwords and the lab SIP proxy are refused too; lab mail says its own reason.
    expect(problems(DEMO_CONFIG_YAML.replace(/^lab: true$/m, 'lab: false'))).toContain(
      'hub.yaml: labMail: lab mail (the hub\'s own SMTP server for customers\' mail) is for the lab only: it needs "lab: true"; production uses "email" with real IMAP and SMTP servers',
    );
  });

  it('needs an email queue', () => {
    expect(problems(DEMO_CONFIG_YAML.replace(LAB_MAIL_LINE, 'labMail: { queueId: soporte, address: soporte@correo.lab }'))).toContain('hub.yaml: labMail.queueId: "soporte" is not an email queue');
  });

  it('refuses a real mailbox that takes its id or its address', () => {
    const found = problems(`${DEMO_CONFIG_YAML}${REAL_EMAIL}`);
    expect(found).toContain('hub.yaml: email.mailboxes[0].id: "lab" is the mailbox id of lab mail; choose another');
    expect(found).toContain('hub.yaml: labMail.address: "soporte@correo.lab" is also the address of email mailbox "lab"');
  });

  it('may sit next to real mailboxes', () => {
    expect(problems(`${DEMO_CONFIG_YAML}${REAL_EMAIL.replace('id: lab', 'id: imap').replace('user: soporte@correo.lab', 'user: soporte@example.es').replace('address: soporte@correo.lab', 'address: soporte@example.es')}`)).toEqual([]);
  });
});

describe('lab mail routing and page', () => {
  it('takes the queue address and its plus-addressed forms, and nothing else, as the queue', () => {
    expect(isLabQueueAddress('soporte@correo.lab', 'soporte@correo.lab')).toBe(true);
    expect(isLabQueueAddress('Soporte+ab23cdefgh@Correo.LAB', 'soporte@correo.lab')).toBe(true);
    expect(isLabQueueAddress('soportes@correo.lab', 'soporte@correo.lab')).toBe(false);
    expect(isLabQueueAddress('soporte@correo.lab.evil', 'soporte@correo.lab')).toBe(false);
    expect(isLabQueueAddress('maria.garcia@example.es', 'soporte@correo.lab')).toBe(false);
  });

  it('keeps the newest messages only, newest first, and a failing listener does not stop delivery', () => {
    const failures: unknown[] = [];
    const boxes = new LabCustomerMailboxes(3, (cause) => failures.push(cause));
    boxes.onDelivery(() => {
      throw new Error('listener bug');
    });
    for (let i = 1; i <= 5; i++) boxes.deliver(delivery({ subject: `n${i}` }));
    expect(boxes.list().map((m) => m.subject)).toEqual(['n5', 'n4', 'n3']);
    expect(failures).toHaveLength(5);
  });

  it('escapes every value of a delivered mail on the page', () => {
    const hostile = '"><script>alert(1)</script><img src=x onerror=alert(2)>';
    const html = renderLabMailPage(
      { intake: { host: '127.0.0.1', port: 2525, address: hostile }, delivered: [{ ...delivery({ to: [hostile], from: hostile, subject: hostile, inReplyTo: hostile, text: hostile, date: hostile }), id: 'lab-1' }] },
      'en',
    );
    expect(html).not.toMatch(/<script|<img|onerror=alert\(2\)>/);
    expect(html).toContain('&#34;&#62;&#60;script&#62;alert(1)&#60;/script&#62;');
  });
});

function delivery(over: Partial<LabDelivery>): Omit<LabDelivery, 'id'> {
  return {
    to: ['maria.garcia@example.es'],
    from: 'soporte@correo.lab',
    replyTo: [],
    cc: [],
    subject: 'Re: hola',
    messageId: 'a@correo.lab',
    inReplyTo: null,
    references: [],
    text: 'hola',
    date: '2026-01-01T00:00:00.000Z',
    receivedAt: '2026-01-01T00:00:00.000Z',
    automated: null,
    size: 100,
    ...over,
  };
}
