/**
 * HTTP at the byte level, for requests no well-behaved client library would send (bad escapes
 * in the target, invalid headers, bodies shorter than their Content-Length, random bytes).
 */
import net from 'node:net';

export interface RawRequest {
  method: string;
  /** Sent exactly as given (no encoding). */
  target: string;
  headers: ReadonlyArray<readonly [string, string]>;
  body?: Buffer;
  /** Content-Length to declare; default the body's length (none without a body). */
  declaredLength?: number;
}

/** Bytes of one HTTP/1.1 request; header text is written as latin1 so any byte can be sent. */
export function requestBytes(req: RawRequest): Buffer {
  const lines = [`${req.method} ${req.target} HTTP/1.1`, 'Host: 127.0.0.1', 'Connection: close'];
  for (const [name, value] of req.headers) lines.push(`${name}: ${value}`);
  const length = req.declaredLength ?? req.body?.length;
  if (length !== undefined) lines.push(`Content-Length: ${length}`);
  return Buffer.concat([Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1'), req.body ?? Buffer.alloc(0)]);
}

export interface RawAnswer {
  /** The response status, or null when the connection ended (or was cut) without one. */
  status: number | null;
  head: string;
  body: string;
}

/**
 * Writes `bytes` and reads the answer until the server closes (every request says
 * Connection: close). `cutAfterMs` ends the wait early for a request that is meant to stay
 * incomplete (the client "goes away"); a 101 answer ends it at once.
 */
export function sendRaw(port: number, bytes: Buffer, opts: { cutAfterMs?: number; timeoutMs?: number } = {}): Promise<RawAnswer> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    let done = false;
    const finish = (): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      const text = Buffer.concat(chunks).toString('latin1');
      const split = text.indexOf('\r\n\r\n');
      const head = split < 0 ? text : text.slice(0, split);
      const status = /^HTTP\/1\.[01] (\d{3})/.exec(head)?.[1];
      resolve({ status: status ? Number(status) : null, head, body: split < 0 ? '' : text.slice(split + 4) });
    };
    const timer = setTimeout(finish, opts.cutAfterMs ?? opts.timeoutMs ?? 5_000);
    socket.on('connect', () => socket.write(bytes));
    socket.on('data', (chunk) => {
      chunks.push(chunk);
      if (/^HTTP\/1\.1 101 /.test(Buffer.concat(chunks).toString('latin1'))) finish();
    });
    socket.on('end', finish);
    socket.on('close', finish);
    socket.on('error', finish);
  });
}
