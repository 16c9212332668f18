/** A hub where only Ana takes work: Jordi and Marta are offline, Ana is signed in and Ready. */
import { expect } from 'vitest';
import type { RunningHub } from '../../../src-hub/embedded';
import { login, TestSocket } from '../../unit/hub/support/hub-client';

export async function anaAlone(hub: RunningHub): Promise<{ ana: TestSocket; token: string }> {
  for (const other of ['jordi', 'marta']) hub.center.setState(other, 'offline', null);
  const { token } = await login(hub.url, 'ana');
  const ana = await TestSocket.open(hub.url);
  await ana.hello(token);
  expect(await ana.request('setState', { state: 'ready', reasonCode: null })).toMatchObject({ ok: true });
  return { ana, token };
}
