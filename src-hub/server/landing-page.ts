/**
 * What a person sees at the hub's root URL: what this is and where to go next (the desktop in
 * web mode, the chat widget demo, the lab SIP proxy for a softphone, health), in Spanish,
 * Catalan or English. Static HTML rendered on the server, every value escaped, no script, no
 * external resource and a CSP that allows none.
 *
 * The desktop link of an embedded hub (`npm start`) carries the web host's per-launch secret, so
 * it is given only to a request that names this hub by its loopback address: a page reached
 * through another host name (a DNS-rebinding attacker, or a hub exposed with --host) gets the
 * desktop's address without the secret.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { CHAT_PAGE_PATH } from '../../src-common/chat';
import { LAB_MAIL_PAGE_PATH } from '../../src-common/email';
import { HEALTH_PATH } from '../../src-common/protocol';

export const LANDING_PATH = '/';

export type LandingLanguage = 'es' | 'ca' | 'en';
const LANGUAGES: readonly LandingLanguage[] = ['es', 'ca', 'en'];

export interface LandingFacts {
  /** The web-mode desktop that `npm start` opened next to this hub (with its secret), if any. */
  desktopUrl: string | null;
  /** The built-in lab SIP proxy, when it is on. */
  labSip: { url: string; domain: string } | null;
  /** Whether this hub serves the chat widget. */
  chat: boolean;
  /** Lab mail, when it is on: the queue's address and the lab SMTP server (host:port). */
  labMail?: { address: string; smtp: string } | null;
}

const TEXT = {
  es: {
    title: 'Centralita: el hub del centro de contacto',
    intro: 'Este es el hub de Centralita: reparte llamadas, chats y correos entre los agentes y guarda la historia de cada cliente en todos los canales.',
    desktop: 'Escritorio del agente',
    desktopOpen: 'Abrir el escritorio (modo web)',
    desktopNone: 'Este hub no tiene un escritorio al lado. Para abrir uno:',
    desktopNoSecret: 'El escritorio está en la dirección que imprimió «npm start» (lleva una clave de esta sesión).',
    demoUsers: 'Usuarios de demostración (solo laboratorio): ana, jordi, marta (agentes), sara (supervisora), admin; contraseña «centralita».',
    chat: 'Chat web',
    chatOpen: 'Probar el chat como cliente',
    chatOff: 'Este hub no sirve el chat web.',
    labMail: 'Correo (laboratorio)',
    labMailOpen: 'Buzones de los clientes: lo que recibieron',
    labMailWrite: 'Para escribir como cliente: SMTP sin TLS ni usuario en',
    sip: 'Teléfonos SIP (laboratorio)',
    sipIntro: 'Proxy SIP de laboratorio integrado, solo para pruebas en esta máquina:',
    sipServer: 'Servidor (SIP sobre WebSocket)',
    sipDomain: 'Dominio',
    sipAccount: 'Cuenta',
    sipAccountValue: 'usuario@dominio de cada agente; el escritorio la configura al iniciar sesión',
    sipOff: 'El proxy SIP de laboratorio está apagado; los teléfonos usan el servidor SIP del centro.',
    supervisor: 'Consola de supervisión',
    supervisorSoon: 'En preparación: por ahora los supervisores usan el escritorio del agente.',
    health: 'Estado del hub (JSON)',
    language: 'Idioma',
  },
  ca: {
    title: 'Centralita: el hub del centre de contacte',
    intro: "Aquest és el hub de Centralita: reparteix trucades, xats i correus entre els agents i desa la història de cada client a tots els canals.",
    desktop: "Escriptori de l'agent",
    desktopOpen: "Obrir l'escriptori (mode web)",
    desktopNone: "Aquest hub no té cap escriptori al costat. Per obrir-ne un:",
    desktopNoSecret: "L'escriptori és a l'adreça que va imprimir «npm start» (porta una clau d'aquesta sessió).",
    demoUsers: 'Usuaris de demostració (només laboratori): ana, jordi, marta (agents), sara (supervisora), admin; contrasenya «centralita».',
    chat: 'Xat web',
    chatOpen: 'Provar el xat com a client',
    chatOff: 'Aquest hub no serveix el xat web.',
    labMail: 'Correu (laboratori)',
    labMailOpen: 'Bústies dels clients: el que van rebre',
    labMailWrite: 'Per escriure com a client: SMTP sense TLS ni usuari a',
    sip: 'Telèfons SIP (laboratori)',
    sipIntro: 'Servidor intermediari SIP de laboratori integrat, només per a proves en aquesta màquina:',
    sipServer: 'Servidor (SIP sobre WebSocket)',
    sipDomain: 'Domini',
    sipAccount: 'Compte',
    sipAccountValue: "usuari@domini de cada agent; l'escriptori el configura en iniciar la sessió",
    sipOff: 'El servidor intermediari SIP de laboratori està apagat; els telèfons fan servir el servidor SIP del centre.',
    supervisor: 'Consola de supervisió',
    supervisorSoon: "En preparació: de moment els supervisors fan servir l'escriptori de l'agent.",
    health: 'Estat del hub (JSON)',
    language: 'Idioma',
  },
  en: {
    title: 'Centralita: the contact centre hub',
    intro: "This is Centralita's hub: it routes calls, chats and emails to agents and keeps each customer's history across every channel.",
    desktop: 'Agent desktop',
    desktopOpen: 'Open the desktop (web mode)',
    desktopNone: 'This hub has no desktop next to it. To open one:',
    desktopNoSecret: 'The desktop is at the address `npm start` printed (it carries a key for this session).',
    demoUsers: 'Demo users (lab only): ana, jordi, marta (agents), sara (supervisor), admin; password "centralita".',
    chat: 'Web chat',
    chatOpen: 'Try the chat as a customer',
    chatOff: 'This hub does not serve the web chat.',
    labMail: 'Email (lab)',
    labMailOpen: "The customers' mailboxes: what they received",
    labMailWrite: 'To write as a customer: SMTP with no TLS or login at',
    sip: 'SIP phones (lab)',
    sipIntro: 'Built-in lab SIP proxy, for tests on this machine only:',
    sipServer: 'Server (SIP over WebSocket)',
    sipDomain: 'Domain',
    sipAccount: 'Account',
    sipAccountValue: "each agent's user@domain; the desktop sets it up at sign-in",
    sipOff: "The lab SIP proxy is off; phones use the centre's SIP server.",
    supervisor: 'Supervisor console',
    supervisorSoon: 'Coming: for now supervisors use the agent desktop.',
    health: 'Hub health (JSON)',
    language: 'Language',
  },
} as const satisfies Record<LandingLanguage, Record<string, string>>;

