/**
 * Browser side, for test pages: keeps every RTCPeerConnection the page makes (the phone's own,
 * made deep inside SIP.js and our handler), so a test can read their state and stats. Must run
 * before the phone code creates any.
 */
export function recordPeerConnections(win: Window & typeof globalThis): RTCPeerConnection[] {
  const peers: RTCPeerConnection[] = [];
  const NativePeerConnection = win.RTCPeerConnection;
  win.RTCPeerConnection = class extends NativePeerConnection {
    constructor(configuration?: RTCConfiguration) {
      super(configuration);
      peers.push(this);
    }
  };
  return peers;
}
