import { useTranslation } from 'react-i18next';
import type { CannedResponse } from '../../src-common/domain';

export const cannedOptionId = (listId: string, responseId: string): string => `${listId}-${responseId}`;

/**
 * The listbox under the composer. Focus stays in the textarea (combobox pattern): the active
 * option is announced through aria-activedescendant, and a click picks an option too.
 */
export function CannedList({ id, matches, active, onPick }: { id: string; matches: readonly CannedResponse[]; active: number; onPick: (c: CannedResponse) => void }) {
  const { t } = useTranslation();
  return (
    <div className="canned">
      {matches.length === 0 ? (
        <p className="canned-none" role="status">
          {t('chat.cannedNone')}
        </p>
      ) : (
        <ul id={id} role="listbox" aria-label={t('chat.cannedList')} className="canned-list">
          {matches.map((c, index) => (
            <li
              key={c.id}
              id={cannedOptionId(id, c.id)}
              role="option"
              aria-selected={index === active}
              className={index === active ? 'canned-option active' : 'canned-option'}
              // mousedown, not click: the textarea must not lose focus first.
              onMouseDown={(event) => {
                event.preventDefault();
                onPick(c);
              }}
            >
              <span className="canned-shortcut">/{c.shortcut}</span> <span className="canned-title">{c.title}</span>
              <span className="canned-text">{c.text}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
