/**
 * When our SDP answer may leave before ICE gathering has finished. Pure SDP reading, unit-tested.
 *
 * SIP carries no trickled candidates, so SIP.js holds the answer until gathering completes (or
 * `iceGatheringTimeoutMs`): with a STUN or TURN server configured that is one or two round trips
 * to it on every call. That wait only buys something when the far end needs our server-reflexive
 * or relayed address to reach us. A far end that offers only host candidates (a media server such
 * as rtpengine, Asterisk or FreeSWITCH on its own address), or says it is ICE-lite (RFC 8445
 * §2.5: always on a public address), does not: our connectivity checks go out from every local
 * candidate, including the ones gathered after the answer left, and the far end learns the
 * address they come from as a peer-reflexive candidate (RFC 8445 §7.3.1.3). A far end that
 * offers server-reflexive or relayed candidates is behind NAT or a relay itself, needs ours to
 * reach us (a TURN server drops packets from addresses without a permission), and still gets
 * them all: for such an offer the answer waits as before. The same holds for the offers we make
 * inside a call (re-INVITEs, ICE restarts), read against the far end's answer so far; a first
 * offer, with no answer yet, waits for every candidate.
 */

interface Candidate {
  transport: string;
  type: string;
}

function candidatesOf(sdp: string): Candidate[] {
  const candidates: Candidate[] = [];
  // a=candidate:<foundation> <component> <transport> <priority> <address> <port> typ <type> …
  for (const match of sdp.matchAll(/^a=candidate:\S+ \d+ (\S+) \d+ \S+ \d+ typ (\S+)/gm)) {
    candidates.push({ transport: (match[1] ?? '').toLowerCase(), type: (match[2] ?? '').toLowerCase() });
  }
  return candidates;
}

/** True when the far end of this offer can be reached without our reflexive or relayed candidates. */
export function farEndReachableDirectly(offerSdp: string): boolean {
  if (/^a=ice-lite\s*$/m.test(offerSdp)) return true;
  const candidates = candidatesOf(offerSdp);
  return candidates.length > 0 && candidates.every((candidate) => candidate.type === 'host');
}

/** True when our local description already carries a UDP candidate the far end can check against. */
export function hasUsableLocalCandidate(localSdp: string): boolean {
  return candidatesOf(localSdp).some((candidate) => candidate.transport === 'udp');
}
