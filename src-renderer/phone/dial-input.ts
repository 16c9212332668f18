/**
 * What the agent types or clicks to call someone, checked before anything is dialled: a number
 * (formatting allowed: "+34 600 10 02 00"), an extension or user name, a tel: link or a SIP URI.
 * The same rule as the engine's (dialTargetToUri), so the dialpad never enables a call the
 * engine would refuse.
 */
import { dialTargetToUri } from '../../src-phone/engine/dial-target';

/** Any domain will do: only the shape of the target is checked here. */
const SHAPE_AOR = 'sip:check@shape.invalid';

export type DialInput = { ok: true; target: string } | { ok: false; reason: 'empty' | 'invalid' };

export function checkDialInput(text: string): DialInput {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: false, reason: 'empty' };
  if (dialTargetToUri(trimmed, SHAPE_AOR) === null) return { ok: false, reason: 'invalid' };
  return { ok: true, target: trimmed.replace(/^tel:/i, '').split(';')[0]?.trim() ?? trimmed };
}

/** The dial target of a tel: or sip: link's href, or null for any other link. */
export function dialTargetOfLink(href: string): string | null {
  if (!/^(tel|sips?):/i.test(href)) return null;
  let decoded: string;
  try {
    decoded = decodeURIComponent(href);
  } catch {
    return null; // A malformed %-escape: not a link anyone can dial (and a click handler must not throw).
  }
  // A SIP URI's ?headers are not part of the address.
  const checked = checkDialInput(/^tel:/i.test(href) ? decoded : (decoded.split('?')[0] ?? ''));
  return checked.ok ? checked.target : null;
}

/** Keys a DTMF keypad sends. */
export const DTMF_KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '0', '#'] as const;

export function isDtmfKey(key: string): boolean {
  return (DTMF_KEYS as readonly string[]).includes(key);
}
