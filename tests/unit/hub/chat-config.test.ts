/** Canned responses and the CRM link in the hub config: what the hub accepts and what desktops get. */
import { describe, expect, it } from 'vitest';
import { HubConfig } from '../../../src-common/hub-config';
import { agentConfigView } from '../../../src-hub/center/views';
import { demoHubConfig } from '../../../src-hub/demo/demo-config';

const withChanges = (changes: Record<string, unknown>) => HubConfig.safeParse({ ...demoHubConfig(), ...changes });

describe('chat agent settings in the hub config', () => {
  it('sends the canned responses, the transfer targets and the CRM template to desktops', () => {
    const view = agentConfigView(demoHubConfig());
    expect(view.cannedResponses?.find((c) => c.shortcut === 'saludo')?.text).toContain('{customerName}');
    expect(view.transferAgents?.map((a) => a.id)).toEqual(['ana', 'jordi', 'marta', 'sara']);
    expect(view.crmCustomerUrl).toBe('https://crm.example/customers/{customerId}');
  });

  it('refuses duplicate shortcuts and shortcuts written with the slash', () => {
    const canned = { id: 'a', shortcut: 'hola', title: 'Hola', text: 'Hola' };
    const dup = withChanges({ cannedResponses: [canned, { ...canned, id: 'b' }] });
    expect(dup.success).toBe(false);
    expect(dup.error?.issues[0]?.message).toBe('duplicate shortcut "hola"');
    expect(withChanges({ cannedResponses: [{ ...canned, shortcut: '/hola' }] }).success).toBe(false);
  });

  it('takes only an http(s) CRM template that names {customerId}', () => {
    expect(withChanges({ crm: { customerUrl: 'https://crm.example/c/{customerId}' } }).success).toBe(true);
    expect(withChanges({ crm: { customerUrl: 'https://crm.example/c/' } }).success).toBe(false);
    expect(withChanges({ crm: { customerUrl: 'javascript:alert({customerId})' } }).success).toBe(false);
  });
});
