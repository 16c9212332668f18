// Typed translation keys: t('queue.acept') is a compile error, not a blank label at run time.
import 'i18next';
import type { es } from './es';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof es };
  }
}
