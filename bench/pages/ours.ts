/**
 * Our phone for the call-setup bench, exactly as an agent runs it: the page PhoneHost
 * (src-phone/host/page-phone-host.ts, the same host web mode's agent page and Electron's phone
 * window run) with the provisioning the hub would hand over, on standby as the agent's window
 * puts it when the agent is Ready. It answers by itself because the bench's INVITE carries
 * `Call-Info: …;answer-after=0` (the engine's own auto-answer path).
 */
import { createPagePhoneHost } from '../../src-phone/host/page-phone-host';
import type { BenchPhone, BenchPhoneWindow } from './bench-phone';

const answered = new Set<string>();
const failures: string[] = [];

const benchPhone: BenchPhone = {
  async start(config) {
    const host = createPagePhoneHost(window, {
      log: (level, message, fields) => {
        if (level === 'warn' || level === 'error') failures.push(`${message} ${JSON.stringify(fields ?? {})}`);
      },
    });
    const registered = new Promise<string | null>((resolve) => {
      host.subscribe((event) => {
        if (event.type === 'registration' && event.registration === 'registered') resolve(null);
        if (event.type === 'registration' && event.registration === 'failed') resolve(`registration failed: ${event.message ?? ''}`);
        if (event.type === 'call-updated' && event.call.state === 'active') answered.add(event.call.id);
      });
    });
    const started = await host.start({
      serverUrl: config.serverUrl,
      aor: config.aor,
      authorizationUsername: '',
      password: '',
      displayName: config.displayName,
      iceServers: [],
      dtmfMode: 'rfc4733',
      lab: false,
      // Kamailio + rtpengine learn the phone's address from its checks: docs/voice-servers.md turns this on for them.
      answerBeforeCandidates: true,
    });
    if (!started.ok) return started.error.message;
    const standby = await host.setCallStandby(true);
    if (!standby.ok) return standby.error.message;
    return registered;
  },
  answeredCalls: () => answered.size,
  failures: () => [...failures],
};

(window as unknown as BenchPhoneWindow).benchPhone = benchPhone;
