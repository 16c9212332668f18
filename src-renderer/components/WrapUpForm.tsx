import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import type { ItemView } from '../../src-common/domain';
import { useAppStore } from '../store/app-store';
import { Countdown } from './Countdown';
import { useIntents } from './intents-context';
import { useDataLabel } from '../hooks/use-data-label';

export function WrapUpForm({ item }: { item: ItemView }) {
  const { t } = useTranslation();
  const label = useDataLabel();
  const intents = useIntents();
  const ids = { title: useId(), notes: useId(), missing: useId() };
  const dispositions = useAppStore(useShallow((s) => s.view?.config?.dispositions ?? []));
  const [disposition, setDisposition] = useState<string | null>(item.disposition);
  const [notes, setNotes] = useState(item.notes ?? '');
  const [busy, setBusy] = useState(false);
  const [missing, setMissing] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!disposition) {
      setMissing(true);
      return;
    }
    setBusy(true);
    const result = await intents.wrapUp(item.id, disposition, notes);
    setBusy(false);
    if (result.ok && item.customerId) void intents.loadCustomer(item.customerId);
  }

  return (
    <form className="wrap-up" aria-labelledby={ids.title} onSubmit={(e) => void submit(e)}>
      <div className="wrap-up-head">
        <h3 id={ids.title}>{t('wrapUp.title')}</h3>
        {item.wrapUpDeadline && <Countdown deadline={item.wrapUpDeadline} startedAt={item.endedAt ?? item.wrapUpDeadline} labelKey="wrapUp.timeLeft" />}
      </div>
      <fieldset aria-describedby={missing ? ids.missing : undefined}>
        <legend>{t('wrapUp.disposition')}</legend>
        <div className="radio-grid">
          {dispositions.map((d) => (
            <label key={d.id} className="radio">
              <input
                type="radio"
                name="disposition"
                value={d.id}
                checked={disposition === d.id}
                onChange={() => {
                  setDisposition(d.id);
                  setMissing(false);
                }}
              />
              <span>{label(d.label, d.labels)}</span>
            </label>
          ))}
        </div>
        {missing && (
          <p id={ids.missing} className="form-error" role="alert">
            {t('wrapUp.chooseDisposition')}
          </p>
        )}
      </fieldset>
      <label htmlFor={ids.notes}>{t('wrapUp.notes')}</label>
      <textarea id={ids.notes} name="notes" rows={4} maxLength={10000} value={notes} onChange={(e) => setNotes(e.target.value)} />
      <button type="submit" className="button-primary" disabled={busy}>
        {busy ? t('wrapUp.submitting') : t('wrapUp.submit')}
      </button>
    </form>
  );
}
