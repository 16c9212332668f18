import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { DTMF_KEYS, checkDialInput } from './dial-input';
import { useAppStore } from '../store/app-store';
import { usePhone } from './phone-context';

/** New outbound call: type or tap a number; native modal <dialog> (focus stays inside, Esc closes). */
export function DialpadDialog() {
  const { t } = useTranslation();
  const phone = usePhone();
  const ref = useRef<HTMLDialogElement>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const ids = { title: useId(), number: useId(), error: useId() };
  const open = useAppStore((s) => s.dialpadOpen);
  const setOpen = useAppStore((s) => s.setDialpadOpen);
  const [number, setNumber] = useState('');
  const [problem, setProblem] = useState<'empty' | 'invalid' | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      dialog.showModal();
      inputRef.current?.focus();
    }
    if (!open && dialog.open) dialog.close();
  }, [open]);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const checked = checkDialInput(number);
    if (!checked.ok) {
      setProblem(checked.reason);
      inputRef.current?.focus();
      return;
    }
    setBusy(true);
    const result = await phone.dial(checked.target, null);
    setBusy(false);
    if (result.ok) {
      setNumber('');
      setOpen(false);
    }
  }

  return (
    <dialog
      ref={ref}
      className="dialpad-dialog"
      aria-labelledby={ids.title}
      // Esc: the store hears at once (cancel fires before the dialog closes), so an Alt+N pressed
      // right after opens it again; the close event that the browser sends later is then stale.
      onCancel={() => setOpen(false)}
      onClose={() => {
        if (!ref.current?.open) setOpen(false);
      }}
    >
      <form onSubmit={(e) => void submit(e)}>
        <h2 id={ids.title}>{t('phone.dialpadTitle')}</h2>
        <label htmlFor={ids.number}>{t('phone.numberLabel')}</label>
        <input
          ref={inputRef}
          id={ids.number}
          name="number"
          type="text"
          inputMode="tel"
          autoComplete="off"
          value={number}
          aria-invalid={problem !== null}
          aria-describedby={problem ? ids.error : undefined}
          onChange={(e) => {
            setNumber(e.target.value);
            setProblem(null);
          }}
        />
        {problem && (
          <p id={ids.error} className="form-error" role="alert">
            {t(problem === 'empty' ? 'phone.emptyNumber' : 'phone.invalidNumber')}
          </p>
        )}
        <div className="keypad" role="group" aria-label={t('phone.keypad')}>
          {DTMF_KEYS.map((key) => (
            <button key={key} type="button" className="button-secondary keypad-key" onClick={() => setNumber((n) => n + key)}>
              {key}
            </button>
          ))}
        </div>
        <div className="dialog-actions">
          <button type="button" className="button-secondary" onClick={() => setOpen(false)}>
            {t('phone.cancel')}
          </button>
          <button type="submit" className="button-primary" disabled={busy}>
            {t('phone.call')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
