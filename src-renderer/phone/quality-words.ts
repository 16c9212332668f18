/** A call quality as words: the MOS with one decimal in the reader's language, and the cause named for a person. */
import type { TFunction } from 'i18next';
import { QualityCause } from '../../src-common/call-quality';

export function qualityWords(t: TFunction, language: string, mos: number, cause: string): { mos: string; cause: string } {
  const known = QualityCause.safeParse(cause);
  return {
    mos: new Intl.NumberFormat(language, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(mos),
    cause: t(`phone.quality.cause.${known.success ? known.data : 'good'}`),
  };
}
