import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../store/app-store';
import { conferenceCandidates, type Call } from '../../src-common/call';
import { usePhone } from './phone-context';
import { partyName } from './party-name';
import { liveCalls } from './phone-state';

/**
 * The consultation call of an attended transfer: complete the transfer, join all three in a local
 * conference, or hang up. In a conference it says so and offers to drop the consulted party.
 */
export function ConsultLeg({ call, consult }: { call: Call; consult: Call }) {
  const { t } = useTranslation();
  const phone = usePhone();
  const connected = consult.state === 'active' || consult.state === 'held';
  const canConference = useAppStore((s) => conferenceCandidates(liveCalls(s.phone)) !== null);
  const inConference = (call.conferenceWith ?? null) === consult.id || (consult.conferenceWith ?? null) === call.id;
  const agents = useAppStore(useShallow((s) => s.view?.config?.transferAgents ?? []));
  const name = partyName(consult, agents);
  const title = inConference ? t('phone.inConference', { name }) : t('phone.consultTitle', { name });
  return (
    <section className="consult-leg" aria-label={title} data-consult-call-id={consult.id} data-conference={inConference ? 'on' : 'off'}>
      <h4>{title}</h4>
      {!inConference && <p role="status">{connected ? t(`phone.state.${consult.state}`) : t('phone.consultWaiting')}</p>}
      <div className="call-actions">
        {!inConference && (
          <>
            <button
              type="button"
              className="button-primary"
              disabled={!connected}
              onClick={() => void phone.completeAttendedTransfer(call.id, consult.id)}
            >
              {t('phone.completeTransfer')}
            </button>
            <button type="button" className="button-secondary" disabled={!canConference} onClick={() => void phone.command({ type: 'conference', callIds: [call.id, consult.id] })}>
              {t('phone.conference')}
            </button>
          </>
        )}
        <button type="button" className="button-danger" onClick={() => void phone.command({ type: 'hangup', callId: consult.id })}>
          {inConference ? t('phone.hangupOther', { name }) : t('phone.hangupConsult')}
        </button>
      </div>
    </section>
  );
}
