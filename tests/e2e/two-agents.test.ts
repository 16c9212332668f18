/**
 * Two agents in two browser contexts (two web-mode clients, two desktop sessions) are ready at
 * once; every item is offered to exactly one of them, never to both.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { goReady, signIn } from './support/agent-steps';
import { launchBrowser, openDesktop, type AgentTab } from './support/browser';
import { createWorkItem, hubLogin, uniqueSubject } from './support/hub-admin';
import { launchApp, type RunningApp } from './support/launch-app';

let app: RunningApp;
let browser: Browser;
let ana: AgentTab;
let jordi: AgentTab;

/** Records every item id ever shown as an offer on the page, so a brief double offer is caught too. */
async function recordOffers(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { __offered: string[] };
    w.__offered = [];
    const collect = () => {
      for (const el of document.querySelectorAll('li.offer[data-item-id]')) {
        const id = el.getAttribute('data-item-id');
        if (id && !w.__offered.includes(id)) w.__offered.push(id);
      }
    };
    new MutationObserver(collect).observe(document.body, { subtree: true, childList: true });
    collect();
  });
}

const offered = (page: Page) => page.evaluate(() => (window as unknown as { __offered: string[] }).__offered.slice());

beforeAll(async () => {
  app = await launchApp();
  browser = await launchBrowser();
  ana = await openDesktop(browser, app.desktopUrl);
  jordi = await openDesktop(browser, app.desktopUrl);
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

describe('two agents ready at the same time', () => {
  it('each item is offered to one agent only, and each accepts only their own', async () => {
    await signIn(ana.page, 'ana');
    await signIn(jordi.page, 'jordi');
    await expect(ana.page.getByRole('banner').textContent()).resolves.toContain('Ana Martín');
    await expect(jordi.page.getByRole('banner').textContent()).resolves.toContain('Jordi Puig');
    await goReady(ana.page);
    await goReady(jordi.page);
    await recordOffers(ana.page);
    await recordOffers(jordi.page);

    const token = await hubLogin(app.hubUrl, 'admin');
    const created: string[] = [];
    for (let i = 0; i < 6; i++) {
      const item = await createWorkItem(app.hubUrl, token, {
        channel: 'chat',
        queueId: i % 2 === 0 ? 'ventas' : 'soporte',
        from: `cliente${i}@example.es`,
        subject: uniqueSubject(`Reparto ${i}`),
      });
      created.push(item.id);
    }

    // Each agent accepts whatever reaches their screen until all six are taken (both have
    // room for three chats, so both must get some).
    const itemsOf = (page: Page) => page.locator('.item-row[data-item-id]').evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-item-id') ?? ''));
    const deadline = Date.now() + 45_000;
    let anaItems: string[] = [];
    let jordiItems: string[] = [];
    while (Date.now() < deadline) {
      for (const tab of [ana, jordi]) {
        const accept = tab.page.locator('li.offer').first().getByRole('button', { name: 'Aceptar' });
        if (await accept.isVisible()) await accept.click().catch(() => undefined);
      }
      [anaItems, jordiItems] = [await itemsOf(ana.page), await itemsOf(jordi.page)];
      if (anaItems.length + jordiItems.length >= created.length) break;
      await ana.page.waitForTimeout(200);
    }
    expect([...anaItems, ...jordiItems].sort()).toEqual([...created].sort());
    expect(anaItems.filter((id) => jordiItems.includes(id))).toEqual([]);
    expect(anaItems.length).toBeGreaterThan(0);
    expect(jordiItems.length).toBeGreaterThan(0);
    const [seenByAna, seenByJordi] = [await offered(ana.page), await offered(jordi.page)];
    expect([...seenByAna].sort()).toEqual([...anaItems].sort());
    expect([...seenByJordi].sort()).toEqual([...jordiItems].sort());
    // Still disjoint after all that.
    const [finalAna, finalJordi] = [await offered(ana.page), await offered(jordi.page)];
    expect(finalAna.filter((id) => finalJordi.includes(id))).toEqual([]);
  });
});
