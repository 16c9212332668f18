import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { saveDownload, textToBase64 } from '../chat/file-bytes';
import { useIntents } from './intents-context';

/**
 * "Export diagnostics" for IT: main writes one redacted file into the data folder; the page
 * also offers it as a download so the agent can attach it to a ticket.
 */
export function DiagnosticsExport() {
  const { t } = useTranslation();
  const intents = useIntents();
  const [state, setState] = useState<{ kind: 'idle' } | { kind: 'busy' } | { kind: 'done'; path: string } | { kind: 'failed'; error: string }>({ kind: 'idle' });
  const run = async (): Promise<void> => {
    setState({ kind: 'busy' });
    const result = await intents.exportDiagnostics();
    if (!result.ok) {
      setState({ kind: 'failed', error: result.error.message });
      return;
    }
    saveDownload(textToBase64(result.value.content), 'application/json', result.value.fileName);
    setState({ kind: 'done', path: result.value.path });
  };
  return (
    <div className="field diagnostics-export">
      <button type="button" className="button-secondary" disabled={state.kind === 'busy'} onClick={() => void run()}>
        {state.kind === 'busy' ? t('itAdmin.diagnosticsExporting') : t('itAdmin.diagnosticsExport')}
      </button>
      <p className="hint field-hint">{t('itAdmin.diagnosticsHint')}</p>
      <p role="status" className="hint">
        {state.kind === 'done' && t('itAdmin.diagnosticsSaved', { path: state.path })}
      </p>
      {state.kind === 'failed' && (
        <p className="form-error" role="alert">
          {t('itAdmin.diagnosticsFailed', { error: state.error })}
        </p>
      )}
    </div>
  );
}
