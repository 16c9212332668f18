/**
 * The words the tray shows for the agent's status, in the agent's language. The shell has no
 * i18next (that lives in the renderer); these few labels are all it needs.
 */
import type { AgentState } from '../../src-common/domain';
import type { DesktopView } from '../../src-common/ipc';
import type { Language } from '../../src-common/settings';

type StatusKey = AgentState | 'signed-out' | 'connecting' | 'reconnecting';

const LABELS: Readonly<Record<Language, Readonly<Record<StatusKey | 'open' | 'quit' | 'newOffer' | 'queueAlert', string>>>> = {
  es: {
    'signed-out': 'Sin sesión',
    connecting: 'Conectando…',
    reconnecting: 'Reconectando…',
    offline: 'Desconectado',
    ready: 'Disponible',
    'not-ready': 'No disponible',
    busy: 'Ocupado',
    'after-call-work': 'Cierre de interacción',
    open: 'Abrir Centralita',
    quit: 'Salir',
    newOffer: 'Nueva oferta',
    queueAlert: 'Cola por encima del umbral',
  },
  ca: {
    'signed-out': 'Sense sessió',
    connecting: 'Connectant…',
    reconnecting: 'Reconnectant…',
    offline: 'Desconnectat',
    ready: 'Disponible',
    'not-ready': 'No disponible',
    busy: 'Ocupat',
    'after-call-work': 'Tancament de la interacció',
    open: 'Obre Centralita',
    quit: 'Surt',
    newOffer: 'Nova oferta',
    queueAlert: 'Cua per sobre del llindar',
  },
  en: {
    'signed-out': 'Signed out',
    connecting: 'Connecting…',
    reconnecting: 'Reconnecting…',
    offline: 'Offline',
    ready: 'Ready',
    'not-ready': 'Not ready',
    busy: 'Busy',
    'after-call-work': 'Wrap-up',
    open: 'Open Centralita',
    quit: 'Quit',
    newOffer: 'New offer',
    queueAlert: 'Queue over its limit',
  },
};

export type ShellLabels = (typeof LABELS)[Language];

export function shellLabels(language: Language): ShellLabels {
  return LABELS[language];
}

/** "Disponible", "No disponible (Descanso)", "Reconectando…": one line for tooltip and menu. */
export function statusLine(view: Pick<DesktopView, 'status' | 'presence' | 'config'>, language: Language): string {
  const labels = LABELS[language];
  if (view.status !== 'online' || view.presence === null) {
    return labels[view.status === 'online' ? 'connecting' : view.status];
  }
  const state = labels[view.presence.state];
  const reasonId = view.presence.reasonCode;
  if (view.presence.state !== 'not-ready' || !reasonId) return state;
  const reason = view.config?.reasonCodes.find((code) => code.id === reasonId)?.label ?? reasonId;
  return `${state} (${reason})`;
}
