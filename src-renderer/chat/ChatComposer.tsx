import { useId, useMemo, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CannedResponse } from '../../src-common/domain';
import { IPC_ATTACHMENT_MAX_BYTES } from '../../src-common/ipc';
import { formatFileSize } from './AttachmentChip';
import { useAppStore } from '../store/app-store';
import { CannedList, cannedOptionId } from './CannedList';
import { cannedQuery, fillCanned, matchCanned } from './canned-responses';
import { useChatController } from './chat-context';

const NO_CANNED: readonly CannedResponse[] = [];

/**
 * The reply box. Enter sends, Shift+Enter breaks the line. A draft that is "/" plus a word
 * opens a listbox of the canned responses under it: arrows move, Enter or Tab picks,
 * Escape closes; the pick replaces the draft with its filled-in text.
 */
export function ChatComposer({ itemId, customerName }: { itemId: string; customerName: string }) {
  const { t } = useTranslation();
  const chat = useChatController();
  const canned = useAppStore((s) => s.view?.config?.cannedResponses ?? NO_CANNED);
  const agentName = useAppStore((s) => s.view?.user?.displayName ?? '');
  const [draft, setDraft] = useState('');
  const [active, setActive] = useState(0);
  const [dismissed, setDismissed] = useState(false);
  const [sendingFile, setSendingFile] = useState(false);
  const [fileError, setFileError] = useState<string | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const listId = useId();
  const hintId = useId();

  const query = cannedQuery(draft);
  const matches = useMemo(() => (query === null ? [] : matchCanned(canned, query)), [canned, query]);
  const listOpen = query !== null && !dismissed && canned.length > 0;
  const current = matches[Math.min(active, matches.length - 1)];

  const changeDraft = (text: string): void => {
    setDraft(text);
    setActive(0);
    setDismissed(false);
    chat.typing(itemId, text.length > 0);
  };
  const pick = (response: CannedResponse): void => changeDraft(fillCanned(response.text, { customerName, agentName }));

  const submit = (event?: FormEvent): void => {
    event?.preventDefault();
    const text = draft.trim();
    if (!text) return;
    setDraft('');
    void chat.send(itemId, text);
  };
  const sendFile = async (file: File): Promise<void> => {
    setFileError(null);
    setSendingFile(true);
    const result = await chat.sendFile(itemId, file);
    setSendingFile(false);
    if (result.ok) return;
    setFileError(result.error === 'too-large' ? t('chat.fileTooLarge', { size: formatFileSize(IPC_ATTACHMENT_MAX_BYTES) }) : result.error.message);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>): void => {
    if (listOpen && matches.length > 0) {
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        event.preventDefault();
        const step = event.key === 'ArrowDown' ? 1 : -1;
        setActive((i) => (Math.min(i, matches.length - 1) + step + matches.length) % matches.length);
        return;
      }
      if ((event.key === 'Enter' || event.key === 'Tab') && current) {
        event.preventDefault();
        pick(current);
        return;
      }
    }
    if (listOpen && event.key === 'Escape') {
      event.preventDefault();
      setDismissed(true);
      return;
    }
    if (event.key === 'Enter' && !event.shiftKey) {
      event.preventDefault();
      submit();
    }
  };

  return (
    <form className="chat-composer" onSubmit={submit}>
      <label>
        {t('chat.composer')}
        <textarea
          value={draft}
          rows={2}
          maxLength={4000}
          // A textarea keeps its textbox role (ARIA in HTML allows no combobox role on it);
          // autocomplete + activedescendant still tell assistive tech about the list.
          aria-autocomplete={canned.length > 0 ? 'list' : undefined}
          aria-controls={listOpen && matches.length > 0 ? listId : undefined}
          aria-activedescendant={listOpen && current ? cannedOptionId(listId, current.id) : undefined}
          aria-describedby={canned.length > 0 ? hintId : undefined}
          onChange={(e) => changeDraft(e.target.value)}
          onBlur={() => chat.typing(itemId, false)}
          onKeyDown={onKeyDown}
        />
      </label>
      {canned.length > 0 && (
        <span id={hintId} className="visually-hidden">
          {t('chat.cannedHint')}
        </span>
      )}
      <button type="submit" className="button-primary" disabled={draft.trim() === ''}>
        {t('chat.send')}
      </button>
      <button type="button" className="button-secondary chat-attach" disabled={sendingFile} onClick={() => fileInput.current?.click()}>
        {sendingFile ? t('chat.attaching') : t('chat.attach')}
      </button>
      {/* The hub decides from the bytes what it accepts; `accept` only guides the file picker. */}
      <input
        ref={fileInput}
        type="file"
        hidden
        aria-label={t('chat.attach')}
        accept="image/png,image/jpeg,image/gif,image/webp,application/pdf,text/plain,.txt,.pdf"
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (file) void sendFile(file);
        }}
      />
      {fileError && (
        <p className="chat-file-error" role="alert">
          {fileError}
        </p>
      )}
      {listOpen && <CannedList id={listId} matches={matches} active={Math.min(active, Math.max(0, matches.length - 1))} onPick={pick} />}
    </form>
  );
}
