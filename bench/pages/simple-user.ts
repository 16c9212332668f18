/**
 * Stock SIP.js 0.21 for the call-setup bench: `Web.SimpleUser` as its documentation shows it,
 * answering every call at once with its default media handling (SIP.js's own handler, its
 * getUserMedia, its ICE gathering wait). The one change from its defaults: no STUN server, like
 * ours and JsSIP here (SIP.js would otherwise ask Google's, which this machine cannot reach).
 */
import { Web } from 'sip.js';
import type { BenchPhone, BenchPhoneWindow } from './bench-phone';

let answered = 0;
const failures: string[] = [];

const benchPhone: BenchPhone = {
  async start(config) {
    const remoteAudio = document.createElement('audio');
    remoteAudio.autoplay = true;
    document.body.append(remoteAudio);
    let registered: () => void = () => undefined;
    const user: Web.SimpleUser = new Web.SimpleUser(config.serverUrl, {
      aor: config.aor,
      media: { constraints: { audio: true, video: false }, remote: { audio: remoteAudio } },
      userAgentOptions: {
        displayName: config.displayName,
        sessionDescriptionHandlerFactoryOptions: { peerConnectionConfiguration: { iceServers: [] } },
      },
      delegate: {
        onCallReceived: () => void user.answer().catch((error: unknown) => failures.push(String(error))),
        onCallAnswered: () => (answered += 1),
        onRegistered: () => registered(),
      },
    });
    try {
      await user.connect();
      await new Promise<void>((resolve, reject) => {
        registered = resolve;
        user.register().catch(reject);
      });
      return null;
    } catch (error) {
      return String(error);
    }
  },
  answeredCalls: () => answered,
  failures: () => [...failures],
};

(window as unknown as BenchPhoneWindow).benchPhone = benchPhone;
