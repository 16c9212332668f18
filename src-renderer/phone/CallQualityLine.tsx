import { useTranslation } from 'react-i18next';
import { POOR_MOS } from '../../src-common/call-quality';
import { useAppStore } from '../store/app-store';
import { qualityWords } from './quality-words';

/**
 * The call's quality as the agent can use it: the E-model's MOS (1–5) and, when something is
 * wrong, what it most likely is (the network, their microphone, the far end), with the figures
 * behind it. The line changes every second, so it is not a live region; the cause, which changes
 * rarely, is announced politely when it appears.
 */
export function CallQualityLine({ callId }: { callId: string }) {
  const { t, i18n } = useTranslation();
  const quality = useAppStore((s) => s.phone.quality[callId]);
  if (!quality) return null;
  const words = qualityWords(t, i18n.language, quality.mos, quality.cause);
  const poor = quality.cause !== 'good' || quality.mos < POOR_MOS;
  return (
    <div className={`call-quality${poor ? ' call-quality-poor' : ''}`} data-mos={quality.mos} data-cause={quality.cause}>
      <p className="call-quality-score">
        {t('phone.quality.score', { mos: words.mos })} · {words.cause}
      </p>
      <p className="call-quality-figures">{t('phone.quality.figures', { loss: quality.lossPercent, jitter: quality.jitterMs, rtt: quality.rttMs, codec: quality.codec })}</p>
      <p className="visually-hidden" aria-live="polite">
        {quality.cause === 'good' ? '' : words.cause}
      </p>
    </div>
  );
}
