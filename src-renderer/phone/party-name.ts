import type { Call } from '../../src-common/call';
import type { TransferAgent } from '../../src-common/domain';

/** sip:User@Domain;params → user@domain in lower case, for comparing addresses. */
function addressKey(uri: string): string {
  return uri.replace(/^sips?:/i, '').split(/[;?>]/)[0]?.toLowerCase() ?? '';
}

/**
 * Who is on the other end, as the agent would say it: a colleague's name when the address is an
 * agent's (a consultation dials a bare SIP address), else the display name, else the number.
 */
export function partyName(call: Call, agents: readonly TransferAgent[] = []): string {
  const key = addressKey(call.remote.uri);
  const colleague = agents.find((agent) => agent.sipUri !== undefined && addressKey(agent.sipUri) === key);
  return colleague?.displayName || call.remote.displayName?.trim() || call.remote.number || call.remote.uri;
}

const sameWords = (a: string, b: string): boolean => a.trim().toLocaleLowerCase() === b.trim().toLocaleLowerCase();

/**
 * The call panel's "with" line: the customer's name once, then what identifies the line (the
 * number, or the party's own name when it differs), never the same name twice.
 */
export function callPartyLine(call: Call, customerName: string | null, agents: readonly TransferAgent[] = []): string {
  const party = partyName(call, agents);
  if (!customerName) return party;
  const line = call.remote.number || party;
  return sameWords(line, customerName) ? customerName : `${customerName} · ${line}`;
}
