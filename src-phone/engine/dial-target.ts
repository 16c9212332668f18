/**
 * Turns what an agent types or clicks (a number, an extension, a tel: link, a SIP URI) into the
 * SIP URI to call. Numbers keep a leading + and lose formatting, so "+34 600 10 02 00" from a
 * customer record dials the same E.164 the hub matches for screen pop.
 */
export function dialTargetToUri(target: string, aor: string): string | null {
  const trimmed = target.trim();
  if (/^sips?:/i.test(trimmed)) return /^sips?:[^\s@]+@[^\s]+$/i.test(trimmed) ? trimmed : null;
  const domain = /@([^;>\s]+)/.exec(aor)?.[1];
  if (!domain) return null;
  const withoutScheme = trimmed.replace(/^tel:/i, '').split(';')[0];
  const digits = withoutScheme.replace(/[\s().-]/g, '');
  if (/^\+?[0-9*#]{1,32}$/.test(digits)) return `sip:${digits}@${domain}`;
  // An extension or user name (e.g. "jordi"): letters, digits and the unreserved marks.
  if (/^[A-Za-z0-9_.!~'-]{1,64}$/.test(withoutScheme)) return `sip:${withoutScheme}@${domain}`;
  return null;
}
