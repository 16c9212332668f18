/**
 * A phone whose connection leads nowhere while the rest of the desktop works (a docked laptop, in
 * the seconds before its phone's own check notices), in Chromium against the real launcher, hub
 * and lab SIP proxy. The agent's SIP WebSocket goes through the test, which stops passing it on,
 * both ways, right after a connection check went through (so the phone's next check is 10 s
 * away). A call then rings into that connection. Within about 4 s the hub sets Ana aside
 * ("teléfono sin conexión") instead of ringing out the 30 s offer; her desktop has the phone open
 * a new connection at once; she is Ready again, and the waiting caller reaches her.
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

describe('a phone the SIP server cannot reach', () => {
  it('sets the agent aside within seconds, reconnects the phone at once, and the caller reaches her', async () => {
    const { ana, caller, connections, app } = agent;
    const { page } = ana;
    // Right after a connection check went through, the link goes nowhere.
    const cutAt = await readyOnADeadConnection(agent);

    // Every state the agent is shown from here on, with when (it may last less than a second).
    await page.evaluate((cutAtMs) => {
      const seen: Array<{ atMs: number; text: string }> = [];
      (window as unknown as { shownStates: typeof seen }).shownStates = seen;
      const read = () => {
        const text = document.querySelector('.state-now .state-name')?.textContent ?? '';
        if (seen[seen.length - 1]?.text !== text) seen.push({ atMs: Date.now() - cutAtMs, text });
      };
      new MutationObserver(read).observe(document.body, { subtree: true, childList: true, characterData: true });
      read();
    }, cutAt);
    const shown = () => page.evaluate(() => (window as unknown as { shownStates: Array<{ atMs: number; text: string }> }).shownStates);

    await caller.call(app.hubUrl, '+34600100200', '5000');
    // The caller waited in the queue and rings again, on the phone's new connection.
    const card = page.locator('li.offer', { hasText: '+34600100200' });
    await card.getByText('Sonando en tu teléfono').waitFor({ timeout: 15_000 });
    await expect.poll(async () => (await shown()).map((state) => state.text), { timeout: 10_000 }).toEqual(['Disponible', 'No disponible: teléfono sin conexión', 'Disponible']);
    const [, aside, back] = await shown();
    console.log(`unreachable phone: set aside ${aside?.atMs} ms after the link was cut, Ready again at ${back?.atMs} ms, ${connections.length} SIP connections`);
    // Not the 30 s offer running out, and well before the phone's own check (due 10 s after the
    // last one, then a 4 s wait) would have noticed.
    expect(aside?.atMs).toBeLessThan(8_000);
    expect(back?.atMs).toBeLessThan(9_000);
    expect(connections.length).toBe(2);
    await waitForState(page, 'Disponible');
    await card.getByRole('button', { name: 'Contestar' }).click();
    await page.locator('section.call-panel[data-call-state="active"]').waitFor({ timeout: 15_000 });
    await expect.poll(() => caller.state(), { timeout: 10_000 }).toBe('established');
    expect(ana.problems).toEqual([]);
  }, 90_000);
});
