/**
 * What every browser phone page of the call-setup bench puts on `window.benchPhone`, so the bench
 * drives ours, stock SIP.js and JsSIP the same way. Types only (no DOM): the Node side imports it.
 */
export interface BenchPhoneConfig {
  /** ws:// of the rig's Kamailio. */
  serverUrl: string;
  /** This phone's own SIP user, e.g. sip:jssip@lab.centralita. */
  aor: string;
  displayName: string;
}

export interface BenchPhone {
  /** Registers; resolves with null once REGISTER got its 200, or with why it could not. */
  start(config: BenchPhoneConfig): Promise<string | null>;
  /** Calls this phone answered (its 200 OK went out and the call was established). */
  answeredCalls(): number;
  /** Calls that failed to answer, with the library's reason, for the bench's report. */
  failures(): string[];
}

export interface BenchPhoneWindow {
  benchPhone: BenchPhone;
}
