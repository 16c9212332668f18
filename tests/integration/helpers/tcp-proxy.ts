/**
 * A loopback TCP proxy in front of the hub, so a test can cut the desktop's network the way
 * a real network fails (sockets die mid-stream) without touching either side's code.
 */
import net from 'node:net';

export class TcpProxy {
  private readonly pairs = new Set<[net.Socket, net.Socket]>();
  /** Connections whose route is gone: open at both ends, carrying nothing (see stall()). */
  private readonly stalled = new WeakSet<[net.Socket, net.Socket]>();
  private down = false;
  cuts = 0;
  /** Connections accepted so far (reconnect attempts show up here). */
  connections = 0;

  private dropNextResponse = false;
  private requestsToSwallow = 0;
  /** Desktop requests swallowed by failRequests so far. */
  swallowed = 0;

  /**
   * The next `count` requests a desktop sends on its hub socket never reach the hub: each is
   * dropped and the link cut, as on a flapping home link. (The first two client chunks of a
   * desktop socket are the upgrade and the hello; what follows is requests, or a ping.)
   */
  failRequests(count: number): void {
    this.requestsToSwallow = count;
  }

  /** Loses the hub's next answer on the wire and then cuts the link: "sent, but did it arrive?" */
  loseNextAnswer(): void {
    this.dropNextResponse = true;
  }

  private constructor(private readonly server: net.Server, readonly port: number) {}

  static async start(targetPort: number): Promise<TcpProxy> {
    let proxy: TcpProxy | null = null;
    const server = net.createServer((client) => {
      if (!proxy || proxy.down) {
        client.destroy();
        return;
      }
      proxy.connections += 1;
      const upstream = net.connect(targetPort, '127.0.0.1');
      const pair: [net.Socket, net.Socket] = [client, upstream];
      const owner = proxy;
      owner.pairs.add(pair);
      const drop = (): void => {
        client.destroy();
        upstream.destroy();
        owner.pairs.delete(pair);
      };
      client.on('error', drop).on('close', drop);
      upstream.on('error', drop).on('close', drop);
      let clientChunks = 0;
      let desktopSocket = false;
      client.on('data', (chunk: Buffer) => {
        if (owner.stalled.has(pair)) return;
        clientChunks += 1;
        if (clientChunks === 1) desktopSocket = chunk.toString('latin1').startsWith('GET /ws/desktop');
        if (desktopSocket && clientChunks > 2 && owner.requestsToSwallow > 0) {
          owner.requestsToSwallow -= 1;
          owner.swallowed += 1;
          owner.cut();
          return;
        }
        upstream.write(chunk);
      });
      upstream.on('data', (chunk: Buffer) => {
        if (owner.stalled.has(pair)) return;
        // Hub-to-desktop frames are not masked, so a response is visible on the wire.
        if (owner.dropNextResponse && chunk.toString('latin1').includes('"type":"response"')) {
          owner.dropNextResponse = false;
          setImmediate(() => owner.cut());
          return;
        }
        client.write(chunk);
      });
    });
    const port = await new Promise<number>((resolve) => {
      server.listen(0, '127.0.0.1', () => resolve((server.address() as net.AddressInfo).port));
    });
    proxy = new TcpProxy(server, port);
    return proxy;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Kills every open connection at once, as a dropped network does. */
  cut(): void {
    this.cuts += 1;
    for (const [a, b] of this.pairs) {
      a.destroy();
      b.destroy();
    }
    this.pairs.clear();
  }

  /**
   * The connections open now lead nowhere from here on, without either end hearing of it (no
   * reset, no close), as when a laptop docks and its Wi-Fi goes; new connections work (the cable).
   */
  stall(): void {
    for (const pair of this.pairs) this.stalled.add(pair);
  }

  /** While down, new connections are refused too (a longer outage). */
  setDown(down: boolean): void {
    this.down = down;
    if (down) this.cut();
  }

  async stop(): Promise<void> {
    this.cut();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
