/**
 * The deterministic demo dataset: a few hundred customers with Spanish and Catalan names,
 * +34 numbers, emails and histories across voice, chat and email. The same seed gives the
 * same people on every machine; only timestamps are placed relative to when it is seeded,
 * so histories look recent. One fixed customer, María García López (cust-maria), is what
 * tests and the README rely on.
 */
import type { Channel, Customer, TimelineEntry } from '../../src-common/domain';
import type { HubStore } from '../storage/repositories';
import { COMPANIES, EMAIL_DOMAINS, FIRST_NAMES, HISTORY_TOPICS, SURNAMES, TIERS } from './demo-vocabulary';
import { SeededRandom } from './seeded-random';

export const DEMO_CUSTOMER_COUNT = 300;
export const MARIA_ID = 'cust-maria';
const DAY_MS = 86_400_000;
const DISPOSITIONS = ['resolved', 'resolved', 'callback', 'escalated', 'sale'] as const;
const AGENTS = [
  ['ana', 'Ana Martín'],
  ['jordi', 'Jordi Puig'],
  ['marta', 'Marta Ruiz'],
] as const;

export interface DemoDataset {
  customers: Customer[];
  timeline: TimelineEntry[];
}

const ascii = (s: string): string =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '.');

function entry(customerId: string, n: number, channel: Channel, queueId: string, summary: string, detail: string, at: number, agent: readonly [string, string], disposition: string, duration: number): TimelineEntry {
  return {
    id: `tl-${customerId}-${n}`,
    customerId,
    channel,
    direction: 'inbound',
    at: new Date(at).toISOString(),
    agentId: agent[0],
    agentName: agent[1],
    queueId,
    disposition,
    summary,
    detail,
    durationSeconds: duration,
  };
}

function maria(now: number): DemoDataset {
  const customer: Customer = {
    id: MARIA_ID,
    name: 'María García López',
    company: 'Ferretería García',
    tier: 'gold',
    language: 'es',
    tags: ['pyme', 'fibra'],
    identities: [
      { kind: 'phone', value: '+34600100200' },
      { kind: 'email', value: 'maria.garcia@example.es' },
    ],
    updatedAt: new Date(now).toISOString(),
  };
  const timeline = [
    entry(MARIA_ID, 1, 'chat', 'soporte', 'Consulta sobre la factura de febrero', 'María preguntó por un cargo de 12,10 € en la factura. Era la cuota del router; se explicó.', now - 12 * DAY_MS, AGENTS[0], 'resolved', 420),
    entry(MARIA_ID, 2, 'voice', 'soporte-voz', 'Llamada: la fibra se corta por las tardes', 'Cortes intermitentes en la tienda. Se cambió el canal wifi y se programó visita técnica.', now - 5 * DAY_MS, AGENTS[1], 'escalated', 610),
    entry(MARIA_ID, 3, 'email', 'correo', 'Envío del presupuesto de segunda línea', 'Se envió presupuesto para una segunda línea de la tienda.', now - 2 * DAY_MS, AGENTS[2], 'sale', 0),
  ];
  return { customers: [customer], timeline };
}

export function generateDemoDataset(now: number, count: number = DEMO_CUSTOMER_COUNT, seed = 20_260_101): DemoDataset {
  const rnd = new SeededRandom(seed);
  const out = maria(now);
  const usedEmails = new Set(['maria.garcia@example.es']);
  for (let i = 1; i < count; i++) {
    const id = `cust-${String(i).padStart(4, '0')}`;
    const first = rnd.pick(FIRST_NAMES);
    const last1 = rnd.pick(SURNAMES);
    const last2 = rnd.pick(SURNAMES);
    let email = `${ascii(first)}.${ascii(last1)}@${rnd.pick(EMAIL_DOMAINS)}`;
    if (usedEmails.has(email)) email = email.replace('@', `${i}@`);
    usedEmails.add(email);
    // Unique, valid Spanish mobile numbers: 6 followed by 8 digits derived from the index.
    const phone = `+346${String(20_000_000 + i * 7_919).padStart(8, '0')}`;
    const business = rnd.next() < 0.3;
    out.customers.push({
      id,
      name: `${first} ${last1} ${last2}`,
      company: business ? rnd.pick(COMPANIES) : null,
      tier: rnd.pick(TIERS),
      language: rnd.next() < 0.35 ? 'ca' : 'es',
      tags: business ? ['empresa'] : [],
      identities: [
        { kind: 'phone', value: phone },
        { kind: 'email', value: email },
      ],
      updatedAt: new Date(now).toISOString(),
    });
    const interactions = rnd.int(0, 5);
    for (let n = 1; n <= interactions; n++) {
      const [channel, queueId, summary, detail] = rnd.pick(HISTORY_TOPICS);
      const at = now - rnd.int(1, 365) * DAY_MS - rnd.int(0, 86_399) * 1000;
      const duration = channel === 'email' ? 0 : rnd.int(60, 1_200);
      out.timeline.push(entry(id, n, channel, queueId, summary, detail, at, rnd.pick(AGENTS), rnd.pick(DISPOSITIONS), duration));
    }
  }
  return out;
}

/** Seeds an empty database; a database that already has customers is left alone. */
export function seedDemoData(store: HubStore, now: number): number {
  if (store.customers.count() > 0) return 0;
  const data = generateDemoDataset(now);
  store.transaction(() => {
    for (const c of data.customers) store.customers.insert(c);
    for (const t of data.timeline) store.customers.addTimelineEntry({ ...t, workItemId: null });
  });
  return data.customers.length;
}
