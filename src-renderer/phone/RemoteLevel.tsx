import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { usePhone } from './phone-context';

const POLL_MS = 250;

/**
 * "Hearing the customer": the far end's audio level while connected (polled from the host). Like
 * the microphone meter, the level is written straight to the DOM: it changes four times a second
 * and must not re-render anything.
 */
export function RemoteLevel({ callId }: { callId: string }) {
  const { t } = useTranslation();
  const host = usePhone().host;
  const meterRef = useRef<HTMLDivElement>(null);
  const fillRef = useRef<HTMLSpanElement>(null);
  useEffect(() => {
    if (!host) return;
    let stopped = false;
    const show = (level: number): void => {
      const percent = Math.round(Math.min(1, level * 3) * 100);
      meterRef.current?.setAttribute('aria-valuenow', String(percent));
      meterRef.current?.setAttribute('data-remote-level', level.toFixed(4));
      if (fillRef.current) fillRef.current.style.width = `${percent}%`;
    };
    const timer = setInterval(() => {
      void host.remoteAudioLevel(callId).then((value) => {
        if (!stopped) show(value ?? 0);
      });
    }, POLL_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [host, callId]);
  return (
    <div className="level-row">
      <span className="level-label">{t('phone.hearing')}</span>
      <div ref={meterRef} className="level-meter" role="meter" aria-label={t('phone.hearing')} aria-valuemin={0} aria-valuemax={100} aria-valuenow={0} data-remote-level="0.0000">
        <span ref={fillRef} className="level-fill" style={{ width: '0%' }} />
      </div>
    </div>
  );
}
