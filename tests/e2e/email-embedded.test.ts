/**
 * Email in the embedded default (what `npm start` runs: the hub's lab mail server, real SMTP on
 * loopback), in Spanish, Catalan and English. A customer's HTML mail, hostile parts included,
 * becomes an offer with the customer's context; the agent reads it with nothing run and no
 * remote request until they allow images; answers with a template in the UI's language; the
 * customer's lab mailbox receives the reply with its threading headers; the customer answers
 * and the answer joins the same conversation on the same agent's screen.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import nodemailer from 'nodemailer';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ca } from '../../src-renderer/i18n/ca';
import { en } from '../../src-renderer/i18n/en';
import { es } from '../../src-renderer/i18n/es';
import type { Resource } from '../../src-renderer/i18n/resource-shape';
import { XSS_CORPUS, XSS_LINE } from '../support/xss-corpus';
import { eventually, goReady, signIn } from './support/agent-steps';
import { launchBrowser, openDesktop, type AgentTab } from './support/browser';
import { launchApp, type RunningApp } from './support/launch-app';

interface LabMail {
  intake: { host: string; port: number; address: string };
  delivered: { to: string[]; cc: string[]; subject: string; messageId: string; inReplyTo: string | null; references: string[]; text: string }[];
}

let app: RunningApp;
let browser: Browser;
let tab: AgentTab;
let tracker: Server;
const trackerHits: string[] = [];

beforeAll(async () => {
  tracker = createServer((req, res) => {
    trackerHits.push(req.url ?? '');
    res.writeHead(200, { 'content-type': 'image/gif' });
    res.end(Buffer.from('R0lGODlhAQABAAAAACwAAAAAAQABAAA=', 'base64'));
  });
  await new Promise<void>((resolve) => tracker.listen(0, '127.0.0.1', resolve));
  app = await launchApp();
  browser = await launchBrowser();
  tab = await openDesktop(browser, app.desktopUrl);
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  await new Promise<void>((resolve) => (tracker ? tracker.close(() => resolve()) : resolve()));
});

async function labMail(): Promise<LabMail> {
  const response = await fetch(`${app.hubUrl}/api/lab/mail`);
  expect(response.status).toBe(200);
  return (await response.json()) as LabMail;
}

/** A customer's mail client: real SMTP to the lab mail server. */
async function customerSends(mail: { from: string; subject: string; text: string; html?: string; inReplyTo?: string; references?: string[]; attachments?: { filename: string; content: string | Buffer; cid?: string }[] }): Promise<string> {
  const { intake } = await labMail();
  const transport = nodemailer.createTransport({ host: intake.host, port: intake.port, secure: false, ignoreTLS: true });
  try {
    const info = await transport.sendMail({ ...mail, to: intake.address });
    return String(info.messageId).replace(/^<|>$/g, '');
  } finally {
    transport.close();
  }
}

const LANGUAGES: readonly { lang: 'es' | 'ca' | 'en'; words: Resource; disposition: string; template: string; greeting: string }[] = [
  { lang: 'es', words: es, disposition: 'Resuelto', template: 'Acuse de recibo', greeting: 'Gracias por escribirnos' },
  { lang: 'ca', words: ca, disposition: 'Resolt', template: 'Justificant de recepció', greeting: "Gràcies per escriure'ns" },
  { lang: 'en', words: en, disposition: 'Resolved', template: 'Acknowledgement', greeting: 'Thank you for writing to us' },
];

/** A 1×1 PNG. */
const PIXEL_PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

const workspace = (page: Page, words: Resource) => page.getByRole('region', { name: words.workspace.title });
const frameMarks = (page: Page): Promise<unknown> => page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss ?? null);

