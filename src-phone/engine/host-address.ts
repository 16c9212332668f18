/**
 * Our host address as the browser's WebRTC stack sees it, read from the host candidates of a
 * throwaway peer connection (nothing is sent: no ICE servers, no far end). A composed answer
 * (composed-answer.ts) names it as its default destination. Null when the browser hides its
 * addresses behind mDNS names (no microphone permission, a policy such as Electron's
 * `default_public_interface_only`) or gathers none in time: calls are then answered by the
 * browser itself.
 */

/** Host candidates come from the local interfaces without any network round trip. */
const PROBE_TIMEOUT_MS = 1000;

function isLiteralAddress(address: string): boolean {
  return /^[\d.]+$/.test(address) || address.includes(':');
}

export function probeHostAddress(timeoutMs = PROBE_TIMEOUT_MS): Promise<string | null> {
  let peer: RTCPeerConnection;
  try {
    peer = new RTCPeerConnection({ iceServers: [] });
  } catch {
    // Chromium's limit on peer connections, or WebRTC turned off: calls are answered by the browser.
    return Promise.resolve(null);
  }
  const seen: string[] = [];
  return new Promise<string | null>((resolve) => {
    let done = false;
    const finish = (): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      peer.onicecandidate = null;
      peer.close();
      // IPv4 first: it is what a SIP server or PBX most often expects on a connection line.
      resolve(seen.find((address) => !address.includes(':')) ?? seen[0] ?? null);
    };
    peer.onicecandidate = (event) => {
      const candidate = event.candidate;
      if (!candidate) return finish();
      if (candidate.type !== 'host' || candidate.protocol !== 'udp' || !candidate.address || !isLiteralAddress(candidate.address)) return;
      seen.push(candidate.address);
      if (!candidate.address.includes(':')) finish();
    };
    const timer = setTimeout(finish, timeoutMs);
    peer.createDataChannel('address-probe');
    peer
      .createOffer()
      .then((offer) => peer.setLocalDescription(offer))
      .catch(finish);
  });
}
