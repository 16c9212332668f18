import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { intervalReportCsv } from '../../src-common/supervisor';
import { saveDownload, textToBase64 } from '../chat/file-bytes';
import { useIntents } from '../components/intents-context';

/** Today as YYYY-MM-DD in this machine's time zone (the hub counts days in its own). */
function today(): string {
  const now = new Date();
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/**
 * The day's 15-minute interval report per queue and agent, exported as CSV for a spreadsheet.
 * The hub computes it from stored work, so it is the same before and after a restart.
 */
export function IntervalReport() {
  const { t } = useTranslation();
  const intents = useIntents();
  const headingId = useId();
  const dayId = useId();
  const [day, setDay] = useState(today);
  const [state, setState] = useState<{ kind: 'idle' } | { kind: 'busy' } | { kind: 'done'; rows: number } | { kind: 'failed'; error: string }>({ kind: 'idle' });

  const exportCsv = async (): Promise<void> => {
    setState({ kind: 'busy' });
    const result = await intents.intervalReport(day);
    if (!result.ok) return setState({ kind: 'failed', error: result.error.message });
    saveDownload(textToBase64(`\uFEFF${intervalReportCsv(result.value)}`), 'text/csv', `${t('supervisor.intervals.fileName')}-${day}.csv`);
    setState({ kind: 'done', rows: result.value.length });
  };

  return (
    <section className="sv-intervals" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('supervisor.intervals.title')}</h2>
      <div className="sv-audit-tools">
        <label htmlFor={dayId}>{t('supervisor.intervals.day')}</label>
        <input id={dayId} type="date" value={day} max={today()} onChange={(e) => setDay(e.target.value)} />
        <button type="button" className="button-secondary" disabled={state.kind === 'busy' || !day} onClick={() => void exportCsv()}>
          {t('supervisor.intervals.export')}
        </button>
        <span role="status" className="sv-muted">
          {state.kind === 'busy' ? t('supervisor.intervals.working') : state.kind === 'done' ? t('supervisor.intervals.done', { count: state.rows }) : ''}
        </span>
      </div>
      {state.kind === 'failed' && (
        <p className="form-error" role="alert">
          {t('supervisor.intervals.failed', { error: state.error })}
        </p>
      )}
    </section>
  );
}
