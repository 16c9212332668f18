import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { EmailDraft } from '../../src-common/email-draft';

export type ComposeMode = 'reply' | 'reply-all' | 'forward';

/**
 * Who the mail goes to: a reply to the customer, a reply to everyone the customer's last mail
 * went to (its To and CC, without our own address), or a forward to someone else. The customer
 * is always the recipient of a reply; a forward names its own.
 */
export function EmailRecipients(props: {
  draft: EmailDraft;
  mode: ComposeMode;
  customerAddress: string;
  /** Everyone else on the customer's last mail: "reply all" copies them. */
  replyAllCc: readonly string[];
  onMode: (mode: ComposeMode) => void;
  change: (patch: Partial<Pick<EmailDraft, 'ccText' | 'bccText' | 'forwardToText'>>) => void;
}) {
  const { t } = useTranslation();
  const name = useId();
  const { draft, mode } = props;
  const pick = (next: ComposeMode): void => {
    props.onMode(next);
    if (next === 'reply-all') {
      const typed = draft.ccText.split(/[,;\s]+/).filter((x) => x !== '');
      const merged = [...new Set([...typed, ...props.replyAllCc])];
      props.change({ ccText: merged.join(', '), forwardToText: '' });
    } else if (next === 'reply') {
      props.change({ forwardToText: '' });
    }
  };
  const modes: ComposeMode[] = props.replyAllCc.length > 0 ? ['reply', 'reply-all', 'forward'] : ['reply', 'forward'];
  return (
    <>
      <fieldset className="email-mode">
        <legend>{t('email.modeLegend')}</legend>
        {modes.map((m) => (
          <label key={m}>
            <input type="radio" name={name} value={m} checked={mode === m} onChange={() => pick(m)} /> {t(`email.mode.${m}`)}
          </label>
        ))}
      </fieldset>
      {mode === 'forward' ? (
        <label>
          {t('email.forwardTo')}
          <input type="text" inputMode="email" autoComplete="off" required value={draft.forwardToText} placeholder={t('email.ccPlaceholder')} onChange={(e) => props.change({ forwardToText: e.target.value })} />
        </label>
      ) : (
        <p className="email-to">
          {t('email.to')}: {props.customerAddress}
        </p>
      )}
      <label>
        {t('email.cc')}
        <input type="text" inputMode="email" autoComplete="off" value={draft.ccText} placeholder={t('email.ccPlaceholder')} onChange={(e) => props.change({ ccText: e.target.value })} />
      </label>
      <label>
        {t('email.bcc')}
        <input type="text" inputMode="email" autoComplete="off" value={draft.bccText} placeholder={t('email.ccPlaceholder')} onChange={(e) => props.change({ bccText: e.target.value })} />
      </label>
    </>
  );
}
