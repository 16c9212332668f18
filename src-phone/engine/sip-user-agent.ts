/**
 * How the phone's SIP.js UserAgent is set up: who it is, which transport and media handler it
 * uses, the extensions it announces, and where SIP.js's own log lines (and the SIP trace) go.
 */
import { SIPExtension, UserAgent, Web, type Invitation, type URI } from 'sip.js';
import type { PhoneConfig } from '../../src-common/phone-contract';
import type { PhoneEngineOptions } from './phone-engine';
import type { PhoneLogger } from './phone-logger';
import type { SipTrace } from './sip-trace';

export interface SipUserAgentSetup {
  uri: URI;
  config: PhoneConfig;
  options: Pick<PhoneEngineOptions, 'transportConstructor' | 'transportOptions' | 'sessionDescriptionHandlerFactory'>;
  /** Fed with every SIP message on the wire when the SIP trace is on. */
  trace: SipTrace | null;
  logger: PhoneLogger;
  now: () => Date;
  onInvite(invitation: Invitation): void;
}

export function createSipUserAgent({ uri, config, options, trace, logger, now, onInvite }: SipUserAgentSetup): UserAgent {
  return new UserAgent({
    uri,
    displayName: config.displayName,
    authorizationUsername: config.authorizationUsername ?? uri.user,
    authorizationPassword: config.password,
    transportConstructor: options.transportConstructor ?? Web.Transport,
    transportOptions: options.transportOptions ?? { server: config.serverUrl, connectionTimeout: 3, traceSip: trace !== null },
    sessionDescriptionHandlerFactory: options.sessionDescriptionHandlerFactory,
    sipExtensionReplaces: SIPExtension.Supported,
    // IncomingCalls sends the 180 itself: a call answered at once goes straight to 200 OK.
    sendInitialProvisionalResponse: false,
    userAgentString: 'Centralita',
    logBuiltinEnabled: false,
    logConfiguration: false,
    logLevel: 'warn',
    logConnector: (level, category, _label, content) => {
      if (trace && category === 'sip.Transport') trace.onTransportLog(content, now());
      logger.log(level === 'log' ? 'debug' : level, content, { category });
    },
    delegate: { onInvite },
  });
}
