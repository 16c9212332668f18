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
  },
} as const;

export type WidgetLanguage = keyof typeof WIDGET_STRINGS;
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
