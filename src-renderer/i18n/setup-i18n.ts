/**
 * i18next with es (default), ca and en bundled in. The language follows settings (main is the
 * source of truth); the <html lang> attribute follows the language for screen readers.
 */
import i18next, { type i18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Language } from '../../src-common/settings';
import { ca } from './ca';
import { en } from './en';
import { es } from './es';

export const resources = { es: { translation: es }, ca: { translation: ca }, en: { translation: en } } as const;

export function setupI18n(initial: Language, doc: Document): i18n {
  const instance = i18next.createInstance();
  void instance.use(initReactI18next).init({
    resources,
    lng: initial,
    fallbackLng: 'es',
    initAsync: false,
    // React escapes text itself; i18next escaping would double-escape customer names.
    interpolation: { escapeValue: false },
  });
  doc.documentElement.lang = initial;
  instance.on('languageChanged', (lng) => {
    doc.documentElement.lang = lng;
  });
  return instance;
}
