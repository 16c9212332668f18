/** The widget's words in Spanish, Catalan and English; every language has every key. */
export const WIDGET_STRINGS = {
  es: {
    title: 'Chat con nosotros',
    open: 'Abrir el chat',
    close: 'Cerrar el chat',
    intro: 'Cuéntanos quién eres y en qué podemos ayudarte.',
    name: 'Nombre',
    email: 'Correo electrónico (opcional)',
    phone: 'Teléfono (opcional)',
    topic: 'Tema',
    firstMessage: 'Tu mensaje (opcional)',
    start: 'Empezar el chat',
    message: 'Mensaje',
    send: 'Enviar',
    leave: 'Terminar el chat',
    newChat: 'Empezar otro chat',
    waiting: 'Esperando a un agente…',
    withAgent: 'Estás hablando con {name}.',
    closedByAgent: '{name} ha cerrado el chat.',
    closedByCustomer: 'Has terminado el chat.',
    reconnecting: 'Reconectando…',
    typing: '{name} está escribiendo…',
    sent: 'Enviado',
    sending: 'Enviando…',
    read: 'Leído',
    failed: 'No enviado',
    log: 'Conversación',
    attach: 'Adjuntar un archivo',
    download: 'Descargar',
    uploading: 'Enviando el archivo…',
    you: 'Tú',
    emailTranscript: 'Envíame la transcripción por correo',
    transcriptPromised: 'Te enviaremos la transcripción por correo cuando termine el chat.',
    transcriptSent: 'Te hemos enviado la transcripción por correo.',
    language: 'Idioma',
    errorClosed: 'Este chat ha terminado. Empieza otro para seguir escribiendo.',
    errorRateLimited: 'Vas muy rápido; espera un momento y vuelve a enviarlo.',
    errorRateLimitedWait: 'Demasiados intentos seguidos. Vuelve a intentarlo en {wait}.',
    errorTooLarge: 'El mensaje es demasiado largo; acórtalo y vuelve a enviarlo.',
    errorNoEmail: 'Indica un correo electrónico para recibir la transcripción.',
    errorUnavailable: 'Algo ha fallado por nuestra parte; inténtalo de nuevo.',
  },
  ca: {
    title: 'Xateja amb nosaltres',
    open: 'Obre el xat',
    close: 'Tanca el xat',
    intro: 'Explica’ns qui ets i com et podem ajudar.',
    name: 'Nom',
    email: 'Correu electrònic (opcional)',
    phone: 'Telèfon (opcional)',
    topic: 'Tema',
    firstMessage: 'El teu missatge (opcional)',
    start: 'Comença el xat',
    message: 'Missatge',
    send: 'Envia',
    leave: 'Acaba el xat',
    newChat: 'Comença un altre xat',
    waiting: 'Esperant un agent…',
    withAgent: 'Parles amb {name}.',
    closedByAgent: '{name} ha tancat el xat.',
    closedByCustomer: 'Has acabat el xat.',
    reconnecting: 'Tornant a connectar…',
    typing: '{name} està escrivint…',
    sent: 'Enviat',
    sending: 'Enviant…',
    read: 'Llegit',
    failed: 'No enviat',
    log: 'Conversa',
    attach: 'Adjunta un fitxer',
    download: 'Baixa',
    uploading: 'Enviant el fitxer…',
    you: 'Tu',
    emailTranscript: 'Envia’m la transcripció per correu',
    transcriptPromised: 'T’enviarem la transcripció per correu quan acabi el xat.',
    transcriptSent: 'T’hem enviat la transcripció per correu.',
    language: 'Idioma',
    errorClosed: 'Aquest xat ha acabat. Comença’n un altre per continuar escrivint.',
    errorRateLimited: 'Vas molt de pressa; espera un moment i torna a enviar-ho.',
    errorRateLimitedWait: 'Massa intents seguits. Torna-ho a provar d’aquí a {wait}.',
    errorTooLarge: 'El missatge és massa llarg; escurça’l i torna a enviar-lo.',
    errorNoEmail: 'Indica un correu electrònic per rebre la transcripció.',
    errorUnavailable: 'Alguna cosa ha fallat per part nostra; torna-ho a provar.',
  },
  en: {
    title: 'Chat with us',
    open: 'Open chat',
    close: 'Close chat',
    intro: 'Tell us who you are and how we can help.',
    name: 'Name',
    email: 'Email (optional)',
    phone: 'Phone (optional)',
    topic: 'Topic',
    firstMessage: 'Your message (optional)',
    start: 'Start chat',
    message: 'Message',
    send: 'Send',
    leave: 'End chat',
    newChat: 'Start another chat',
    waiting: 'Waiting for an agent…',
    withAgent: 'You are chatting with {name}.',
    closedByAgent: '{name} has closed the chat.',
    closedByCustomer: 'You ended the chat.',
    reconnecting: 'Reconnecting…',
    typing: '{name} is typing…',
    sent: 'Sent',
    sending: 'Sending…',
    read: 'Read',
    failed: 'Not sent',
    log: 'Conversation',
    attach: 'Attach a file',
    download: 'Download',
    uploading: 'Sending the file…',
    you: 'You',
    emailTranscript: 'Email me the transcript',
    transcriptPromised: 'We will email you the transcript when the chat ends.',
    transcriptSent: 'We have emailed you the transcript.',
    language: 'Language',
    errorClosed: 'This chat has ended. Start a new one to write again.',
    errorRateLimited: 'You are writing very fast; wait a moment and send again.',
    errorRateLimitedWait: 'Too many tries in a row. Try again in {wait}.',
    errorTooLarge: 'That message is too long; shorten it and send again.',
    errorNoEmail: 'Give an email address to receive the transcript.',
    errorUnavailable: 'Something went wrong on our side; try again.',
  },
} as const;

