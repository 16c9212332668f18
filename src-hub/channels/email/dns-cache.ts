/**
 * The sender check's DNS, remembered for a few minutes. Support mail comes from a few thousand
 * domains; without this every message asks again for the same DMARC, SPF and DKIM key records,
 * and the intake (one message at a time, so threads keep their order) waits on each answer.
 * "No such record" is remembered as well: it is the common answer (many domains publish no
 * DMARC) and as slow to learn as a real one. A lookup that failed for another reason (timeout,
 * server failure) is not remembered, so the next message asks again.
 */
import { promises as dns } from 'node:dns';
import type { DNSResolver } from 'mailauth';

const REMEMBER_MS = 5 * 60_000;
/** Bounded: a flood of mail from random domains must not grow the hub's memory without end. */
const MAX_ENTRIES = 20_000;
/** Answers that mean "this record does not exist", per Node's resolver. */
const ABSENT = new Set(['ENOTFOUND', 'ENODATA', 'NXDOMAIN']);

type Answer = string[][] | string[];

const systemResolver: DNSResolver = (name, rrtype) => dns.resolve(name, rrtype) as Promise<Answer>;

export function cachingResolver(base: DNSResolver = systemResolver, now: () => number = Date.now): DNSResolver {
  const remembered = new Map<string, { until: number; answer: Promise<Answer> }>();
  return (name, rrtype) => {
    const key = `${rrtype} ${name.toLowerCase()}`;
    const hit = remembered.get(key);
    if (hit && hit.until > now()) return hit.answer;
    if (hit) remembered.delete(key);
    const answer = base(name, rrtype);
    if (remembered.size >= MAX_ENTRIES) {
      const oldest = remembered.keys().next().value;
      if (oldest !== undefined) remembered.delete(oldest);
    }
    // Remembered while it is asked too, so ten mails from one domain make one lookup.
    remembered.set(key, { until: now() + REMEMBER_MS, answer });
    answer.catch((error: unknown) => {
      const code = (error as { code?: unknown } | null)?.code;
      if (typeof code !== 'string' || !ABSENT.has(code)) remembered.delete(key);
    });
    return answer;
  };
}
