/**
 * Email templates and signatures as the centre writes them: each text in one or more of the
 * desktop's languages, since the agent answers in the customer's language, not their own.
 * Variables in braces ({customerName}, {agentName}, {queueName}, {subject}) are filled in on
 * the desktop before the agent sees the text, so what they send is what they read.
 */
import { z } from 'zod';
import { LANGUAGES, type Language } from './settings';

function languageTexts(max: number) {
  return z
    .object({ es: z.string().min(1).max(max).optional(), ca: z.string().min(1).max(max).optional(), en: z.string().min(1).max(max).optional() })
    .strict()
    .refine((t) => Boolean(t.es ?? t.ca ?? t.en), 'give the text in at least one of es, ca, en');
}

export const EMAIL_TEMPLATE_TEXT_MAX = 8000;
export const LanguageTitle = languageTexts(100);
export const LanguageText = languageTexts(EMAIL_TEMPLATE_TEXT_MAX);
export type LanguageText = z.infer<typeof LanguageText>;

export const EmailTemplate = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, 'a lower-case id (letters, digits, - or _)'),
    title: LanguageTitle,
    text: LanguageText,
  })
  .strict();
export type EmailTemplate = z.infer<typeof EmailTemplate>;

/** The signature under an agent's replies from one email queue ({agentName}, {queueName}). */
export const EmailSignature = z.object({ queueId: z.string().min(1).max(64), text: LanguageText }).strict();
export type EmailSignature = z.infer<typeof EmailSignature>;

/** The languages a text is written in, in the desktop's order. */
export function languagesOf(text: LanguageText): Language[] {
  return LANGUAGES.filter((l) => text[l] !== undefined);
}

/** The text in `language`, else in the first language it has. */
export function textIn(text: LanguageText, language: Language): string {
  return text[language] ?? text.es ?? text.ca ?? text.en ?? '';
}
