/** Builds engines wired to one in-memory switch, and waits for what the agent would see. */
import { PhoneEngine } from '../../../../src-phone/engine/phone-engine';
import type { Call } from '../../../../src-common/call';
import type { PhoneConfigInput, PhoneEvent } from '../../../../src-common/phone-contract';
import type { ConferenceBridgeFactory } from '../../../../src-phone/engine/conference-bridge';
import type { SupervisionMixFactory } from '../../../../src-phone/engine/supervision-mix';
import { fakeSessionDescriptionHandlerFactory, type FakeSessionDescriptionHandler } from './fake-session-description-handler';
import { MemorySipSwitch, MemoryTransport } from './memory-sip-switch';

export interface TestPhone {
  user: string;
  engine: PhoneEngine;
  events: PhoneEvent[];
  media(callId: string): FakeSessionDescriptionHandler | undefined;
  call(predicate?: (call: Call) => boolean): Call | undefined;
}

export function makePhone(sipSwitch: MemorySipSwitch, user: string, config: Partial<PhoneConfigInput> = {}, media: { supportsRtpDtmf?: boolean; refusesAfterAnswer?: string; answersOwnWay?: boolean; startsOnlyWhenClosed?: boolean; conferenceBridgeFactory?: ConferenceBridgeFactory; supervisionMixFactory?: SupervisionMixFactory; offerProblem?: (sdp: string) => string | null } = {}): TestPhone {
  const { factory, handlers } = fakeSessionDescriptionHandlerFactory(media);
  let next = 0;
  const created = PhoneEngine.create({
    config: { serverUrl: 'ws://127.0.0.1:1', aor: `sip:${user}@lab.test`, reconnectMaxDelayMs: 200, ...config },
    sessionDescriptionHandlerFactory: factory,
    transportConstructor: MemoryTransport,
    transportOptions: { sipSwitch },
    newId: () => `${user}-call-${++next}`,
    ...(media.conferenceBridgeFactory ? { conferenceBridgeFactory: media.conferenceBridgeFactory } : {}),
    ...(media.supervisionMixFactory ? { supervisionMixFactory: media.supervisionMixFactory } : {}),
    ...(media.offerProblem ? { offerProblem: media.offerProblem } : {}),
    logger: { log: (level, message, fields) => { if (process.env.PHONE_DEBUG) console.log(user, level, message, JSON.stringify(fields ?? {})); } },
  });
  if (!created.ok) throw new Error(created.error.message);
  const engine = created.value;
  const events: PhoneEvent[] = [];
  engine.onEvent((event) => events.push(event));
  return {
    user,
    engine,
    events,
    media: (callId) => {
      const session = engine.sessionOf(callId);
      return session ? handlers.get(session) : undefined;
    },
    call: (predicate = () => true) => engine.listCalls().find(predicate),
  };
}

export async function waitFor<T>(probe: () => T | undefined | false | null, what: string, timeoutMs = 3000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined && value !== false && value !== null) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** The last state the phone reported for a call, including after it was removed. */
export function lastCallState(phone: TestPhone, callId: string): Call | undefined {
  for (let index = phone.events.length - 1; index >= 0; index -= 1) {
    const event = phone.events[index];
    if ((event.type === 'call-updated' || event.type === 'incoming-call') && event.call.id === callId) return event.call;
  }
  return undefined;
}

export async function registered(phone: TestPhone): Promise<void> {
  await waitFor(() => phone.engine.registrationState().registration === 'registered', `${phone.user} registered`);
}
