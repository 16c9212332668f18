import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../store/app-store';
import { looseRingingCalls } from './loose-calls';
import { myItemIds } from './my-items';
import { partyName } from './party-name';
import { usePhone } from './phone-context';

/** Calls ringing for no offer of mine (a colleague consulting or transferring, a direct call). */
export function IncomingCalls() {
  const { t } = useTranslation();
  const phone = usePhone();
  const titleId = useId();
  const itemIds = useAppStore(useShallow(myItemIds));
  const ringing = useAppStore(useShallow((s) => looseRingingCalls(s.phone, itemIds)));
  const agents = useAppStore(useShallow((s) => s.view?.config?.transferAgents ?? []));
  if (ringing.length === 0) return null;
  return (
    <>
      <h3 className="list-title" id={titleId}>
        {t('phone.incomingTitle')} <span className="count">{ringing.length}</span>
      </h3>
      <ul className="card-list" aria-labelledby={titleId}>
        {ringing.map((call) => (
          <li key={call.id} className="card offer incoming-call" data-call-id={call.id}>
            <p className="card-subject">{partyName(call, agents)}</p>
            <p className="phone-ringing" role="status">
              {call.autoAnswer ? t('phone.autoAnswer') : t('phone.ringing')}
            </p>
            <div className="card-actions">
              <button type="button" className="button-primary" onClick={() => void phone.command({ type: 'answer', callId: call.id })}>
                {t('phone.answer')}
              </button>
              <button type="button" className="button-secondary" onClick={() => void phone.command({ type: 'reject', callId: call.id, sipCode: 486 })}>
                {t('phone.decline')}
              </button>
            </div>
          </li>
        ))}
      </ul>
    </>
  );
}
