import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { WorkItem } from '../../src-common/domain';
import type { TransferTarget } from '../../src-common/protocol';
import { useAppStore } from '../store/app-store';
import { useChatController } from './chat-context';
import { useDataLabel } from '../hooks/use-data-label';

/** "agent:<id>" / "queue:<id>": one <select> value per transfer target. */
function parseTarget(value: string): TransferTarget | null {
  const [kind, id] = [value.slice(0, value.indexOf(':')), value.slice(value.indexOf(':') + 1)];
  if (!id) return null;
  if (kind === 'agent') return { kind: 'agent', agentId: id };
  if (kind === 'queue') return { kind: 'queue', queueId: id };
  return null;
}

/** Transfer to another agent or a queue of the same channel, with a note the next agent reads. */
export function TransferForm({ item, onDone }: { item: WorkItem; onDone: () => void }) {
  const { t } = useTranslation();
  const label = useDataLabel();
  const chat = useChatController();
  const me = useAppStore((s) => s.view?.user?.id ?? null);
  const agents = useAppStore((s) => s.view?.config?.transferAgents);
  const queues = useAppStore((s) => s.view?.config?.queues);
  const [target, setTarget] = useState('');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const ids = useId();

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    const parsed = parseTarget(target);
    if (!parsed) return;
    setBusy(true);
    setError(null);
    const result = await chat.transfer(item.id, parsed, note.trim());
    setBusy(false);
    if (result.ok) onDone();
    else setError(result.error.message);
  };

  return (
    <form className="transfer-form" aria-labelledby={`${ids}-title`} onSubmit={(e) => void submit(e)}>
      <h4 id={`${ids}-title`}>{t('chat.transferTitle')}</h4>
      <label>
        {t('chat.transferTarget')}
        <select value={target} onChange={(e) => setTarget(e.target.value)} required>
          <option value="" />
          <optgroup label={t('chat.transferAgents')}>
            {(agents ?? [])
              .filter((a) => a.id !== me)
              .map((a) => (
                <option key={a.id} value={`agent:${a.id}`}>
                  {a.displayName}
                </option>
              ))}
          </optgroup>
          <optgroup label={t('chat.transferQueues')}>
            {(queues ?? [])
              .filter((q) => q.channel === item.channel)
              .map((q) => (
                <option key={q.id} value={`queue:${q.id}`}>
                  {label(q.name, q.names)}
                </option>
              ))}
          </optgroup>
        </select>
      </label>
      <label>
        {t('chat.transferNote')}
        <textarea value={note} rows={2} maxLength={1000} onChange={(e) => setNote(e.target.value)} />
      </label>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <div className="card-actions">
        <button type="submit" className="button-primary" disabled={busy || target === ''}>
          {busy ? t('chat.transferring') : t('chat.transferSubmit')}
        </button>
        <button type="button" className="button-secondary" onClick={onDone}>
          {t('chat.cancel')}
        </button>
      </div>
    </form>
  );
}

/** The note a transferring agent left, shown on the offer and in the workspace. */
export function TransferNote({ item }: { item: Pick<WorkItem, 'transfer'> }) {
  const { t } = useTranslation();
  if (!item.transfer) return null;
  return (
    <div className="transfer-note" role="note">
      <p className="transfer-by">{t('chat.transferredBy', { name: item.transfer.fromAgentName })}</p>
      {item.transfer.note !== '' && (
        <p className="transfer-text">
          <strong>{t('chat.transferNoteHeading')}:</strong> {item.transfer.note}
        </p>
      )}
    </div>
  );
}
