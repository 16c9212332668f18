/**
 * Answer pressed on a call that never reaches this phone, in Chromium against the real launcher,
 * hub and lab SIP proxy. The agent's SIP connection leads nowhere (support/sip-relay.ts, cut
 * right after a connection check), so the call rings into it while the offer shows on the card.
 * The agent presses Answer: the desktop waits for the ring, and when none comes and the hub says
 * the call rings on a phone (not this one), the agent reads that the call did not reach this
 * phone, not a generic "it changed". Nothing is lost: the hub sets her aside, her phone
 * reconnects, and the caller reaches her.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitForState } from './support/agent-steps';
import { openAgentWithRelayedPhone, readyOnADeadConnection, type AgentWithRelayedPhone } from './support/sip-relay';

let agent: AgentWithRelayedPhone;

beforeAll(async () => {
  agent = await openAgentWithRelayedPhone();
});

afterAll(async () => {
  await agent?.close();
});

describe('Answer on a call that does not reach this phone', () => {
  it('says the call did not reach this phone after waiting for the ring, and the caller still reaches the agent', async () => {
    const { ana, caller, connections, app } = agent;
    const { page } = ana;
    await readyOnADeadConnection(agent);

    await caller.call(app.hubUrl, '+34600100201', '5000');
    const card = page.locator('li.offer', { hasText: '+34600100201' });
    await card.waitFor({ timeout: 10_000 });
    // The offer is here; its call rings into the connection that leads nowhere.
    expect(await card.getByText('Sonando en tu teléfono').count()).toBe(0);
    const pressedAt = Date.now();
    await card.getByRole('button', { name: 'Contestar' }).click();

    const notice = page.getByRole('alert').filter({ hasText: 'La llamada no ha llegado a este teléfono' });
    await notice.waitFor({ timeout: 10_000 });
    const toldAfterMs = Date.now() - pressedAt;
    console.log(`call not here: told ${toldAfterMs} ms after Answer was pressed`);
    // Told after the desktop waited for the ring (3 s), not at once with a generic conflict.
    expect(toldAfterMs).toBeGreaterThanOrEqual(2_900);
    expect(await page.getByRole('alert').filter({ hasText: 'Ya ha cambiado' }).count()).toBe(0);

    // Nothing lost: set aside, phone reconnected, Ready again, and the caller rings here.
    await waitForState(page, 'Disponible');
    const ringing = page.locator('li.offer', { hasText: '+34600100201' });
    await ringing.getByText('Sonando en tu teléfono').waitFor({ timeout: 20_000 });
    await ringing.getByRole('button', { name: 'Contestar' }).click();
    await page.locator('section.call-panel[data-call-state="active"]').waitFor({ timeout: 15_000 });
    await expect.poll(() => caller.state(), { timeout: 10_000 }).toBe('established');
    expect(connections.length).toBe(2);
    expect(ana.problems).toEqual([]);
  }, 90_000);
});
