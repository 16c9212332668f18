import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Customer, TimelineEntry } from '../../src-common/domain';
import { formatDuration } from '../format/durations';
import { qualityWords } from '../phone/quality-words';
import { useAppStore } from '../store/app-store';
import { selectContextCustomerId, selectFocusedItem, selectOldestOffer } from '../store/selectors';
import { CustomerNoteForm } from '../context/CustomerNoteForm';
import { FollowUps } from '../context/FollowUps';
import { crmCustomerUrl } from '../context/crm-link';
import { ChannelBadge } from './ChannelBadge';
import { CallNumberButton } from '../phone/CallNumberButton';
import { useIntents } from './intents-context';
import { languageName } from '../format/language-name';
import { useDataLabel } from '../hooks/use-data-label';

function Profile({ customer }: { customer: Customer }) {
  const { t } = useTranslation();
  return (
    <div className="profile">
      <h3 className="customer-name">{customer.name}</h3>
      <dl className="facts">
        {customer.company && (
          <>
            <dt>{t('customer.company')}</dt>
            <dd>{customer.company}</dd>
          </>
        )}
        {customer.tier && (
          <>
            <dt>{t('customer.tier')}</dt>
            <dd>
              <span className={`tier tier-${customer.tier.replace(/[^a-z0-9-]/gi, '')}`}>{customer.tier}</span>
            </dd>
          </>
        )}
        {customer.language && (
          <>
            <dt>{t('customer.language')}</dt>
            <dd lang={customer.language}>{languageName(customer.language)}</dd>
          </>
        )}
      </dl>
      {customer.tags.length > 0 && (
        <>
          <h4 className="sub-title">{t('customer.tags')}</h4>
          <ul className="tags">
            {customer.tags.map((tag) => (
              <li key={tag}>{tag}</li>
            ))}
          </ul>
        </>
      )}
      {customer.identities.length > 0 && (
        <>
          <h4 className="sub-title">{t('customer.identities')}</h4>
          <ul className="identities">
            {customer.identities.map((id) => (
              <li key={`${id.kind}:${id.value}`}>
                <span className="identity-kind">{t(`customer.identityKind.${id.kind}`)}</span> <span className="identity-value">{id.value}</span>
                {id.kind === 'phone' && <CallNumberButton number={id.value} customerId={customer.id} />}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

function TimelineItem({ entry }: { entry: TimelineEntry }) {
  const { t, i18n } = useTranslation();
  const label = useDataLabel();
  const disposition = useAppStore((s) => s.view?.config?.dispositions.find((d) => d.id === entry.disposition));
  const dispositionLabel = disposition ? label(disposition.label, disposition.labels) : entry.disposition;
  const when = useMemo(
    () => new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(entry.at)),
    [entry.at, i18n.language],
  );
  return (
    <li className={entry.kind === 'note' ? 'timeline-entry timeline-note' : 'timeline-entry'} data-entry-id={entry.id} data-kind={entry.kind ?? 'interaction'}>
      <div className="card-row">
        {entry.kind === 'note' ? <span className="note-badge">{t('customer.noteKind')}</span> : <ChannelBadge channel={entry.channel} />}
        <time dateTime={entry.at}>{when}</time>
        {entry.kind !== 'note' && <span className="muted">{t(`customer.direction.${entry.direction}`)}</span>}
        {entry.outcome === 'missed' && <span className="missed-badge">{t('customer.missed')}</span>}
      </div>
      <p className="timeline-summary">{entry.summary}</p>
      <p className="timeline-meta">
        {entry.agentName && (
          <span>
            {t('customer.agent')}: {entry.agentName}
          </span>
        )}
        {dispositionLabel && (
          <span>
            {t('customer.disposition')}: {dispositionLabel}
          </span>
        )}
        {entry.durationSeconds !== null && entry.durationSeconds > 0 && (
          <span>{t(entry.outcome === 'missed' ? 'customer.waited' : 'customer.duration', { time: formatDuration(entry.durationSeconds * 1000) })}</span>
        )}
        {entry.callBack && <CallNumberButton number={entry.callBack} customerId={entry.customerId} label={t('customer.callBack')} />}
        {entry.callQuality && <span className="timeline-quality">{t('customer.callQuality', qualityWords(t, i18n.language, entry.callQuality.mosAverage, entry.callQuality.mainProblem))}</span>}
      </p>
      {entry.detail !== '' && entry.detail !== entry.summary && (
        <details>
          <summary>{t('customer.showDetail')}</summary>
          <p className="timeline-detail">{entry.detail}</p>
        </details>
      )}
    </li>
  );
}

/** Profile and cross-channel history of whoever the agent is dealing with (screen pop). */
export function CustomerPanel() {
  const { t } = useTranslation();
  const intents = useIntents();
  const customerId = useAppStore(selectContextCustomerId);
  const hasWork = useAppStore((s) => selectFocusedItem(s) !== null || selectOldestOffer(s) !== null);
  const context = useAppStore((s) => (customerId ? s.customers[customerId] : undefined));
  const lookup = useAppStore((s) => (customerId ? s.lookups[customerId] : undefined));
  const remember = useAppStore((s) => s.rememberCustomer);
  const crmTemplate = useAppStore((s) => s.view?.config?.crmCustomerUrl ?? null);
  const crmUrl = context ? crmCustomerUrl(crmTemplate, context.customer.id) : null;

  useEffect(() => {
    if (!customerId) return;
    remember(customerId);
    // Ask main every time the customer comes into view: the cache answers at once, and main
    // follows with a fresher copy from the hub as a `customer` event.
    void intents.loadCustomer(customerId);
  }, [customerId, intents, remember]);

  // Main hands the timeline over newest first (ordered once, where it arrives from the hub).
  const timeline = context?.timeline ?? [];

  let body;
  if (!customerId) body = <p className="empty">{hasWork ? t('customer.none') : t('customer.idle')}</p>;
  else if (!context)
    body = <p className="empty" role="status">{lookup === 'failed' ? t('customer.failed') : lookup === 'missing' ? t('customer.missing') : t('customer.loading')}</p>;
  else
    body = (
      <>
        <Profile customer={context.customer} />
        {crmUrl && (
          <p className="crm-link">
            {/* Web mode: a new tab with no opener; Electron: the window-open handler sends http(s) to the system browser. */}
            <a href={crmUrl} target="_blank" rel="noopener noreferrer">
              {t('customer.openCrm')}
            </a>
          </p>
        )}
        <FollowUps customerId={context.customer.id} followUps={context.followUps ?? []} />
        <CustomerNoteForm customerId={context.customer.id} />
        <h4 className="sub-title" id="timeline-heading">
          {t('customer.timeline')}
        </h4>
        {timeline.length === 0 ? (
          <p className="empty">{t('customer.timelineEmpty')}</p>
        ) : (
          <ol className="timeline" aria-labelledby="timeline-heading">
            {timeline.map((entry) => (
              <TimelineItem key={entry.id} entry={entry} />
            ))}
          </ol>
        )}
      </>
    );

  return (
    <aside className="pane customer-pane" aria-labelledby="customer-heading" data-customer-id={context?.customer.id}>
      <h2 id="customer-heading">{t('customer.title')}</h2>
      {body}
    </aside>
  );
}
