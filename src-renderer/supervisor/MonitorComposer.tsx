import { useId, useState, type FormEvent, type KeyboardEvent } from 'react';
import { CHAT_MAX_TEXT } from '../../src-common/chat';

/**
 * One of the monitor's two writing boxes (a whisper to the agent, a message into the chat).
 * As in the agent's reply box, Enter sends and Shift+Enter breaks the line; the draft is kept
 * when the send fails, so nothing typed is lost.
 */
export function MonitorComposer(props: { label: string; hint: string; button: string; disabled: boolean; onSend: (text: string) => Promise<boolean> }) {
  const { label, hint, button, disabled, onSend } = props;
  const [draft, setDraft] = useState('');
  const [busy, setBusy] = useState(false);
  const fieldId = useId();
  const hintId = useId();

  const send = async (): Promise<void> => {
    const text = draft.trim();
    if (!text || busy || disabled) return;
    setBusy(true);
    const sent = await onSend(text);
    setBusy(false);
    if (sent) setDraft('');
  };
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    void send();
  };
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>): void => {
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      void send();
    }
  };

  return (
    <form className="sv-monitor-composer" onSubmit={submit}>
      <label htmlFor={fieldId}>{label}</label>
      <span id={hintId} className="sv-muted">
        {hint}
      </span>
      <textarea id={fieldId} aria-describedby={hintId} rows={2} maxLength={CHAT_MAX_TEXT} value={draft} onChange={(e) => setDraft(e.target.value)} onKeyDown={onKeyDown} />
      <button type="submit" className="button-primary" disabled={disabled || busy || draft.trim() === ''}>
        {button}
      </button>
    </form>
  );
}
