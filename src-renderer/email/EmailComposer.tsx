import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { EMAIL_MAX_ATTACHMENTS } from '../../src-common/email';
import { parseCcField, type EmailDraft } from '../../src-common/email-draft';
import { IPC_ATTACHMENT_MAX_BYTES } from '../../src-common/ipc';
import { formatFileSize } from '../chat/AttachmentChip';
import type { EmailSignature, EmailTemplate } from '../../src-common/email-templates';
import { languagesOf, textIn } from '../../src-common/email-templates';
import type { Language } from '../../src-common/settings';
import { fillCanned } from '../chat/canned-responses';
import { useAppStore } from '../store/app-store';
import { useEmailController } from './email-context';
import { EmailRecipients, type ComposeMode } from './EmailRecipients';

const NO_TEMPLATES: readonly EmailTemplate[] = [];
const NO_SIGNATURES: readonly EmailSignature[] = [];
/** Typing pauses this long before the draft is written to the local cache. */
const DRAFT_SAVE_DELAY_MS = 400;

type SaveState = 'idle' | 'saved' | 'window-only';
type DraftChange = Partial<Pick<EmailDraft, 'text' | 'ccText' | 'bccText' | 'forwardToText' | 'attachments'>>;

/**
 * The reply box of an email: CC, a template in any of the centre's languages, the queue's
 * signature, and the text. The draft saves itself to the local cache as the agent types (it
 * comes back after a crash or a reload); Send (or Ctrl+Enter) hands it to the outbox.
 */
