/**
 * What an agent types to find a customer, read once the same way by the desktop cache and the
 * hub: a phone number in any common format or an email finds the customer by identity (exact,
 * normalised); anything else searches names, ignoring case and accents, so "maria garc" finds
 * "María García López".
 */
import { z } from 'zod';
import { normaliseEmail, normalisePhone } from './identity';
import type { CustomerIdentity } from './domain';

export const CUSTOMER_SEARCH_MAX = 20;
export const CustomerSearchParams = z.object({
  query: z.string().trim().min(2).max(100),
  limit: z.number().int().min(1).max(CUSTOMER_SEARCH_MAX).default(10),
});
export type CustomerSearchParams = z.infer<typeof CustomerSearchParams>;

export type CustomerSearch = { kind: 'identity'; identity: CustomerIdentity } | { kind: 'name'; pattern: string };

/** Lower case, no accents, single spaces: the form names are stored and searched in. */
export function nameSearchKey(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();
}

/** A SQL LIKE pattern (escape character `\`) matching the words in order, anywhere in the name. */
function likePattern(key: string): string {
  const words = key.split(' ').map((word) => word.replace(/[\\%_]/g, (c) => `\\${c}`));
  return `%${words.join('%')}%`;
}

export function readCustomerSearch(query: string): CustomerSearch {
  const email = query.includes('@') ? normaliseEmail(query) : null;
  if (email) return { kind: 'identity', identity: { kind: 'email', value: email } };
  const digits = query.replace(/\D/g, '');
  const phone = digits.length >= 6 && /^[\d\s()+.-]+$/.test(query.trim()) ? normalisePhone(query) : null;
  if (phone) return { kind: 'identity', identity: { kind: 'phone', value: phone } };
  return { kind: 'name', pattern: likePattern(nameSearchKey(query)) };
}
