/**
 * Customers and their cross-channel timeline. Identities are normalised with
 * src-common/identity.ts before every lookup or insert, so "600 10 02 00", "+34600100200" and
 * "sip:+34600100200@pbx" are one person, and so are "Maria@Example.es" and "maria@example.es".
 */
import { randomUUID } from 'node:crypto';
import type { Channel, Customer, CustomerContext, CustomerIdentity, TimelineEntry } from '../../src-common/domain';
import { normaliseChatId, normaliseEmail, normalisePhone } from '../../src-common/identity';
import type { CustomerRepository, FollowUpRepository } from '../storage/repositories';
import { readCustomerSearch } from '../../src-common/customer-search';

/**
 * The identities a work item's `from` may stand for, most specific first. Voice comes from a
 * number, email from an address; chat may carry an email or phone the visitor typed in the
 * pre-chat form, or else the widget's opaque chat id.
 */
export function identitiesFromAddress(channel: Channel, from: string): CustomerIdentity[] {
  const out: CustomerIdentity[] = [];
  const push = (kind: CustomerIdentity['kind'], value: string | null): void => {
    if (value && !out.some((i) => i.kind === kind && i.value === value)) out.push({ kind, value });
  };
  if (channel === 'voice') push('phone', normalisePhone(from));
  if (channel === 'email') push('email', normaliseEmail(from));
  if (channel === 'chat') {
    push('email', normaliseEmail(from));
    if (!out.length && /^[\s+()\d.-]+$/.test(from)) push('phone', normalisePhone(from));
    if (!out.length) push('chat', normaliseChatId(from));
  }
  return out;
}

export class CustomerDirectory {
  constructor(private readonly repo: CustomerRepository) {}

  get(customerId: string): Customer | null {
    return this.repo.get(customerId);
  }

  context(customerId: string): CustomerContext | null {
    const customer = this.repo.get(customerId);
    return customer ? this.contextOf(customer) : null;
  }

  /** What an agent typed: a phone or an email finds by identity, anything else by name. */
  search(query: string, limit: number): Customer[] {
    const search = readCustomerSearch(query);
    if (search.kind === 'name') return this.repo.searchByName(search.pattern, limit);
    const found = this.repo.findByIdentity(search.identity);
    return found ? [found] : [];
  }

  /** Lookup by any identity; the given value is normalised first. */
  findByIdentity(identity: CustomerIdentity): CustomerContext | null {
    const normalised = this.normalise(identity);
    if (!normalised) return null;
    const customer = this.repo.findByIdentity(normalised);
    return customer ? this.contextOf(customer) : null;
  }

  /**
   * The customer a new item belongs to: an existing one found by any identity, or a new one
   * (named after `customerName`, else the address itself). Null when `from` is no identity.
   */
  resolveForIntake(channel: Channel, from: string, customerName: string | undefined, at: string): { customer: Customer; created: boolean } | null {
    const identities = identitiesFromAddress(channel, from);
    for (const identity of identities) {
      const found = this.repo.findByIdentity(identity);
      if (found) return { customer: found, created: false };
    }
    if (identities.length === 0) return null;
    const customer: Customer = {
      id: `cust-${randomUUID()}`,
      name: customerName?.trim() || from.trim(),
      company: null,
      tier: null,
      language: null,
      tags: [],
      identities,
      updatedAt: at,
    };
    this.repo.insert(customer);
    return { customer, created: true };
  }

  /** Adds an interaction to the customer's timeline and marks the customer changed (cache sync). */
  addInteraction(entry: TimelineEntry, workItemId: string | null, at: string): void {
    this.repo.addTimelineEntry({ ...entry, workItemId });
    this.repo.touch(entry.customerId, at);
  }

  /** Marks the customer changed, so a desktop's cache sync (syncCustomers) picks it up again. */
  touch(customerId: string, at: string): void {
    this.repo.touch(customerId, at);
  }

  page(after: string | null, limit: number): { customers: CustomerContext[]; next: string | null } {
    const page = this.repo.page(after, limit);
    return { customers: page.customers.map((customer) => this.contextOf(customer)), next: page.next };
  }

  /** The follow-ups repository (open / done state of an agent's promises to this customer). */
  get followUps(): FollowUpRepository {
    return this.repo.followUps;
  }

  /** Everything a desktop shows of a customer: profile, timeline, open follow-ups. */
  private contextOf(customer: Customer): CustomerContext {
    return { customer, timeline: this.repo.timeline(customer.id), followUps: this.repo.followUps.openFor(customer.id) };
  }

  private normalise(identity: CustomerIdentity): CustomerIdentity | null {
    const value =
      identity.kind === 'phone' ? normalisePhone(identity.value) : identity.kind === 'email' ? normaliseEmail(identity.value) : normaliseChatId(identity.value);
    return value ? { kind: identity.kind, value } : null;
  }
}