const LANGUAGE_NAMES: Record<LandingLanguage, string> = { es: 'Español', ca: 'Català', en: 'English' };

const CSP = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const STYLE = `body{font:16px/1.5 system-ui,sans-serif;margin:0 auto;max-width:46rem;padding:1.5rem;color:#1b1b1b;background:#fff}
h1{font-size:1.6rem}h2{font-size:1.2rem;margin-top:1.6rem}a{color:#0b57a4}code{background:#f1f1f1;padding:0 .25rem}
nav ul{list-style:none;padding:0;display:flex;gap:1rem}dl{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem}dt{font-weight:600}`;

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** ?lang= first (the switch links), then the browser's Accept-Language, then Spanish. */
export function pickLandingLanguage(query: string | null, acceptLanguage: string | undefined): LandingLanguage {
  const asked = LANGUAGES.find((l) => l === query);
  if (asked) return asked;
  const ranked = (acceptLanguage ?? '')
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().toLowerCase().split(';');
      const q = Number(params.find((p) => p.trim().startsWith('q='))?.trim().slice(2) ?? '1');
      return { base: tag.split('-')[0] ?? '', q: Number.isFinite(q) ? q : 0, index };
    })
    .filter((entry) => entry.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  return ranked.map((entry) => LANGUAGES.find((l) => l === entry.base)).find((l) => l !== undefined) ?? 'es';
}

