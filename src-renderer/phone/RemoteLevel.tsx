import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { usePhone } from './phone-context';

const POLL_MS = 250;

/** "Hearing the customer": the far end's audio level while connected (polled from the host). */
export function RemoteLevel({ callId }: { callId: string }) {
  const { t } = useTranslation();
  const host = usePhone().host;
  const [level, setLevel] = useState(0);
  useEffect(() => {
    if (!host) return;
    let stopped = false;
    const timer = setInterval(() => {
      void host.remoteAudioLevel(callId).then((value) => {
        if (!stopped) setLevel(value ?? 0);
      });
    }, POLL_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [host, callId]);
  const percent = Math.round(Math.min(1, level * 3) * 100);
  return (
    <div className="level-row">
      <span className="level-label">{t('phone.hearing')}</span>
      <div className="level-meter" role="meter" aria-label={t('phone.hearing')} aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent} data-remote-level={level.toFixed(4)}>
        <span className="level-fill" style={{ width: `${percent}%` }} />
      </div>
    </div>
  );
}
