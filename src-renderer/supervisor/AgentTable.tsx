import { memo, useDeferredValue, useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { AgentStatus } from '../../src-common/supervisor';
import { Elapsed } from '../components/Countdown';
import { agentRows, filterAgentRows, nextSort, sortAgentRows, type AgentRow, type AgentSort, type AgentSortKey } from './agent-rows';
import { useAgentTexts } from './agent-texts';

/** Fixed row height: the virtualiser places rows by it, so cells never wrap (long text ends in "…"). */
const ROW_HEIGHT = 36;
const COLUMNS: readonly AgentSortKey[] = ['name', 'state', 'timeInState', 'reason', 'work', 'handled', 'connected'];
/** The columns plus the actions column. */
const COLUMN_COUNT = COLUMNS.length + 1;

interface RowProps {
  row: AgentRow;
  /** 1-based row number in the whole table (the header is row 1), for aria-rowindex. */
  rowIndex: number;
  own: boolean;
  selected: boolean;
  panelId: string;
  onManage: (agentId: string) => void;
}

const AgentRowView = memo(function AgentRowView({ row, rowIndex, own, selected, panelId, onManage }: RowProps) {
  const { t } = useTranslation();
  const { agent } = row;
  const name = own ? `${agent.displayName} ${t('supervisor.you')}` : agent.displayName;
  return (
    <tr aria-rowindex={rowIndex} data-agent-id={agent.agentId} className={`sv-agent-row sv-state-${agent.state}${selected ? ' sv-selected' : ''}`}>
      <th scope="row" title={agent.team ? `${name} · ${agent.team}` : name}>
        {name}
        {agent.team && <span className="sv-team"> · {agent.team}</span>}
      </th>
      <td>
        <span className="sv-state-dot" aria-hidden="true" />
        {row.stateText}
      </td>
      <td>
        <Elapsed since={agent.since} />
      </td>
      <td title={row.reasonText || undefined}>{row.reasonText}</td>
      <td title={row.workText || undefined}>{row.workText}</td>
      <td className="sv-number">{agent.handledToday}</td>
      <td>{agent.connected ? t('supervisor.yes') : t('supervisor.no')}</td>
      <td>
        <button
          type="button"
          className="button-secondary sv-row-button"
          aria-label={t('supervisor.manageLabel', { name: agent.displayName })}
          aria-controls={panelId}
          disabled={own}
          onClick={() => onManage(agent.agentId)}
        >
          {t('supervisor.manage')}
        </button>
      </td>
    </tr>
  );
});

export const AGENTS_HEADING_ID = 'supervisor-agents-heading';

/**
 * Every agent of the supervised queues, filterable and sortable, drawn a screenful at a time
 * (a centre may have thousands): only the rows in view are in the page, and aria-rowcount /
 * aria-rowindex tell a screen reader where they sit in the whole table.
 */
export function AgentTable(props: { agents: readonly AgentStatus[]; selfId: string | null; selectedId: string | null; panelId: string; onManage: (agentId: string) => void }) {
  const { t, i18n } = useTranslation();
  const filterId = useId();
  const hintId = useId();
  const texts = useAgentTexts();
  const [query, setQuery] = useState('');
  const [sort, setSort] = useState<AgentSort>({ key: 'name', direction: 'ascending' });
  // Typing stays responsive with thousands of rows: the table catches up a moment later.
  const deferredQuery = useDeferredValue(query);
  const rows = useMemo(() => agentRows(props.agents, texts), [props.agents, texts]);
  const shown = useMemo(() => sortAgentRows(filterAgentRows(rows, deferredQuery), sort, i18n.language), [rows, deferredQuery, sort, i18n.language]);

  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({ count: shown.length, getScrollElement: () => scrollRef.current, estimateSize: () => ROW_HEIGHT, overscan: 8, useFlushSync: false });
  const items = virtualizer.getVirtualItems();
  const padTop = items.length > 0 ? items[0].start : 0;
  const padBottom = items.length > 0 ? virtualizer.getTotalSize() - items[items.length - 1].end : 0;

  return (
    <>
      <div className="sv-agent-tools">
        <label htmlFor={filterId}>{t('supervisor.filter')}</label>
        <input id={filterId} type="search" value={query} aria-describedby={hintId} autoComplete="off" spellCheck={false} onChange={(e) => setQuery(e.target.value)} />
        <span id={hintId} className="sv-muted">
          {t('supervisor.filterHint')}
        </span>
        <span className="sv-count" role="status">
          {t('supervisor.shown', { shown: shown.length, total: rows.length })}
        </span>
      </div>
      <div className="sv-agents-scroll" ref={scrollRef}>
        <table className="sv-agent-table" aria-labelledby={AGENTS_HEADING_ID} aria-rowcount={shown.length + 1}>
          <colgroup>
            {COLUMNS.map((key) => (
              <col key={key} className={`sv-col-${key}`} />
            ))}
            <col className="sv-col-actions" />
          </colgroup>
          <thead>
            <tr aria-rowindex={1}>
              {COLUMNS.map((key) => (
                <th key={key} scope="col" aria-sort={sort.key === key ? sort.direction : undefined}>
                  <button type="button" className="sv-sort" onClick={() => setSort((s) => nextSort(s, key))}>
                    {t(`supervisor.columns.${key}`)}
                    <span className="sv-sort-mark" aria-hidden="true">
                      {sort.key === key ? (sort.direction === 'ascending' ? '▲' : '▼') : ''}
                    </span>
                  </button>
                </th>
              ))}
              <th scope="col">{t('supervisor.columns.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {padTop > 0 && (
              <tr className="sv-spacer" aria-hidden="true">
                <td colSpan={COLUMN_COUNT} style={{ height: padTop }} />
              </tr>
            )}
            {items.map((item) => {
              const row = shown[item.index];
              return (
                <AgentRowView
                  key={row.agent.agentId}
                  row={row}
                  rowIndex={item.index + 2}
                  own={row.agent.agentId === props.selfId}
                  selected={row.agent.agentId === props.selectedId}
                  panelId={props.panelId}
                  onManage={props.onManage}
                />
              );
            })}
            {padBottom > 0 && (
              <tr className="sv-spacer" aria-hidden="true">
                <td colSpan={COLUMN_COUNT} style={{ height: padBottom }} />
              </tr>
            )}
          </tbody>
        </table>
        {shown.length === 0 && <p className="empty sv-no-agents">{t('supervisor.noAgents')}</p>}
      </div>
    </>
  );
}
