/**
 * Canned responses in the composer: "/" at the start of the draft opens the list, the words
 * after it filter by shortcut and title, and the chosen text has its variables filled in before
 * it reaches the composer, so the agent sees (and may edit) exactly what the customer will read.
 */
import type { CannedResponse } from '../../src-common/domain';

export interface CannedVariables {
  customerName: string;
  agentName: string;
  /** Email templates and signatures also know the queue and the thread's subject. */
  queueName?: string;
  subject?: string;
}

/** The query when the draft asks for canned responses ("/sal" → "sal"), else null. */
export function cannedQuery(draft: string): string | null {
  const match = /^\/(\S*)$/.exec(draft);
  return match ? (match[1] ?? '').toLowerCase() : null;
}

/** Shortcut prefix matches first, then any shortcut or title containing the query. */
export function matchCanned(list: readonly CannedResponse[], query: string): CannedResponse[] {
  const q = query.toLowerCase();
  const fold = (s: string): string => s.normalize('NFD').replace(/\p{Diacritic}/gu, '').toLowerCase();
  const byPrefix = list.filter((c) => c.shortcut.startsWith(q));
  const rest = list.filter((c) => !c.shortcut.startsWith(q) && (c.shortcut.includes(q) || fold(c.title).includes(fold(q))));
  return [...byPrefix, ...rest];
}

/** Replaces {customerName}, {agentName}, {queueName} and {subject} where known; other braces stay as written. */
export function fillCanned(text: string, vars: CannedVariables): string {
  return text.replace(/\{(customerName|agentName|queueName|subject)\}/g, (all, name: keyof CannedVariables) => vars[name] ?? all);
}
