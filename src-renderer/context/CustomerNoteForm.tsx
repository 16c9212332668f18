import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useIntents } from '../components/intents-context';
import { useAppStore } from '../store/app-store';
import { selectFocusedItem, selectOldestOffer } from '../store/selectors';
import './context.css';

/**
 * Adds a note to the customer's timeline. Main keeps it in the outbox first, so a note written
 * offline is saved at once and reaches the hub once when the link returns.
 */
export function CustomerNoteForm({ customerId }: { customerId: string }) {
  const { t } = useTranslation();
  const intents = useIntents();
  // A note belongs to the interaction it was written during; with none in view, chat.
  const channel = useAppStore((s) => (selectFocusedItem(s) ?? selectOldestOffer(s)?.item ?? null)?.channel ?? 'chat');
  const [text, setText] = useState('');
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  const ids = useId();

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    const note = text.trim();
    if (!note) return;
    setBusy(true);
    const result = await intents.addCustomerNote(customerId, channel, note);
    setBusy(false);
    if (result.ok) {
      setText('');
      setSaved(true);
    }
  };

  return (
    <form className="note-form" aria-labelledby={`${ids}-title`} onSubmit={(e) => void submit(e)}>
      <h4 className="sub-title" id={`${ids}-title`}>
        {t('customer.notes')}
      </h4>
      <label>
        {t('customer.noteLabel')}
        <textarea
          value={text}
          rows={2}
          maxLength={2000}
          onChange={(e) => {
            setText(e.target.value);
            setSaved(false);
          }}
        />
      </label>
      <button type="submit" className="button-secondary" disabled={busy || text.trim() === ''}>
        {t('customer.noteSave')}
      </button>
      {saved && (
        <p className="note-saved" role="status">
          {t('customer.noteSaved')}
        </p>
      )}
    </form>
  );
}
