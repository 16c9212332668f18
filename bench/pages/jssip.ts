/**
 * JsSIP 3.13 for the call-setup bench: a `JsSIP.UA` over its WebSocket interface, answering every
 * incoming session at once with its default media handling (its getUserMedia, its ICE gathering
 * wait). Its default RTCPeerConnection has no ICE servers, like ours and SIP.js's here.
 */
import * as JsSIP from 'jssip';
import type { EndEvent, PeerConnectionEvent } from 'jssip/lib/RTCSession';
import type { RTCSessionEvent, UnRegisteredEvent } from 'jssip/lib/UA';
import type { BenchPhone, BenchPhoneWindow } from './bench-phone';

let answered = 0;
const failures: string[] = [];

const benchPhone: BenchPhone = {
  start(config) {
    const ua = new JsSIP.UA({
      sockets: [new JsSIP.WebSocketInterface(config.serverUrl)],
      uri: config.aor,
      display_name: config.displayName,
      register: true,
    });
    ua.on('newRTCSession', (event: RTCSessionEvent) => {
      if (event.originator !== 'remote') return;
      const session = event.session;
      session.on('confirmed', () => (answered += 1));
      session.on('failed', (failed: EndEvent) => failures.push(String(failed.cause)));
      // Plays what the far end sends, as a real phone would.
      session.on('peerconnection', ({ peerconnection }: PeerConnectionEvent) => {
        peerconnection.addEventListener('track', (track: RTCTrackEvent) => {
          const audio = document.createElement('audio');
          audio.autoplay = true;
          audio.srcObject = track.streams[0] ?? new MediaStream([track.track]);
          document.body.append(audio);
        });
      });
      session.answer({ mediaConstraints: { audio: true, video: false } });
    });
    return new Promise((resolve) => {
      ua.on('registered', () => resolve(null));
      ua.on('registrationFailed', (failed: UnRegisteredEvent) => resolve(`registration failed: ${String(failed.cause)}`));
      ua.start();
    });
  },
  answeredCalls: () => answered,
  failures: () => [...failures],
};

(window as unknown as BenchPhoneWindow).benchPhone = benchPhone;
