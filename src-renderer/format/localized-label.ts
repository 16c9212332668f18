/**
 * The centre's data labels (queue names, reason codes, dispositions) in the desktop's language:
 * the hub sends a default text and, where the centre translated it, one per language.
 */
import type { LocalizedLabels } from '../../src-common/domain';
import type { Language } from '../../src-common/settings';

export function localizedLabel(fallback: string, labels: LocalizedLabels | undefined, language: Language | undefined): string {
  return (language && labels?.[language]) || fallback;
}
