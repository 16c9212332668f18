import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Customer } from '../../src-common/domain';
import { useAppStore } from '../store/app-store';
import { useIntents } from './intents-context';

/** Wait this long after the last keystroke before asking main (the cache answers in ms). */
const TYPING_PAUSE_MS = 150;

type SearchState = { phase: 'idle' } | { phase: 'searching' } | { phase: 'done'; customers: Customer[] } | { phase: 'failed' };

/**
 * Find a customer by name, phone or email and open their context without an offer (WAI-ARIA
 * combobox with a listbox popup): type, arrows to move, Enter to open, Escape to close; Alt+B
 * focuses it from anywhere.
 */
export function CustomerSearch() {
  const { t } = useTranslation();
  const intents = useIntents();
  const showCustomer = useAppStore((s) => s.showCustomer);
  const ids = { input: useId(), list: useId(), status: useId() };
  const input = useRef<HTMLInputElement>(null);
  const [query, setQuery] = useState('');
  const [state, setState] = useState<SearchState>({ phase: 'idle' });
  const [active, setActive] = useState(0);
  const [open, setOpen] = useState(false);

  useEffect(() => {
    const focusSearch = (event: KeyboardEvent) => {
      if (event.altKey && !event.ctrlKey && !event.metaKey && event.code === 'KeyB') {
        event.preventDefault();
        input.current?.focus();
      }
    };
    window.addEventListener('keydown', focusSearch);
    return () => window.removeEventListener('keydown', focusSearch);
  }, []);

  useEffect(() => {
    const trimmed = query.trim();
    if (trimmed.length < 2) return void setState({ phase: 'idle' });
    let current = true;
    setState({ phase: 'searching' });
    const timer = setTimeout(() => {
      void intents.searchCustomers(trimmed).then((result) => {
        if (!current) return;
        setState(result.ok ? { phase: 'done', customers: result.value } : { phase: 'failed' });
        setActive(0);
      });
    }, TYPING_PAUSE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [query, intents]);

  const results = state.phase === 'done' ? state.customers : [];
  const expanded = open && results.length > 0;
  const choose = (customer: Customer | undefined) => {
    if (!customer) return;
    showCustomer(customer.id);
    setOpen(false);
    setQuery('');
  };
  const statusText =
    state.phase === 'searching'
      ? t('search.searching')
      : state.phase === 'failed'
        ? t('search.failed')
        : state.phase === 'done'
          ? results.length === 0
            ? t('search.none')
            : t('search.count', { count: results.length })
          : '';

  return (
    <div className="customer-search" role="search">
      <label htmlFor={ids.input}>{t('search.label')}</label>
      <input
        ref={input}
        id={ids.input}
        type="search"
        role="combobox"
        autoComplete="off"
        aria-autocomplete="list"
        aria-expanded={expanded}
        aria-controls={ids.list}
        aria-describedby={ids.status}
        aria-keyshortcuts="Alt+B"
        aria-activedescendant={expanded ? `${ids.list}-${active}` : undefined}
        placeholder={t('search.placeholder')}
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          setOpen(true);
        }}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown' && results.length > 0) {
            e.preventDefault();
            setOpen(true);
            setActive((i) => (i + 1) % results.length);
          } else if (e.key === 'ArrowUp' && results.length > 0) {
            e.preventDefault();
            setActive((i) => (i - 1 + results.length) % results.length);
          } else if (e.key === 'Enter' && expanded) {
            e.preventDefault();
            choose(results[active]);
          } else if (e.key === 'Escape') {
            setOpen(false);
          }
        }}
      />
      <p id={ids.status} className="search-status" role="status">
        {statusText}
      </p>
      <ul id={ids.list} role="listbox" aria-label={t('search.results')} className="search-results" hidden={!expanded}>
        {results.map((customer, index) => {
          const phone = customer.identities.find((i) => i.kind === 'phone')?.value;
          const email = customer.identities.find((i) => i.kind === 'email')?.value;
          return (
            <li
              key={customer.id}
              id={`${ids.list}-${index}`}
              role="option"
              aria-selected={index === active}
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => choose(customer)}
            >
              <span className="search-name">{customer.name}</span>
              <span className="search-contact">{[phone, email].filter(Boolean).join(' · ')}</span>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
