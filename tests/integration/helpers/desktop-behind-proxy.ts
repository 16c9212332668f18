/**
 * Ana's desktop signed in to a hub through a TcpProxy the test can cut or make lose answers:
 * the start of every test about a link that fails. The proxy and the desktop join `cleanups`
 * (run in reverse), their data folder joins `temp`.
 */
import { DesktopClient } from './desktop-client';
import { PASSWORD } from './hub-fixture';
import { TcpProxy } from './tcp-proxy';
import type { TempDirs } from './temp-dirs';

export async function anaBehindProxy(
  hubPort: number,
  temp: TempDirs,
  cleanups: Array<() => Promise<void> | void>,
): Promise<{ proxy: TcpProxy; ana: DesktopClient }> {
  const proxy = await TcpProxy.start(hubPort);
  cleanups.push(() => proxy.stop());
  const ana = await DesktopClient.start(temp.make('centralita-ana-'), { defaultHubUrl: proxy.url });
  cleanups.push(() => ana.close());
  await ana.must('session.login', { username: 'ana', password: PASSWORD });
  return { proxy, ana };
}
