/**
 * Is the sender who the From line says? mailauth checks DKIM, SPF (when the SMTP client's
 * address is known: mail taken over SMTP by the hub itself) and DMARC alignment. The agent sees
 * the verdict on the email; a sender who fails it while claiming a known customer's address gets
 * a warning, because that is how account-takeover and invoice fraud start.
 *
 * The check never holds mail back: it has a time limit, and "could not verify" is an answer.
 */
import { authenticate, type AuthenticateResult, type DNSResolver } from 'mailauth';
import type { SenderCheck } from '../../../src-common/email';

/** DNS that does not answer within this long is "could not verify", not a stalled intake. */
const CHECK_TIMEOUT_MS = 4_000;

export interface SmtpEnvelope {
  /** The SMTP client's address (SPF). */
  ip: string;
  helo: string;
  /** MAIL FROM. */
  sender: string;
}

export interface SenderCheckOptions {
  envelope?: SmtpEnvelope;
  /** DNS for DKIM keys, SPF and DMARC records; the system's by default. */
  resolver?: DNSResolver;
  timeoutMs?: number;
}

/** Reads mailauth's results into the three answers an agent can act on. */
export function verdictOf(result: Pick<AuthenticateResult, 'dkim' | 'spf' | 'dmarc'>, fromDomain: string | null): SenderCheck {
  const dmarc = result.dmarc ? result.dmarc.status.result : 'none';
  const dkim = result.dkim.results.map((r) => `${r.status.result}${r.signingDomain ? `:${r.signingDomain}` : ''}`);
  const spf = result.spf ? result.spf.status.result : 'none';
  const detail = `dmarc=${dmarc} dkim=${dkim.length ? dkim.join(',') : 'none'} spf=${spf}`.slice(0, 300);
  if (dmarc === 'pass') return { result: 'verified', detail };
  if (dmarc === 'fail') return { result: 'failed', detail };
  // No DMARC record: a valid signature of the From domain itself still proves the sender.
  const own = fromDomain?.toLowerCase() ?? null;
  const signed = result.dkim.results.filter((r) => own !== null && (r.signingDomain === own || own.endsWith(`.${r.signingDomain}`)));
  if (signed.some((r) => r.status.result === 'pass')) return { result: 'verified', detail };
  if (signed.some((r) => r.status.result === 'fail')) return { result: 'failed', detail };
  return { result: 'unverified', detail };
}

export async function checkSender(raw: Buffer, fromAddress: string | null, options: SenderCheckOptions = {}): Promise<SenderCheck> {
  const fromDomain = fromAddress?.split('@')[1] ?? null;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<SenderCheck>((resolve) => {
    timer = setTimeout(() => resolve({ result: 'unverified', detail: 'the DNS lookups did not finish in time' }), options.timeoutMs ?? CHECK_TIMEOUT_MS);
  });
  const check = (async (): Promise<SenderCheck> => {
    try {
      const result = await authenticate(raw, {
        ...(options.envelope ? { ip: options.envelope.ip, helo: options.envelope.helo, sender: options.envelope.sender } : {}),
        ...(options.resolver ? { resolver: options.resolver } : {}),
        disableArc: true,
        disableBimi: true,
      });
      return verdictOf(result, fromDomain);
    } catch (cause) {
      return { result: 'unverified', detail: `the check could not run: ${cause instanceof Error ? cause.message : String(cause)}`.slice(0, 300) };
    }
  })();
  try {
    return await Promise.race([check, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
