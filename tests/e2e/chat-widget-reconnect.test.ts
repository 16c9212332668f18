/**
 * The widget comes back soon after the hub does. A customer waits on a chat while the hub is
 * away for a while (its retries have backed off by then); once the hub is back the widget is
 * connected again within a few seconds, not after a long backoff. And when the customer's own
 * network returns (`online`), the widget reconnects at once instead of waiting for its timer.
 * The hub runs in this process so the test can stop and restart it on the same port and data.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from './support/browser';
import { RestartableHub } from './support/restartable-hub';

const hub = new RestartableHub();
let browser: Browser;

beforeAll(async () => {
  await hub.start();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await hub.cleanup();
});

/** Times (Date.now() in this process) at which the widget received a welcome from the hub. */
function recordWelcomes(page: Page): number[] {
  const welcomes: number[] = [];
  page.on('websocket', (ws) => {
    ws.on('framereceived', (frame) => {
      if (String(frame.payload).includes('"type":"welcome"')) welcomes.push(Date.now());
    });
  });
  return welcomes;
}

async function welcomeAfter(welcomes: number[], since: number, timeoutMs: number): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const hit = welcomes.find((t) => t >= since);
    if (hit !== undefined) return hit - since;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`no welcome within ${timeoutMs} ms`);
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the chat widget after an outage', () => {
  let context: BrowserContext;
  let customer: Page;
  let welcomes: number[];

  it('is back within 4 s of the hub after a 10 s outage, and at once when the network returns', async () => {
    context = await browser.newContext({ locale: 'es-ES' });
    customer = await context.newPage();
    welcomes = recordWelcomes(customer);
    await customer.goto(`${hub.url}/chat`);
    await customer.getByLabel('Nombre').fill('Pau Serra');
    await customer.getByLabel('Tu mensaje (opcional)').fill('¿Seguís ahí?');
    await customer.getByRole('button', { name: 'Empezar el chat' }).click();
    await customer.getByRole('log').getByText('¿Seguís ahí?').waitFor();

    // 1) The hub is away long enough for the widget's retries to back off, then comes back.
    await hub.stop();
    await customer.getByRole('status').filter({ hasText: /reconect/i }).waitFor({ timeout: 5_000 });
    await pause(10_000);
    await hub.start();
    const back = Date.now();
    const hubGap = await welcomeAfter(welcomes, back, 15_000);
    console.log(`widget back ${hubGap} ms after the hub (10 s outage)`);
    expect(hubGap).toBeLessThan(4_000);
    // Resumed, not restarted: the conversation and its message are still there, once.
    await expect(customer.getByRole('log').getByText('¿Seguís ahí?').count()).resolves.toBe(1);

    // 2) The customer's network drops while the hub is away; when both are back, the
    //    browser's `online` event reconnects at once rather than the next backoff tick.
    await context.setOffline(true);
    await hub.stop();
    await pause(6_000);
    await hub.start();
    await pause(1_500);
    await context.setOffline(false);
    const online = Date.now();
    const onlineGap = await welcomeAfter(welcomes, online, 15_000);
    console.log(`widget back ${onlineGap} ms after the network returned`);
    expect(onlineGap).toBeLessThan(1_000);
    await expect(customer.getByRole('log').getByText('¿Seguís ahí?').count()).resolves.toBe(1);
    await context.close();
  });
});
