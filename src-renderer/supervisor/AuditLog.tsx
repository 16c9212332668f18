import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditEntry } from '../../src-common/supervisor';
import { saveDownload, textToBase64 } from '../chat/file-bytes';
import { useIntents } from '../components/intents-context';
import { useAppStore } from '../store/app-store';
import { auditCsv, auditFileName } from './audit-csv';

const AUDIT_LIMIT = 200;

type AuditState =
  | { kind: 'idle' }
  | { kind: 'loading'; entries: readonly AuditEntry[] | null }
  | { kind: 'loaded'; entries: readonly AuditEntry[] }
  | { kind: 'failed'; error: string; entries: readonly AuditEntry[] | null };

/**
 * Who did what to whom: the newest entries of the hub's audit log, loaded when asked (it is not
 * live), and exportable as CSV for whoever needs a copy.
 */
export function AuditLog() {
  const { t, i18n } = useTranslation();
  const intents = useIntents();
  const headingId = useId();
  const [state, setState] = useState<AuditState>({ kind: 'idle' });
  const agents = useAppStore((s) => s.view?.supervisor?.agents);
  const nameOf = useMemo(() => {
    const names = new Map((agents ?? []).map((a) => [a.agentId, a.displayName]));
    return (id: string) => names.get(id) ?? id;
  }, [agents]);
  const when = useMemo(() => new Intl.DateTimeFormat(i18n.language, { dateStyle: 'short', timeStyle: 'medium' }), [i18n.language]);
  const entries = state.kind === 'idle' ? null : state.entries;

  const load = async (): Promise<void> => {
    setState((s) => ({ kind: 'loading', entries: s.kind === 'idle' ? null : s.entries }));
    const result = await intents.auditLog(AUDIT_LIMIT);
    if (result.ok) setState({ kind: 'loaded', entries: result.value });
    else setState((s) => ({ kind: 'failed', error: result.error.message, entries: s.kind === 'idle' ? null : s.entries }));
  };
  const exportCsv = (list: readonly AuditEntry[]): void => {
    const csv = auditCsv(list, {
      headers: [
        t('supervisor.audit.columns.at'),
        t('supervisor.audit.columns.actor'),
        t('supervisor.audit.columns.action'),
        t('supervisor.audit.columns.target'),
        t('supervisor.audit.columns.outcome'),
        t('supervisor.audit.columns.detail'),
      ],
      outcome: (o) => t(`supervisor.audit.outcome.${o}`),
    });
    saveDownload(textToBase64(csv), 'text/csv', auditFileName(t('supervisor.audit.fileName'), new Date()));
  };

  return (
    <section className="sv-audit" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('supervisor.audit.title')}</h2>
      <div className="sv-audit-tools">
        <button type="button" className="button-secondary" disabled={state.kind === 'loading'} onClick={() => void load()}>
          {t('supervisor.audit.load')}
        </button>
        {entries && entries.length > 0 && (
          <button type="button" className="button-secondary" onClick={() => exportCsv(entries)}>
            {t('supervisor.audit.export')}
          </button>
        )}
        <span role="status" className="sv-muted">
          {state.kind === 'loading' ? t('supervisor.audit.loading') : state.kind === 'loaded' && entries && entries.length > 0 ? t('supervisor.audit.count', { count: entries.length }) : ''}
        </span>
      </div>
      {state.kind === 'failed' && (
        <p className="form-error" role="alert">
          {t('supervisor.audit.failed', { error: state.error })}
        </p>
      )}
      {state.kind === 'loaded' && state.entries.length === 0 && <p className="empty">{t('supervisor.audit.empty')}</p>}
      {entries && entries.length > 0 && (
        // Focusable so the log scrolls from the keyboard: it holds no control of its own.
        <div className="sv-audit-scroll" tabIndex={0} role="group" aria-labelledby={headingId}>
          <table className="sv-audit-table" aria-labelledby={headingId}>
            <thead>
              <tr>
                <th scope="col">{t('supervisor.audit.columns.at')}</th>
                <th scope="col">{t('supervisor.audit.columns.actor')}</th>
                <th scope="col">{t('supervisor.audit.columns.action')}</th>
                <th scope="col">{t('supervisor.audit.columns.target')}</th>
                <th scope="col">{t('supervisor.audit.columns.outcome')}</th>
                <th scope="col">{t('supervisor.audit.columns.detail')}</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((e) => (
                <tr key={e.id} data-audit-id={e.id}>
                  <td>{Number.isNaN(Date.parse(e.at)) ? e.at : when.format(new Date(e.at))}</td>
                  <td>{nameOf(e.actorId)}</td>
                  <td>{e.action}</td>
                  <td>{e.targetId === null ? '' : nameOf(e.targetId)}</td>
                  <td className={`sv-outcome-${e.outcome}`}>{t(`supervisor.audit.outcome.${e.outcome}`)}</td>
                  <td className="sv-detail">{e.detail}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
