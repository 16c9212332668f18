import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { availableActions, type Call } from '../../src-common/call';
import { useAppStore } from '../store/app-store';
import { PHONE_KEYS, withShortcut, type PhoneShortcut } from '../keyboard/phone-shortcuts';
import { CallTimer } from './CallTimer';
import { ConsultLeg } from './ConsultLeg';
import { DtmfKeypad } from './DtmfKeypad';
import { RemoteLevel } from './RemoteLevel';
import { callPartyLine } from './party-name';
import { usePhone } from './phone-context';
import { consultCallFor } from './phone-state';
import { SupervisedCallNotice } from './SupervisedCallNotice';
import { CallQualityLine } from './CallQualityLine';

/**
 * The call of the focused voice item (or a call placed without one): who, state, talk time, and
 * the controls the call model allows right now (availableActions), each with its shortcut.
 */
export function CallPanel({ call, customerName }: { call: Call; customerName: string | null }) {
  const { t } = useTranslation();
  const phone = usePhone();
  const shortcuts = useAppStore((s) => s.settings?.values.keyboardShortcuts ?? true);
  const agents = useAppStore(useShallow((s) => s.view?.config?.transferAgents ?? []));
  const consult = useAppStore((s) => consultCallFor(s.phone, call.id));
  const keypadOpen = useAppStore((s) => s.keypadOpen);
  const setKeypadOpen = useAppStore((s) => s.setKeypadOpen);
  const openTransfer = useAppStore((s) => s.setTransferCallId);
  const can = availableActions(call);
  const live = call.state !== 'ended';
  const connected = call.state === 'active' || call.state === 'held';

  const keys = (shortcut: PhoneShortcut, label: string) => ({
    'aria-keyshortcuts': shortcuts ? PHONE_KEYS[shortcut] : undefined,
    title: withShortcut(label, shortcut, shortcuts),
  });
  const run = (type: 'hangup' | 'hold' | 'resume' | 'mute' | 'unmute') => void phone.command({ type, callId: call.id });
  const holdLabel = call.state === 'held' ? t('phone.resume') : t('phone.hold');
  const muteLabel = call.muted ? t('phone.unmute') : t('phone.mute');

  return (
    <section className={`call-panel call-${call.state}`} aria-labelledby={`call-${call.id}-title`} data-call-id={call.id} data-call-state={call.state}>
      <header className="call-head">
        <h4 id={`call-${call.id}-title`}>{t('phone.panel')}</h4>
        <span className="call-state" role="status">
          {t(`phone.state.${call.state}`)}
        </span>
        <CallTimer answeredAt={call.answeredAt} endedAt={call.endedAt} />
      </header>
      <dl className="facts">
        <dt>{t('phone.with')}</dt>
        <dd className="call-party">{callPartyLine(call, customerName, agents)}</dd>
      </dl>
      {live && <SupervisedCallNotice />}
      {call.muted && live && <p className="call-flag">{t('phone.muted')}</p>}
      {call.onHoldByRemote && live && <p className="call-flag">{t('phone.remoteHold')}</p>}
      {call.transfer && live && (
        <p className="call-flag" role="status">
          {t(`phone.transferStatus.${call.transfer.status}`)}
        </p>
      )}
      {!live && call.endReason && <p className="call-ended">{t(`phone.endReason.${call.endReason}`)}</p>}
      {connected && <RemoteLevel callId={call.id} />}
      {live && <CallQualityLine callId={call.id} />}
      {live && (call.dtmfReceived ?? '') !== '' && (
        <p className="call-dtmf">
          {t('phone.digitsReceived')}: <span className="dtmf-digits" data-dtmf-received>{call.dtmfReceived}</span>
        </p>
      )}
      {live && (
        <div className="call-actions">
          <button
            type="button"
            className="button-secondary"
            aria-pressed={call.muted}
            disabled={!can.includes('mute') && !can.includes('unmute')}
            {...keys('mute', muteLabel)}
            onClick={() => run(call.muted ? 'unmute' : 'mute')}
          >
            {muteLabel}
          </button>
          <button
            type="button"
            className="button-secondary"
            aria-pressed={call.state === 'held'}
            disabled={!can.includes('hold') && !can.includes('resume')}
            {...keys('hold', holdLabel)}
            onClick={() => run(call.state === 'held' ? 'resume' : 'hold')}
          >
            {holdLabel}
          </button>
          <button
            type="button"
            className="button-secondary"
            aria-expanded={keypadOpen && can.includes('sendDtmf')}
            disabled={!can.includes('sendDtmf')}
            {...keys('keypad', t('phone.keypad'))}
            onClick={() => setKeypadOpen(!keypadOpen)}
          >
            {t('phone.keypad')}
          </button>
          <button
            type="button"
            className="button-secondary"
            disabled={!can.includes('blindTransfer') || consult !== null}
            {...keys('transfer', t('phone.transfer'))}
            onClick={() => openTransfer(call.id)}
          >
            {t('phone.transfer')}
          </button>
          <button type="button" className="button-danger" disabled={!can.includes('hangup')} {...keys('hangup', t('phone.hangup'))} onClick={() => run('hangup')}>
            {t('phone.hangup')}
          </button>
        </div>
      )}
      {keypadOpen && can.includes('sendDtmf') && <DtmfKeypad call={call} />}
      {consult && <ConsultLeg call={call} consult={consult} />}
    </section>
  );
}
