import { useTranslation } from 'react-i18next';
import type { PolicyIssue } from '../../src-common/settings';
import { useAppStore } from '../store/app-store';

// One empty list for "no settings yet": a new [] per render would make the selector's answer
// change every time, and React would render again forever.
const NO_ISSUES: readonly PolicyIssue[] = [];

/**
 * The policy keys IT set that could not be applied, each with where it came from (registry key,
 * managed-preferences file or JSON file), so the agent can tell IT exactly what to fix. The
 * other policy keys still apply and stay locked.
 */
export function PolicyIssues() {
  const { t } = useTranslation();
  const issues = useAppStore((s) => s.settings?.policyIssues ?? NO_ISSUES);
  if (issues.length === 0) return null;
  return (
    <div className="form-error policy-issues" role="alert">
      <p>{t('itAdmin.policyIssuesTitle')}</p>
      <ul>
        {issues.map((issue) => (
          <li key={`${issue.source}|${issue.key ?? ''}`}>
            {issue.key === null
              ? t('itAdmin.policySourceFailed', { source: issue.source })
              : t('itAdmin.policyKeyRejected', { key: issue.key, source: issue.source })}
          </li>
        ))}
      </ul>
      <p className="hint">{t('itAdmin.policyOthersApply')}</p>
    </div>
  );
}