export type WidgetLanguage = keyof typeof WIDGET_STRINGS;

/** Each language by its own name, for the widget's language switch. */
export const LANGUAGE_NAMES: Record<WidgetLanguage, string> = { es: 'Español', ca: 'Català', en: 'English' };
export type WidgetStrings = { readonly [K in keyof (typeof WIDGET_STRINGS)['es']]: string };

export function pickLanguage(...candidates: (string | null | undefined)[]): WidgetLanguage {
  for (const candidate of candidates) {
    const base = candidate?.toLowerCase().split('-')[0];
    if (base === 'es' || base === 'ca' || base === 'en') return base;
  }
  return 'es';
}

/** Fills {name}-style slots; values are plain text and stay plain text (set with textContent). */
export function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (_, key: string) => values[key] ?? '');
}

/** A wait in seconds as the customer reads it: "40 s", "2 min" (the same symbols in es, ca and en). */
export function formatWait(seconds: number): string {
  return seconds < 90 ? `${Math.max(1, Math.ceil(seconds))} s` : `${Math.ceil(seconds / 60)} min`;
}

/**
 * The widget's own words for a hub error it can name by code; other codes (e.g. a form field
 * the hub refused) keep the hub's message, which says exactly what was wrong. A rate limit
 * with a known wait (the hub's retryAfter, or HTTP Retry-After) says how long.
 */
export function errorText(t: WidgetStrings, code: string | null, hubMessage: string, retryAfter: number | null = null): string {
  switch (code) {
    case 'closed':
      return t.errorClosed;
    case 'rate-limited':
      return retryAfter === null ? t.errorRateLimited : fill(t.errorRateLimitedWait, { wait: formatWait(retryAfter) });
    case 'too-large':
      return t.errorTooLarge;
    case 'no-email':
      return t.errorNoEmail;
    case 'unavailable':
      return t.errorUnavailable;
    default:
      return hubMessage;
  }
}