describe('email in the embedded default', () => {
  it('signs in and is ready for mail', async () => {
    await signIn(tab.page, 'marta');
    await goReady(tab.page);
  });

  for (const { lang, words, disposition, template, greeting } of LANGUAGES) {
    it(`${lang}: a hostile HTML mail is read safely, answered with a template and threaded both ways`, async () => {
      const { page } = tab;
      const dialogs: string[] = [];
      page.on('dialog', (d) => {
        dialogs.push(d.message());
        void d.dismiss();
      });
      await page.getByRole('banner').getByLabel(/^(Idioma|Language)$/).selectOption(lang);
      await page.locator(`html[lang="${lang}"]`).waitFor();

      const subject = `Pedido ${lang}-${Date.now()} ${XSS_LINE}`;
      const tracked = `http://127.0.0.1:${(tracker.address() as AddressInfo).port}/pixel-${lang}.gif`;
      const html = `<p>Hola, <b>no me ha llegado</b> el pedido ${lang}.</p><img src="${tracked}" alt="logo"><img src="cid:captura-${lang}@cliente" alt="captura">${XSS_CORPUS.join('\n')}<blockquote>Mensaje anterior citado ${lang}</blockquote>`;
      const customerMessageId = await customerSends({
        from: `"${XSS_CORPUS[1]} María García" <maria.garcia@example.es>`,
        subject,
        text: `Hola, no me ha llegado el pedido ${lang}.`,
        html,
        attachments: [
          { filename: `${XSS_CORPUS[1]}.txt`, content: 'albarán' },
          // A pasted screenshot: an inline part the HTML shows by cid:.
          { filename: 'captura.png', content: Buffer.from(PIXEL_PNG, 'base64'), cid: `captura-${lang}@cliente` },
        ],
      });

      const card = page.locator('li.offer', { hasText: `Pedido ${lang}-` });
      await card.waitFor({ timeout: 15_000 });
      // The queue promises an answer within 4 hours: the offer counts it down.
      await expect(card.locator('.response-target').textContent()).resolves.toMatch(new RegExp(`^${words.queue.answerWithin.replace('{{time}}', '(3:59:\\d\\d|4:00:00)')}$`));
      // The screen pop: the sender's address found the demo customer and their history.
      await page.getByRole('complementary').getByRole('heading', { name: 'María García López' }).waitFor();
      await card.getByRole('button', { name: words.queue.accept }).click();

      const area = workspace(page, words);
      const frame = area.frameLocator('iframe.email-frame').first();
      await frame.getByText(`no me ha llegado`).first().waitFor({ timeout: 15_000 });
      // Quoted text folds; the remote image waits for the agent.
      await frame.locator('details summary', { hasText: words.email.quoted }).waitFor();
      await area.getByText(words.email.imagesBlocked_one.replace('{{count}}', '1')).waitFor();
      expect(trackerHits.filter((h) => h.includes(`pixel-${lang}`))).toEqual([]);
      await area.getByText(`${XSS_CORPUS[1]}.txt`).waitFor();
      // The screenshot shows in its place (a data: image, allowed by the frame's CSP).
      const screenshot = frame.locator('img[alt="captura"]');
      await expect(screenshot.getAttribute('src')).resolves.toBe(`data:image/png;base64,${PIXEL_PNG}`);
      await expect.poll(() => screenshot.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(1);
      expect(await frameMarks(page)).toBeNull();
      const frameWindowMarks = await page.evaluate(() => {
        const frames = [...document.querySelectorAll('iframe')];
        return frames.map((f) => (f.contentWindow as unknown as { __xss?: unknown } | null)?.__xss ?? null).filter((x) => x !== null);
      });
      expect(frameWindowMarks).toEqual([]);

      await area.getByRole('button', { name: words.email.showImages }).click();
      await frame.locator(`img[src="${tracked}"]`).waitFor();
      await eventually(
        async () => trackerHits.filter((h) => h.includes(`pixel-${lang}`)).length,
        (n) => expect(n).toBeGreaterThan(0),
      );

      const composer = area.getByRole('form', { name: words.email.composer });
      await composer.getByLabel(words.email.template).selectOption({ label: template });
      const text = composer.getByRole('textbox', { name: words.email.replyText, exact: true });
      await expect.poll(() => text.inputValue()).toContain(greeting);
      expect(await text.inputValue()).toContain('Marta Ruiz');
      await text.press('End');
      await text.pressSequentially(' OK');
      // A blind copy for the shop's records: delivered, named in no header.
      await composer.getByLabel(words.email.bcc, { exact: true }).fill(`registro-${lang}@tienda.example`);
      await composer.getByRole('button', { name: words.email.send }).click();
      await composer.getByText(words.email.replyQueued).waitFor();

      const reply = await eventually(
        async () => (await labMail()).delivered.find((m) => m.inReplyTo === customerMessageId),
        (m) => expect(m).toBeDefined(),
        20_000,
      );
      expect([...(reply?.to ?? [])].sort()).toEqual(['maria.garcia@example.es', `registro-${lang}@tienda.example`]);
      expect(reply?.cc).toEqual([]);
      expect(reply?.references).toContain(customerMessageId);
      expect(reply?.text).toContain(greeting);
      await area.locator('.email-delivery.delivery-sent').first().waitFor({ timeout: 20_000 });

      // The customer answers the reply: the same conversation, on the same agent's screen.
      await customerSends({
        from: 'María García <maria.garcia@example.es>',
        subject: `Re: ${reply?.subject ?? ''}`,
        text: `Perfecto, gracias (${lang}).`,
        inReplyTo: `<${reply?.messageId ?? ''}>`,
        references: [`<${customerMessageId}>`, `<${reply?.messageId ?? ''}>`],
      });
      await area.getByText(`Perfecto, gracias (${lang}).`).waitFor({ timeout: 15_000 });
      await expect(page.locator('li.offer').count()).resolves.toBe(0);

      expect(dialogs).toEqual([]);
      expect(await frameMarks(page)).toBeNull();
      await area.getByRole('button', { name: words.workspace.end, exact: true }).click();
      const form = page.getByRole('form', { name: words.wrapUp.title });
      await form.getByRole('radio', { name: disposition }).check();
      await form.getByRole('button', { name: words.wrapUp.submit }).click();
      await form.waitFor({ state: 'hidden' });
    });
  }

  it('left no page errors or CSP violations behind', () => {
    expect(tab.problems).toEqual([]);
  });
});
