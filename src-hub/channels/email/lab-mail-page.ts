/**
 * What lab customers received, over HTTP (only with `labMail`): GET /lab/mail is a page for a
 * person — newest first, in Spanish, Catalan or English like the landing page, every value
 * escaped (the mail is whatever an agent or a test wrote), no script and a CSP that allows none;
 * GET /api/lab/mail is the same as JSON, with where to submit mail, for tests and tools.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { LAB_MAIL_API_PATH, LAB_MAIL_PAGE_PATH } from '../../../src-common/email';
import { sendJson } from '../../server/http-replies';
import { escapeHtml, pickLandingLanguage, sendStaticPage, staticPage, type LandingLanguage } from '../../server/landing-page';
import type { LabCustomerMailboxes, LabDelivery } from './lab-customer-mailboxes';

/** Where customers submit mail to the queue: the lab SMTP server and the queue's address. */
export interface LabMailIntake {
  host: string;
  port: number;
  address: string;
}

/** The JSON of LAB_MAIL_API_PATH. */
export interface LabMailListing {
  intake: LabMailIntake | null;
  delivered: LabDelivery[];
}

const TEXT = {
  es: {
    title: 'Correo de laboratorio: buzones de los clientes',
    intro: 'Lo que recibieron los clientes del laboratorio (respuestas de los agentes, reenvíos), del más reciente al más antiguo. Solo en memoria: se pierde al reiniciar el hub.',
    write: 'Para escribir como cliente, envíe un correo por SMTP (sin TLS ni usuario) a',
    via: 'a través de',
    none: 'Ningún cliente ha recibido correo todavía.',
    to: 'Para',
    from: 'De',
    date: 'Fecha',
    inReplyTo: 'En respuesta a',
    automated: 'Automático',
    refresh: 'Actualizar',
    home: 'Inicio del hub',
    language: 'Idioma',
  },
  ca: {
    title: 'Correu de laboratori: bústies dels clients',
    intro: "El que van rebre els clients del laboratori (respostes dels agents, reenviaments), del més recent al més antic. Només en memòria: es perd en reiniciar el hub.",
    write: 'Per escriure com a client, envieu un correu per SMTP (sense TLS ni usuari) a',
    via: 'a través de',
    none: 'Cap client no ha rebut correu encara.',
    to: 'Per a',
    from: 'De',
    date: 'Data',
    inReplyTo: 'En resposta a',
    automated: 'Automàtic',
    refresh: 'Actualitzar',
    home: 'Inici del hub',
    language: 'Idioma',
  },
  en: {
    title: "Lab mail: the customers' mailboxes",
    intro: 'What lab customers received (agents’ replies, forwards), newest first. In memory only: a hub restart forgets it.',
    write: 'To write as a customer, send mail over SMTP (no TLS, no login) to',
    via: 'through',
    none: 'No customer has received mail yet.',
    to: 'To',
    from: 'From',
    date: 'Date',
    inReplyTo: 'In reply to',
    automated: 'Automated',
    refresh: 'Refresh',
    home: 'Hub home',
    language: 'Language',
  },
} as const satisfies Record<LandingLanguage, Record<string, string>>;

const STYLE = `body{font:16px/1.5 system-ui,sans-serif;margin:0 auto;max-width:52rem;padding:1.5rem;color:#1b1b1b;background:#fff}
h1{font-size:1.5rem}h2{font-size:1.1rem;margin:0 0 .5rem}a{color:#0b57a4}code{background:#f1f1f1;padding:0 .25rem}
nav ul{list-style:none;padding:0;display:flex;gap:1rem}article{border:1px solid #ddd;border-radius:.4rem;padding:1rem;margin:1rem 0}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.1rem 1rem;margin:0 0 .75rem}dt{font-weight:600}dd{margin:0;overflow-wrap:anywhere}
pre{white-space:pre-wrap;overflow-wrap:anywhere;font:inherit;margin:0;background:#fafafa;padding:.5rem}`;

export function renderLabMailPage(listing: LabMailListing, lang: LandingLanguage): string {
  const t = TEXT[lang];
  const e = escapeHtml;
  const intake = listing.intake
    ? `<p>${e(t.write)} <code>${e(listing.intake.address)}</code> ${e(t.via)} <code>${e(listing.intake.host)}:${listing.intake.port}</code>.</p>`
    : '';
  const articles = listing.delivered.map((m) => {
    const row = (label: string, value: string): string => `<dt>${e(label)}</dt><dd>${e(value)}</dd>`;
    return `<article><h2>${e(m.subject || '(no subject)')}</h2><dl>${row(t.to, m.to.join(', '))}${row(t.from, m.from)}${row(t.date, m.date)}${m.inReplyTo ? row(t.inReplyTo, m.inReplyTo) : ''}${m.automated ? row(t.automated, m.automated) : ''}</dl><pre>${e(m.text)}</pre></article>`;
  });
  return staticPage({ lang, path: LAB_MAIL_PAGE_PATH, title: t.title, languageLabel: t.language, style: STYLE, main: `<p>${e(t.intro)}</p>
${intake}
<p><a href="${LAB_MAIL_PAGE_PATH}?lang=${lang}">${e(t.refresh)}</a> · <a href="/?lang=${lang}">${e(t.home)}</a></p>
${articles.length > 0 ? articles.join('\n') : `<p>${e(t.none)}</p>`}
` });
}

/** Answers GET/HEAD of the two lab mail paths; false for anything else. */
export function createLabMailRoutes(customers: LabCustomerMailboxes, intake: () => LabMailIntake | null): (req: IncomingMessage, res: ServerResponse, url: URL) => boolean {
  return (req, res, url) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return false;
    if (url.pathname === LAB_MAIL_API_PATH) {
      const listing: LabMailListing = { intake: intake(), delivered: customers.list() };
      sendJson(res, 200, listing);
      return true;
    }
    if (url.pathname !== LAB_MAIL_PAGE_PATH) return false;
    const lang = pickLandingLanguage(url.searchParams.get('lang'), req.headers['accept-language']);
    const html = renderLabMailPage({ intake: intake(), delivered: customers.list() }, lang);
    sendStaticPage(req, res, html, lang);
    return true;
  };
}
