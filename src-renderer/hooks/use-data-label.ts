import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { LocalizedLabels } from '../../src-common/domain';
import { Language } from '../../src-common/settings';
import { localizedLabel } from '../format/localized-label';

/** Picks the UI language's text of a data label from the hub (queue name, reason, disposition). */
export function useDataLabel(): (fallback: string, labels: LocalizedLabels | undefined) => string {
  const { i18n } = useTranslation();
  const parsed = Language.safeParse(i18n.language);
  const language = parsed.success ? parsed.data : undefined;
  return useCallback((fallback, labels) => localizedLabel(fallback, labels, language), [language]);
}
