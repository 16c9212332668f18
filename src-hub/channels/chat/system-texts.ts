/**
 * The words the hub itself says to a chat customer, in the conversation's language (the
 * widget's, stored when the chat starts). Two kinds of customer-facing text exist, and they
 * are localised in different places on purpose:
 *   - texts the hub *stores* (system messages in the transcript, the transcript email) are
 *     written here, because the agent, the timeline and the email all read the same words;
 *   - texts that follow from state (waiting, with an agent, closed by the agent or the customer)
 *     travel as state + codes and the widget words them (src-widget/widget-strings.ts), so a
 *     reconnecting widget always shows them in its current language.
 */
import type { ChatLanguage } from '../../../src-common/chat';

interface SystemTexts {
  /** System message when the agent hands the chat on. */
  transferNotice: string;
  transcriptSubject: string;
  /** The email's opening line; {date} is the chat's start in the hub's locale-neutral form. */
  transcriptIntro: string;
  transcriptTimesNote: string;
  transcriptFooter: string;
  attachment: string;
}

export const CHAT_SYSTEM_TEXTS: Record<ChatLanguage, SystemTexts> = {
  es: {
    transferNotice: 'Le estamos transfiriendo a otro agente. Un momento, por favor.',
    transcriptSubject: 'Transcripción de su chat',
    transcriptIntro: 'Esta es la transcripción del chat que empezó el {date}.',
    transcriptTimesNote: 'Horas en UTC.',
    transcriptFooter: 'Ha recibido este correo porque pidió la transcripción en el chat. No responda a este mensaje.',
    attachment: 'archivo adjunto',
  },
  ca: {
    transferNotice: 'Us estem transferint a un altre agent. Un moment, si us plau.',
    transcriptSubject: 'Transcripció del vostre xat',
    transcriptIntro: 'Aquesta és la transcripció del xat que va començar el {date}.',
    transcriptTimesNote: 'Hores en UTC.',
    transcriptFooter: 'Rebeu aquest correu perquè vau demanar la transcripció al xat. No respongueu aquest missatge.',
    attachment: 'fitxer adjunt',
  },
  en: {
    transferNotice: 'We are transferring you to another agent. One moment, please.',
    transcriptSubject: 'Transcript of your chat',
    transcriptIntro: 'This is the transcript of the chat you started on {date}.',
    transcriptTimesNote: 'Times in UTC.',
    transcriptFooter: 'You received this email because you asked for the transcript in the chat. Please do not reply.',
    attachment: 'attachment',
  },
};

export function systemTexts(language: ChatLanguage): SystemTexts {
  return CHAT_SYSTEM_TEXTS[language];
}