export function EmailComposer(props: {
  itemId: string;
  queueId: string;
  queueName: string;
  customerName: string;
  customerAddress: string;
  replyAllCc: readonly string[];
  subject: string;
}) {
  const { itemId, queueId, queueName, customerName, customerAddress, replyAllCc, subject } = props;
  const { t, i18n } = useTranslation();
  const email = useEmailController();
  const templates = useAppStore((s) => s.view?.config?.emailTemplates ?? NO_TEMPLATES);
  const signatures = useAppStore((s) => s.view?.config?.emailSignatures ?? NO_SIGNATURES);
  const agentName = useAppStore((s) => s.view?.user?.displayName ?? '');
  const [draft, setDraft] = useState<EmailDraft | null>(null);
  const [restored, setRestored] = useState(false);
  const [saveState, setSaveState] = useState<SaveState>('idle');
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const [sent, setSent] = useState(false);
  const [attaching, setAttaching] = useState(false);
  const [mode, setMode] = useState<ComposeMode>('reply');
  const fileInput = useRef<HTMLInputElement>(null);
  const saveTimer = useRef<number | null>(null);
  const latest = useRef<EmailDraft | null>(null);
  const errorId = useId();
  const language = (i18n.language as Language) || 'es';
  const vars = { customerName, agentName, queueName, subject };

  const signature = (): string => {
    const own = signatures.find((s) => s.queueId === queueId);
    return own ? `\n\n-- \n${fillCanned(textIn(own.text, language), vars)}` : '';
  };

  const startDraft = async (): Promise<void> => {
    const loaded = await email.loadDraft(itemId);
    const { restored: wasSaved, ...base } = loaded;
    const next = wasSaved ? base : { ...base, text: signature() };
    setMode(next.forwardToText !== '' ? 'forward' : 'reply');
    latest.current = next;
    setDraft(next);
    setRestored(wasSaved && base.text.trim() !== '');
  };
  useEffect(() => {
    void startDraft();
    return () => {
      // Leaving the item (or the window) mid-pause: what was typed is written now. Nothing
      // typed, nothing written: an untouched draft must never overwrite a saved one.
      if (saveTimer.current === null) return;
      window.clearTimeout(saveTimer.current);
      saveTimer.current = null;
      if (latest.current) void email.saveDraft(latest.current);
    };
    // One draft per item: loaded once when the composer opens for it.
  }, [itemId]);

  const change = (patch: DraftChange): void => {
    if (!draft) return;
    const next = { ...draft, ...patch };
    latest.current = next;
    setDraft(next);
    setSent(false);
    setError(null);
    if (saveTimer.current !== null) window.clearTimeout(saveTimer.current);
    saveTimer.current = window.setTimeout(() => {
      saveTimer.current = null;
      void email.saveDraft(next).then((kept) => setSaveState(kept ? 'saved' : 'window-only'));
    }, DRAFT_SAVE_DELAY_MS);
  };

  const attach = async (file: File): Promise<void> => {
    if (!draft) return;
    setError(null);
    if (draft.attachments.length >= EMAIL_MAX_ATTACHMENTS) return setError(t('email.tooManyFiles', { count: EMAIL_MAX_ATTACHMENTS }));
    setAttaching(true);
    const uploaded = await email.attachFile(itemId, file);
    setAttaching(false);
    if (!uploaded.ok) return setError(uploaded.error === 'too-large' ? t('chat.fileTooLarge', { size: formatFileSize(IPC_ATTACHMENT_MAX_BYTES) }) : uploaded.error.message);
    // What was typed during the upload counts: build on the latest draft, not the one this began with.
    const current = latest.current ?? draft;
    change({ text: current.text, ccText: current.ccText, attachments: [...current.attachments, uploaded.value] });
  };

  const useTemplate = (value: string): void => {
    if (!draft || !value) return;
    const [id, lang] = value.split(':');
    const template = templates.find((x) => x.id === id);
    if (!template) return;
    const filled = fillCanned(textIn(template.text, (lang as Language) ?? language), vars);
    change({ text: draft.text.trim() === signature().trim() || draft.text.trim() === '' ? `${filled}${signature()}` : `${filled}\n\n${draft.text}` });
  };

  const submit = async (event?: FormEvent): Promise<void> => {
    event?.preventDefault();
    if (!draft || sending) return;
    if (draft.text.trim() === '' || draft.text.trim() === signature().trim()) return setError(t('email.emptyReply'));
    const cc = parseCcField(draft.ccText);
    if (!cc.ok) return setError(t('email.badCc', { address: cc.invalid }));
    const bcc = parseCcField(draft.bccText);
    if (!bcc.ok) return setError(t('email.badCc', { address: bcc.invalid }));
    const forwardTo = mode === 'forward' ? parseCcField(draft.forwardToText) : { ok: true as const, addresses: [] };
    if (!forwardTo.ok) return setError(t('email.badCc', { address: forwardTo.invalid }));
    if (mode === 'forward' && forwardTo.addresses.length === 0) return setError(t('email.forwardToMissing'));
    if (saveTimer.current !== null) window.clearTimeout(saveTimer.current);
    saveTimer.current = null;
    setSending(true);
    const result = await email.reply(draft, { cc: cc.addresses, bcc: bcc.addresses, forwardTo: forwardTo.addresses });
    setSending(false);
    if (!result.ok) return setError(result.error.message);
    setSent(true);
    setSaveState('idle');
    latest.current = null;
    await startDraft();
  };
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>): void => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void submit();
    }
  };

  if (!draft) return <p className="email-composer-loading" role="status">{t('email.loadingDraft')}</p>;
  return (
    <form className="email-composer" aria-label={t('email.composer')} onSubmit={(e) => void submit(e)}>
      {restored && (
        <p className="email-draft-restored" role="status">
          {t('email.draftRestored')}
        </p>
      )}
      <EmailRecipients draft={draft} mode={mode} customerAddress={customerAddress} replyAllCc={replyAllCc} onMode={setMode} change={change} />
      {templates.length > 0 && (
        <label>
          {t('email.template')}
          <select value="" onChange={(e) => useTemplate(e.target.value)}>
            <option value="">{t('email.templatePick')}</option>
            {(['es', 'ca', 'en'] as const).map((lang) => {
              const inLang = templates.filter((x) => languagesOf(x.text).includes(lang));
              return inLang.length === 0 ? null : (
                <optgroup key={lang} label={t(`languages.${lang}`)}>
                  {inLang.map((x) => (
                    <option key={`${x.id}:${lang}`} value={`${x.id}:${lang}`}>
                      {textIn(x.title, lang)}
                    </option>
                  ))}
                </optgroup>
              );
            })}
          </select>
        </label>
      )}
      <label>
        {t('email.replyText')}
        <textarea rows={8} value={draft.text} onChange={(e) => change({ text: e.target.value })} onKeyDown={onKeyDown} aria-describedby={error ? errorId : undefined} aria-keyshortcuts="Control+Enter" />
      </label>
      {error && (
        <p id={errorId} className="email-warning" role="alert">
          {error}
        </p>
      )}
      {draft.attachments.length > 0 && (
        <ul className="email-attachments" aria-label={t('email.attachments')}>
          {draft.attachments.map((a) => (
            <li key={a.id}>
              <span className="chat-attachment-name">{a.name}</span> <span className="chat-attachment-size">{formatFileSize(a.size)}</span>{' '}
              <button type="button" className="button-secondary" aria-label={t('email.removeFile', { name: a.name })} onClick={() => change({ attachments: draft.attachments.filter((x) => x.id !== a.id) })}>
                {t('email.remove')}
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="email-composer-actions">
        <input
          ref={fileInput}
          type="file"
          hidden
          onChange={(e) => {
            const file = e.target.files?.[0];
            e.target.value = '';
            if (file) void attach(file);
          }}
        />
        <button type="button" className="button-secondary" disabled={attaching} onClick={() => fileInput.current?.click()}>
          {attaching ? t('chat.attaching') : t('chat.attach')}
        </button>
        <button type="submit" disabled={sending}>
          {sending ? t('chat.sending') : t('email.send')}
        </button>
        <span className="email-draft-state" role="status">
          {sent ? t('email.replyQueued') : saveState === 'saved' ? t('email.draftSaved') : saveState === 'window-only' ? t('email.draftWindowOnly') : ''}
        </span>
      </div>
    </form>
  );
}
