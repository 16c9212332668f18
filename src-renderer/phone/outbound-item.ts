/**
 * Outbound calls become work items (so they get a wrap-up and join the customer's timeline):
 * main's 'call.startOutbound' asks the hub for the item before the phone dials. Only calls to
 * the outside world get one: a colleague (extension, SIP address) or one of our own queue
 * numbers is internal traffic, not customer work.
 */
import type { AgentConfigView } from '../../src-common/domain';
import type { DesktopApi } from '../../src-common/ipc';
import { invokeResult } from '../api/invoke-result';
import type { StartOutboundItem } from './phone-controller';

const digitsOf = (target: string): string => target.replace(/^tel:/i, '').replace(/[\s().-]/g, '');

export function needsWorkItem(target: string, config: Pick<AgentConfigView, 'queues'> | null): boolean {
  const digits = digitsOf(target);
  if (!/^\+?\d{3,}$/.test(digits)) return false;
  return !(config?.queues ?? []).some((queue) => queue.dialNumber !== undefined && digitsOf(queue.dialNumber) === digits);
}

export function outboundItemThroughMain(api: DesktopApi, randomId: () => string): StartOutboundItem {
  // One key per dial attempt: a retry after a lost answer opens one item, not two.
  return (number, customerId) => invokeResult(api, 'call.startOutbound', { number, customerId, requestKey: randomId() });
}