/** `hubAddress`: how the visitor reached this hub (for the command that starts a desktop). */
export function renderLandingPage(facts: LandingFacts, lang: LandingLanguage, trustedHost: boolean, hubAddress: string): string {
  const t = TEXT[lang];
  const e = escapeHtml;
  let desktop: string;
  if (facts.desktopUrl && trustedHost) desktop = `<p><a href="${e(facts.desktopUrl)}">${e(t.desktopOpen)}</a></p>`;
  else if (facts.desktopUrl) desktop = `<p>${e(t.desktopNoSecret)}</p>`;
  else desktop = `<p>${e(t.desktopNone)}</p><p><code>npm start -- --hub-url ${e(hubAddress)}</code></p>`;
  const sip = facts.labSip
    ? `<p>${e(t.sipIntro)}</p><dl><dt>${e(t.sipServer)}</dt><dd><code>${e(facts.labSip.url)}</code></dd><dt>${e(t.sipDomain)}</dt><dd><code>${e(facts.labSip.domain)}</code></dd><dt>${e(t.sipAccount)}</dt><dd>${e(t.sipAccountValue)}</dd></dl>`
    : `<p>${e(t.sipOff)}</p>`;
  const labMail = facts.labMail
    ? `<section aria-labelledby="lab-mail"><h2 id="lab-mail">${e(t.labMail)}</h2><p><a href="${LAB_MAIL_PAGE_PATH}?lang=${lang}">${e(t.labMailOpen)}</a></p><p>${e(t.labMailWrite)} <code>${e(facts.labMail.smtp)}</code> → <code>${e(facts.labMail.address)}</code></p></section>`
    : '';
  const chat = facts.chat ? `<p><a href="${CHAT_PAGE_PATH}">${e(t.chatOpen)}</a></p>` : `<p>${e(t.chatOff)}</p>`;
  return staticPage({ lang, path: '/', title: t.title, languageLabel: t.language, style: STYLE, main: `<p>${e(t.intro)}</p>
<section aria-labelledby="desktop"><h2 id="desktop">${e(t.desktop)}</h2>${desktop}<p>${e(t.demoUsers)}</p></section>
<section aria-labelledby="chat"><h2 id="chat">${e(t.chat)}</h2>${chat}</section>
${labMail}<section aria-labelledby="sip"><h2 id="sip">${e(t.sip)}</h2>${sip}</section>
<section aria-labelledby="supervisor"><h2 id="supervisor">${e(t.supervisor)}</h2><p>${e(t.supervisorSoon)}</p></section>
`, footer: `<footer><p><a href="${HEALTH_PATH}">${e(t.health)}</a></p></footer>` });
}

/** True when the request names this hub by a loopback address (see the file comment). */
function namesLoopback(req: IncomingMessage, port: number): boolean {
  const host = req.headers.host ?? '';
  return [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`].includes(host.toLowerCase());
}

export function serveLandingPage(req: IncomingMessage, res: ServerResponse, url: URL, facts: LandingFacts): void {
  const lang = pickLandingLanguage(url.searchParams.get('lang'), req.headers['accept-language']);
  const port = req.socket.localPort ?? 0;
  const html = renderLandingPage(facts, lang, namesLoopback(req, port), `http://${req.headers.host ?? `127.0.0.1:${port}`}`);
  sendStaticPage(req, res, html, lang);
}

/** The frame of the hub's own pages: title, a language switch to the same `path`, the body. */
export function staticPage(page: { lang: LandingLanguage; path: string; title: string; languageLabel: string; style: string; main: string; footer?: string }): string {
  const { lang } = page;
  const languages = LANGUAGES.map((l) =>
    l === lang ? `<li><span aria-current="page">${LANGUAGE_NAMES[l]}</span></li>` : `<li><a href="${page.path}?lang=${l}" hreflang="${l}" lang="${l}">${LANGUAGE_NAMES[l]}</a></li>`,
  ).join('');
  return `<!doctype html>
<html lang="${lang}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(page.title)}</title><style>${page.style}</style></head>
<body>
<header><h1>${escapeHtml(page.title)}</h1><nav aria-label="${escapeHtml(page.languageLabel)}"><ul>${languages}</ul></nav></header>
<main>
${page.main}</main>
${page.footer ? `${page.footer}
` : ''}</body>
</html>`;
}

/** A self-contained page of the hub's (no script, inline styles only), in the reader's language. */
export function sendStaticPage(req: IncomingMessage, res: ServerResponse, html: string, lang: LandingLanguage): void {
  res.writeHead(200, {
    'content-type': 'text/html; charset=utf-8',
    'content-length': Buffer.byteLength(html),
    'content-language': lang,
    'content-security-policy': CSP,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'x-frame-options': 'DENY',
    vary: 'Accept-Language',
    'cache-control': 'no-store',
  });
  res.end(req.method === 'HEAD' ? undefined : html);
}
