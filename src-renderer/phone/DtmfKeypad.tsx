import { useTranslation } from 'react-i18next';
import type { Call } from '../../src-common/call';
import { DTMF_KEYS, isDtmfKey } from './dial-input';
import { usePhone } from './phone-context';

/** In-call tone keypad: click a key, or type digits, * and # while it has focus. */
export function DtmfKeypad({ call }: { call: Call }) {
  const { t } = useTranslation();
  const phone = usePhone();
  const send = (digits: string) => void phone.command({ type: 'sendDtmf', callId: call.id, digits });
  return (
    <div
      className="keypad in-call-keypad"
      role="group"
      aria-label={t('phone.keypadTitle')}
      onKeyDown={(e) => {
        if (e.altKey || e.ctrlKey || e.metaKey || !isDtmfKey(e.key)) return;
        e.preventDefault();
        send(e.key);
      }}
    >
      {DTMF_KEYS.map((key) => (
        <button key={key} type="button" className="button-secondary keypad-key" data-dtmf={key} onClick={() => send(key)}>
          {key}
        </button>
      ))}
      {call.dtmfSent !== '' && (
        <p className="dtmf-sent">
          {t('phone.digitsSent')}: <span className="dtmf-digits">{call.dtmfSent}</span>
        </p>
      )}
    </div>
  );
}
