import { useId, useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { FollowUp } from '../../src-common/domain';
import { FOLLOW_UP_TEXT_MAX } from '../../src-common/protocol';
import { useIntents } from '../components/intents-context';
import { useAppStore } from '../store/app-store';
import { dueAtFromLocalInput } from './follow-up-dates';
import './context.css';

function FollowUpItem({ followUp, onDone, busy }: { followUp: FollowUp; onDone: () => void; busy: boolean }) {
  const { t, i18n } = useTranslation();
  const offsetMs = useAppStore((s) => s.view?.serverTimeOffsetMs ?? 0);
  const format = useMemo(() => new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' }), [i18n.language]);
  // Compared with the hub's clock, like every other deadline on screen.
  const overdue = followUp.dueAt !== null && Date.parse(followUp.dueAt) < Date.now() + offsetMs;
  return (
    <li className={overdue ? 'follow-up follow-up-overdue' : 'follow-up'} data-follow-up-id={followUp.id} data-overdue={overdue}>
      <p className="follow-up-text">{followUp.text}</p>
      <p className="follow-up-meta">
        {followUp.dueAt ? (
          <span>
            {t('followUps.due')}: <time dateTime={followUp.dueAt}>{format.format(new Date(followUp.dueAt))}</time>
          </span>
        ) : (
          <span>{t('followUps.noDue')}</span>
        )}
        {overdue && <strong className="overdue-badge">{t('followUps.overdue')}</strong>}
        <span>{t('followUps.by', { name: followUp.createdByName })}</span>
      </p>
      <button type="button" className="button-secondary" disabled={busy} onClick={onDone} aria-label={t('followUps.doneLabel', { text: followUp.text })}>
        {t('followUps.done')}
      </button>
    </li>
  );
}

/**
 * The customer's open follow-ups ("call back Monday"), an add form and a "done" button. Both
 * actions go through main's outbox: offline they are kept and sent once, in order, on
 * reconnect; the list follows the hub's answer (a `customer` event), and meanwhile hides
 * what this agent already marked done.
 */
export function FollowUps({ customerId, followUps }: { customerId: string; followUps: readonly FollowUp[] }) {
  const { t } = useTranslation();
  const intents = useIntents();
  const ids = useId();
  const [text, setText] = useState('');
  const [due, setDue] = useState('');
  const [status, setStatus] = useState<'idle' | 'saving' | 'saved' | 'failed'>('idle');
  const [error, setError] = useState('');
  const [completed, setCompleted] = useState<ReadonlySet<string>>(new Set());
  const [completing, setCompleting] = useState<string | null>(null);
  const open = followUps.filter((f) => f.doneAt === null && !completed.has(f.id));

  const add = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    const trimmed = text.trim();
    if (!trimmed) return;
    const dueAt = due ? dueAtFromLocalInput(due) : null;
    if (due && !dueAt) {
      setStatus('failed');
      setError(t('followUps.badDate'));
      return;
    }
    setStatus('saving');
    const result = await intents.addFollowUp(customerId, trimmed, dueAt);
    if (result.ok) {
      setText('');
      setDue('');
      setStatus('saved');
    } else {
      setStatus('failed');
      setError(result.error.message);
    }
  };

  const markDone = async (followUp: FollowUp): Promise<void> => {
    setCompleting(followUp.id);
    const result = await intents.completeFollowUp(followUp.id);
    setCompleting(null);
    if (result.ok) setCompleted((previous) => new Set(previous).add(followUp.id));
    else {
      setStatus('failed');
      setError(result.error.message);
    }
  };

  return (
    <section className="follow-ups" aria-labelledby={`${ids}-title`}>
      <h4 className="sub-title" id={`${ids}-title`}>
        {t('followUps.title')}
      </h4>
      {open.length === 0 ? (
        <p className="empty">{t('followUps.empty')}</p>
      ) : (
        <ul className="follow-up-list" aria-labelledby={`${ids}-title`}>
          {open.map((f) => (
            <FollowUpItem key={f.id} followUp={f} busy={completing === f.id} onDone={() => void markDone(f)} />
          ))}
        </ul>
      )}
      {/* Folded by default: the timeline below is what an agent reads first on a screen pop. */}
      <details className="follow-up-add">
        <summary id={`${ids}-add`}>{t('followUps.add')}</summary>
        <form className="follow-up-form" aria-labelledby={`${ids}-add`} onSubmit={(e) => void add(e)}>
          <label>
            {t('followUps.textLabel')}
            <input
              type="text"
              value={text}
              maxLength={FOLLOW_UP_TEXT_MAX}
              onChange={(e) => {
                setText(e.target.value);
                setStatus('idle');
              }}
            />
          </label>
          <label>
            {t('followUps.dueLabel')}
            <input type="datetime-local" value={due} onChange={(e) => setDue(e.target.value)} />
          </label>
          <button type="submit" className="button-secondary" disabled={status === 'saving' || text.trim() === ''}>
            {t('followUps.save')}
          </button>
          {status === 'saved' && (
            <p className="note-saved" role="status">
              {t('followUps.saved')}
            </p>
          )}
          {status === 'failed' && (
            <p className="follow-up-error" role="alert">
              {error}
            </p>
          )}
        </form>
      </details>
    </section>
  );
}
