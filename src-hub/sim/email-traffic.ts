/**
 * Simulated email customers, for the lab with `labMail`: every `intervalMs` a customer of the
 * demo set writes to the queue's lab address over real SMTP (nodemailer to the lab mail server),
 * so the mail takes the same road as every other mail: stored raw, parsed, threaded, routed. When an
 * agent's reply reaches a simulated customer's lab mailbox, that customer answers it once, a few
 * seconds later, as a mail client would: In-Reply-To and References set, "Re:" subject, to the
 * Reply-To address. Never to machine-made mail (Auto-Submitted, bounces), never to their own
 * mail, and once per thread, so two robots can never keep a conversation going by themselves.
 */
import { randomBytes } from 'node:crypto';
import nodemailer, { type SendMailOptions } from 'nodemailer';
import type { Clock, TimerHandle } from '../clock';
import type { HubLogger } from '../log';
import type { LabDelivery, LabDeliveryListener } from '../channels/email/lab-customer-mailboxes';
import { EMAIL_FOLLOW_UPS, EMAIL_OPENERS } from '../demo/demo-vocabulary';
import { SeededRandom } from '../demo/seeded-random';

export const DEFAULT_EMAIL_INTERVAL_MS = 45_000;
export const DEFAULT_EMAIL_ANSWER_DELAY_MS = 5_000;
export const MAX_WAITING_SIMULATED_EMAILS = 5;
/** A sent mail never filed (the hub refused it) stops counting against the cap after this long. */
const FORGET_UNFILED_MS = 10 * 60_000;
/** Threads remembered as answered; older ones are long finished. */
const ANSWERED_MEMORY = 2_000;

export interface EmailTrafficOptions {
  /** The lab mail server. */
  smtp: { host: string; port: number };
  /** The queue's lab address the customers write to. */
  queueAddress: string;
  /** Who writes: people of the demo set with an email address. */
  customers: readonly { name: string; email: string }[];
  /** Where agents' replies to customers land. */
  mailboxes: { onDelivery(listener: LabDeliveryListener): () => void };
  /**
   * Whether the work of a mail the simulator sent still waits for an agent: true, false, or null
   * while the hub has not filed it yet.
   */
  isWaiting(messageId: string): boolean | null;
  intervalMs: number;
  /** No new mail while this many simulated mails wait for an agent. */
  maxWaiting: number;
  /** How long a customer takes to answer an agent's reply. */
  answerDelayMs: number;
  clock: Clock;
  log: HubLogger;
}

export interface EmailTraffic {
  /** One customer writes now (what each tick does), unless enough simulated mails wait. */
  tick(): Promise<void>;
  /** Simulated mails sent and not yet taken by an agent. */
  waitingEmails(): number;
  stop(): Promise<void>;
}

function messageIdFor(address: string): string {
  return `${randomBytes(10).toString('hex')}.sim@${address.split('@')[1] ?? 'example.es'}`;
}

/** The reply's text as a mail client quotes it below an answer. */
function quoted(text: string): string {
  return text
    .split(/\r?\n/)
    .slice(0, 12)
    .map((line) => `> ${line}`)
    .join('\n');
}

export function startEmailTraffic(options: EmailTrafficOptions): EmailTraffic {
  const { clock, log } = options;
  const rnd = new SeededRandom(11);
  const transport = nodemailer.createTransport({ host: options.smtp.host, port: options.smtp.port, secure: false, ignoreTLS: true });
  const customersByAddress = new Map(options.customers.map((c) => [c.email.toLowerCase(), c]));
  /** Message-IDs of simulated mails that may still wait for an agent, with when they were sent. */
  const waiting = new Map<string, number>();
  const answered = new Set<string>();
  const answerTimers = new Set<TimerHandle>();
  const sending = new Set<Promise<void>>();
  let timer: TimerHandle | null = null;
  let stopped = false;

  const forgetTaken = (): void => {
    for (const [messageId, sentAt] of waiting) {
      const state = options.isWaiting(messageId);
      if (state === false || (state === null && clock.now() - sentAt > FORGET_UNFILED_MS)) waiting.delete(messageId);
    }
  };

  const send = (mail: SendMailOptions, what: string): Promise<void> => {
    const sent = transport
      .sendMail(mail)
      .then(() => log.debug({ to: mail.to, messageId: mail.messageId }, what))
      .catch((cause: unknown) => log.warn({ err: cause, messageId: mail.messageId }, `${what}: not sent`))
      .finally(() => sending.delete(sent));
    sending.add(sent);
    return sent;
  };

  const tick = async (): Promise<void> => {
    forgetTaken();
    if (stopped) return;
    if (waiting.size >= options.maxWaiting) return void log.debug('email simulator paused: enough simulated mails are waiting');
    if (options.customers.length === 0) return;
    const customer = rnd.pick(options.customers);
    const opener = rnd.pick(EMAIL_OPENERS);
    const messageId = messageIdFor(customer.email);
    waiting.set(messageId, clock.now());
    await send(
      {
        from: { name: customer.name, address: customer.email },
        to: options.queueAddress,
        subject: opener.subject,
        text: opener.text,
        ...(opener.html ? { html: opener.html } : {}),
        messageId: `<${messageId}>`,
      },
      'simulated customer mail sent',
    );
  };

  const answer = (reply: LabDelivery, customer: { name: string; email: string }): void => {
    if (stopped || !reply.messageId) return;
    const subject = /^re:/i.test(reply.subject) ? reply.subject : `Re: ${reply.subject}`;
    void send(
      {
        from: { name: customer.name, address: customer.email },
        to: reply.replyTo[0] ?? reply.from,
        subject,
        text: `${rnd.pick(EMAIL_FOLLOW_UPS)}\n\n${quoted(reply.text)}`,
        messageId: `<${messageIdFor(customer.email)}>`,
        inReplyTo: `<${reply.messageId}>`,
        references: [...reply.references, reply.messageId].map((id) => `<${id}>`),
      },
      'simulated customer answered a reply',
    );
  };

  const unsubscribe = options.mailboxes.onDelivery((delivery) => {
    const customer = delivery.to.map((address) => customersByAddress.get(address)).find((c) => c !== undefined);
    if (!customer || stopped || delivery.automated !== null || delivery.from === customer.email.toLowerCase() || !delivery.messageId) return;
    // The thread's first message names it: every later reply carries it first in References.
    const thread = delivery.references[0] ?? delivery.inReplyTo ?? delivery.messageId;
    if (answered.has(thread)) return;
    answered.add(thread);
    if (answered.size > ANSWERED_MEMORY) answered.delete(answered.values().next().value ?? thread);
    const pending = clock.setTimer(options.answerDelayMs, () => {
      answerTimers.delete(pending);
      answer(delivery, customer);
    });
    answerTimers.add(pending);
  });

  const schedule = (): void => {
    if (stopped) return;
    timer = clock.setTimer(options.intervalMs, () => {
      void tick()
        .catch((cause: unknown) => log.error({ err: cause }, 'email simulator tick failed'))
        .finally(schedule);
    });
  };
  schedule();

  return {
    tick,
    waitingEmails: () => {
      forgetTaken();
      return waiting.size;
    },
    stop: async () => {
      stopped = true;
      timer?.cancel();
      for (const pending of answerTimers) pending.cancel();
      answerTimers.clear();
      unsubscribe();
      await Promise.all([...sending]);
      transport.close();
    },
  };
}
