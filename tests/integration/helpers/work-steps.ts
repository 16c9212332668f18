/** Steps of an agent's work that several integration tests take the same way. */
import type { DesktopClient } from './desktop-client';
import { createWorkItem, loginToken, type RunningHub } from './hub-fixture';

/** Creates an email for María and waits until `client` is offered it; returns the item id and offer id. */
export async function offeredEmail(hub: RunningHub, client: DesktopClient, subject: string): Promise<{ itemId: string; offerId: string }> {
  const admin = await loginToken(hub.url, 'admin');
  const item = await createWorkItem(hub.url, admin, { channel: 'email', queueId: 'correo', from: 'maria.garcia@example.es', subject });
  const offer = await client.waitFor('offer', (c) => c.view?.offers.find((o) => o.item.id === item.id));
  return { itemId: item.id, offerId: offer.offerId };
}

/** Takes one item from offer to wrap-up on `client`; returns its id. */
export async function itemInWrapUp(hub: RunningHub, client: DesktopClient, subject: string): Promise<string> {
  const { itemId, offerId } = await offeredEmail(hub, client, subject);
  await client.must('offer.accept', { offerId });
  await client.waitFor('accepted', (c) => c.view?.items.some((i) => i.id === itemId));
  await client.must('item.end', { itemId });
  await client.waitFor('wrap-up', (c) => c.view?.items.some((i) => i.id === itemId && i.state === 'wrap-up'));
  return itemId;
}
