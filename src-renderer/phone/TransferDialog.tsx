import { useEffect, useId, useMemo, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { TRANSFER_NOTE_MAX } from '../../src-common/protocol';
import { useShallow } from 'zustand/react/shallow';
import { useAppStore } from '../store/app-store';
import { checkDialInput } from './dial-input';
import { usePhone } from './phone-context';
import { useDataLabel } from '../hooks/use-data-label';

type TargetKind = 'agent' | 'queue' | 'number';

/**
 * Transfer or consult: to an agent (their SIP address), a voice queue (its number) or a typed
 * number. "Transfer now" is a blind transfer; "Consult first" holds the caller and calls the
 * target, and the call panel then offers complete / conference / hang up. To an agent, the note
 * goes with the call: the hub gives the colleague their own item with it (their segment), and
 * when the hub says they cannot take it now, nothing is transferred and the dialog says why.
 */
export function TransferDialog() {
  const { t } = useTranslation();
  const label = useDataLabel();
  const phone = usePhone();
  const ref = useRef<HTMLDialogElement>(null);
  const ids = { title: useId(), kind: useId(), agent: useId(), queue: useId(), number: useId(), note: useId(), error: useId() };
  const callId = useAppStore((s) => s.transferCallId);
  const close = useAppStore((s) => s.setTransferCallId);
  const selfId = useAppStore((s) => s.view?.user?.id ?? null);
  const agents = useAppStore(useShallow((s) => s.view?.config?.transferAgents ?? []));
  const queues = useAppStore(useShallow((s) => s.view?.config?.queues ?? []));
  const agentTargets = useMemo(() => agents.filter((a) => a.sipUri && a.id !== selfId), [agents, selfId]);
  const queueTargets = useMemo(() => queues.filter((q) => q.channel === 'voice' && q.dialNumber), [queues]);
  const [kind, setKind] = useState<TargetKind>('agent');
  const [agent, setAgent] = useState('');
  const [queue, setQueue] = useState('');
  const [number, setNumber] = useState('');
  const [note, setNote] = useState('');
  const [problem, setProblem] = useState<'noTarget' | 'invalidNumber' | null>(null);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (callId && !dialog.open) {
      setProblem(null);
      setRefusal(null);
      setNote('');
      dialog.showModal();
    }
    if (!callId && dialog.open) dialog.close();
  }, [callId]);

  function target(): string | null {
    if (kind === 'agent') return agentTargets.find((a) => a.id === agent)?.sipUri ?? null;
    if (kind === 'queue') return queueTargets.find((q) => q.id === queue)?.dialNumber ?? null;
    const checked = checkDialInput(number);
    return checked.ok ? checked.target : null;
  }

  async function go(mode: 'blind' | 'consult') {
    if (!callId) return;
    const to = target();
    if (!to) {
      setProblem(kind === 'number' && number.trim() !== '' ? 'invalidNumber' : 'noTarget');
      return;
    }
    setProblem(null);
    setBusy(true);
    setRefusal(null);
    const colleague = kind === 'agent' ? agentTargets.find((a) => a.id === agent) : undefined;
    const result = colleague
      ? await phone.transferToAgent(callId, { agentId: colleague.id, sipUri: to }, note.trim(), mode)
      : await phone.command(mode === 'blind' ? { type: 'blindTransfer', callId, target: to } : { type: 'attendedTransferStart', callId, target: to });
    setBusy(false);
    if (result.ok) close(null);
    else if (colleague) {
      setRefusal(result.error.code === 'conflict' ? t('phone.transferDialog.targetBusy', { name: colleague.displayName }) : t('phone.transferDialog.failed', { message: result.error.message }));
    }
  }

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void go('consult');
  };

  return (
    <dialog ref={ref} className="transfer-dialog" aria-labelledby={ids.title} onClose={() => close(null)}>
      <form onSubmit={submit} aria-describedby={problem ? ids.error : undefined}>
        <h2 id={ids.title}>{t('phone.transferDialog.title')}</h2>
        <fieldset>
          <legend>{t('phone.transferDialog.kind')}</legend>
          <div className="radio-row">
            {(['agent', 'queue', 'number'] as const).map((k) => (
              <label key={k} className="radio">
                <input
                  type="radio"
                  name="transfer-kind"
                  value={k}
                  checked={kind === k}
                  onChange={() => {
                    setKind(k);
                    setProblem(null);
                  }}
                />
                <span>{t(`phone.transferDialog.${k === 'agent' ? 'agents' : k === 'queue' ? 'queues' : 'number'}`)}</span>
              </label>
            ))}
          </div>
        </fieldset>
        {kind === 'agent' &&
          (agentTargets.length === 0 ? (
            <p className="empty">{t('phone.transferDialog.none')}</p>
          ) : (
            <div className="field">
              <label htmlFor={ids.agent}>{t('phone.transferDialog.agent')}</label>
              <select
                id={ids.agent}
                value={agent}
                onChange={(e) => {
                  setAgent(e.target.value);
                  setRefusal(null);
                }}
              >
                <option value="">—</option>
                {agentTargets.map((a) => (
                  <option key={a.id} value={a.id}>
                    {a.displayName}
                  </option>
                ))}
              </select>
            </div>
          ))}
        {kind === 'queue' &&
          (queueTargets.length === 0 ? (
            <p className="empty">{t('phone.transferDialog.none')}</p>
          ) : (
            <div className="field">
              <label htmlFor={ids.queue}>{t('phone.transferDialog.queue')}</label>
              <select id={ids.queue} value={queue} onChange={(e) => setQueue(e.target.value)}>
                <option value="">—</option>
                {queueTargets.map((q) => (
                  <option key={q.id} value={q.id}>
                    {label(q.name, q.names)}
                  </option>
                ))}
              </select>
            </div>
          ))}
        {kind === 'agent' && agentTargets.length > 0 && (
          <div className="field">
            <label htmlFor={ids.note}>{t('phone.transferDialog.note')}</label>
            <textarea id={ids.note} rows={3} maxLength={TRANSFER_NOTE_MAX} value={note} onChange={(e) => setNote(e.target.value)} />
          </div>
        )}
        {kind === 'number' && (
          <div className="field">
            <label htmlFor={ids.number}>{t('phone.transferDialog.numberLabel')}</label>
            <input id={ids.number} type="text" inputMode="tel" autoComplete="off" value={number} onChange={(e) => setNumber(e.target.value)} />
          </div>
        )}
        {refusal && (
          <p className="form-error" role="alert">
            {refusal}
          </p>
        )}
        {problem && (
          <p id={ids.error} className="form-error" role="alert">
            {t(problem === 'noTarget' ? 'phone.transferDialog.noTarget' : 'phone.invalidNumber')}
          </p>
        )}
        <div className="dialog-actions">
          <button type="button" className="button-secondary" onClick={() => close(null)}>
            {t('phone.cancel')}
          </button>
          <button type="button" className="button-secondary" disabled={busy} onClick={() => void go('blind')}>
            {t('phone.transferDialog.blind')}
          </button>
          <button type="submit" className="button-primary" disabled={busy}>
            {t('phone.transferDialog.consult')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
