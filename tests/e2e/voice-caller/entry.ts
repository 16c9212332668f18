/**
 * A customer's phone for the voice e2e tests: a plain SIP.js user agent in Chromium (fake
 * microphone playing a known tone) that calls the contact center through the hub's lab SIP proxy
 * as an anonymous outside caller, the way a PSTN caller reaches a real SIP server. It is bundled
 * by caller-browser.ts and driven through `window.labCaller`.
 */
import { Inviter, SessionState, UserAgent, Web, type Session, type SessionDescriptionHandlerFactory } from 'sip.js';

interface LabCaller {
  /** `plainRtp`: offer plain RTP without a DTLS fingerprint, like a SIP trunk with no media relay in the path. */
  call(options: { server: string; from: string; to: string; domain: string; headers?: string[]; plainRtp?: boolean }): Promise<string | null>;
  state(): string;
  /** Highest inbound audio level getStats reported (what the caller hears from the agent). */
  inboundLevel(): Promise<number>;
  hangup(): Promise<void>;
}

declare global {
  interface Window {
    labCaller: LabCaller;
  }
}

let session: Session | null = null;
let state = 'idle';

/**
 * The caller's current call: its state, its audio played in an element (what the caller hears),
 * and a transfer followed the way a carrier's phone does (REFER: accept, call the new target,
 * the old call ends), so the caller's state and audio are always those of the call they are on.
 */
function follow(call: Inviter): void {
  session = call;
  call.delegate = {
    onRefer: (referral) => {
      void referral.accept().then(() => {
        const next = referral.makeInviter({ sessionDescriptionHandlerOptions: { constraints: { audio: true, video: false } } });
        follow(next);
        void next.invite();
      });
    },
  };
  call.stateChange.addListener((next) => {
    if (session !== call) return;
    state = next === SessionState.Established ? 'established' : next === SessionState.Terminated ? 'terminated' : next.toLowerCase();
    if (next === SessionState.Established) {
      const sdh = call.sessionDescriptionHandler;
      if (sdh instanceof Web.SessionDescriptionHandler) {
        for (const old of document.querySelectorAll('audio[data-caller-audio]')) old.remove();
        const audio = document.createElement('audio');
        audio.dataset['callerAudio'] = 'call';
        audio.srcObject = sdh.remoteMediaStream;
        audio.autoplay = true;
        document.body.append(audio);
      }
    }
  });
}

/**
 * The offer a carrier without a media relay would send: RTP/AVP, no DTLS fingerprint or setup.
 * Only the SDP that goes on the wire changes (the browser itself cannot make such an offer).
 */
function plainRtpFactory(base: SessionDescriptionHandlerFactory): SessionDescriptionHandlerFactory {
  return (session, options) => {
    const handler = base(session, options);
    const getDescription = handler.getDescription.bind(handler);
    handler.getDescription = async (...args) => {
      const description = await getDescription(...args);
      const body = description.body
        .replace(/^(m=audio \d+ )UDP\/TLS\/RTP\/SAVPF /m, '$1RTP/AVP ')
        .split('\r\n')
        .filter((line) => !line.startsWith('a=fingerprint:') && !line.startsWith('a=setup:'))
        .join('\r\n');
      return { ...description, body };
    };
    return handler;
  };
}

window.labCaller = {
  async call({ server, from, to, domain, headers, plainRtp }) {
    const uri = UserAgent.makeURI(`sip:${from}@${domain}`);
    const target = UserAgent.makeURI(`sip:${to}@${domain}`);
    if (!uri || !target) return 'bad address';
    const ua = new UserAgent({
      uri,
      displayName: from,
      transportOptions: { server, connectionTimeout: 3 },
      sessionDescriptionHandlerFactory: plainRtp ? plainRtpFactory(Web.defaultSessionDescriptionHandlerFactory()) : Web.defaultSessionDescriptionHandlerFactory(),
      sessionDescriptionHandlerFactoryOptions: { iceGatheringTimeout: 500, peerConnectionConfiguration: { rtcpMuxPolicy: 'require' } },
      logBuiltinEnabled: false,
    });
    try {
      await ua.start();
    } catch (error) {
      return `transport: ${String(error)}`;
    }
    const inviter = new Inviter(ua, target, {
      extraHeaders: headers ?? [],
      sessionDescriptionHandlerOptions: { constraints: { audio: true, video: false } },
    });
    follow(inviter);
    state = 'calling';
    try {
      await inviter.invite();
    } catch (error) {
      return `invite: ${String(error)}`;
    }
    return null;
  },
  state: () => state,
  async inboundLevel() {
    const sdh = session?.sessionDescriptionHandler;
    if (!(sdh instanceof Web.SessionDescriptionHandler)) return 0;
    const stats = await sdh.peerConnection?.getStats();
    if (!stats) return 0;
    let level = 0;
    stats.forEach((report: { type?: string; kind?: string; audioLevel?: number }) => {
      if (report.type === 'inbound-rtp' && report.kind === 'audio' && typeof report.audioLevel === 'number') level = Math.max(level, report.audioLevel);
    });
    return level;
  },
  async hangup() {
    if (session?.state === SessionState.Established) await session.bye();
    else if (session instanceof Inviter) await session.cancel();
  },
};
