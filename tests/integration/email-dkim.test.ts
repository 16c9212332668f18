/**
 * DKIM signing of outgoing mail (email.smtp.dkim): a reply submitted over real SMTP (smtp-server
 * on loopback takes it as a relay would) carries a signature that a receiver's check (mailauth,
 * the same as our intake's) verifies with the published key; a body changed on the way no longer
 * verifies. A key file that cannot be read stops the hub at start with the reason.
 */
import { generateKeyPairSync } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkSender } from '../../src-hub/channels/email/sender-check';
import { createSmtpSender } from '../../src-hub/channels/email/smtp-sender';
import { TempDirs } from './helpers/temp-dirs';

const dirs = new TempDirs();
const received: Buffer[] = [];
let server: SMTPServer;
let port: number;
let keyFile: string;
let publicKey: string;

beforeAll(async () => {
  const keys = generateKeyPairSync('rsa', { modulusLength: 2048 });
  keyFile = path.join(dirs.make('centralita-dkim-'), 'dkim.pem');
  writeFileSync(keyFile, keys.privateKey.export({ type: 'pkcs8', format: 'pem' }));
  publicKey = keys.publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
  server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, _session, done) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        received.push(Buffer.concat(chunks));
        done();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.server.address() as AddressInfo).port;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  dirs.cleanup();
});

/** The receiver's DNS: our published key, and nothing else. */
const dns = (name: string): Promise<string[][]> =>
  name === 'centralita._domainkey.tienda.example'
    ? Promise.resolve([[`v=DKIM1; k=rsa; p=${publicKey}`]])
    : Promise.reject(Object.assign(new Error(`queryTxt ENOTFOUND ${name}`), { code: 'ENOTFOUND' }));

describe('DKIM signing of outgoing mail', () => {
  it('signs a reply so a receiver verifies it, and a body changed on the way no longer verifies', async () => {
    const sender = createSmtpSender({ host: '127.0.0.1', port, secure: false, dkim: { domainName: 'tienda.example', keySelector: 'centralita', privateKeyFile: keyFile } });
    const outcome = await sender.send({
      from: { name: 'Soporte', address: 'soporte@tienda.example' },
      to: ['maria.garcia@example.es'],
      cc: [],
      subject: 'Re: Factura duplicada',
      text: 'Hola María, ya está anulado el cargo.',
      messageId: 'reply.1@tienda.example',
    });
    sender.close();
    expect(outcome.kind).toBe('sent');
    const raw = received.at(-1) ?? Buffer.alloc(0);
    expect(raw.toString('utf8')).toMatch(/^DKIM-Signature: .*d=tienda\.example/m);
    await expect(checkSender(raw, 'soporte@tienda.example', { resolver: dns })).resolves.toMatchObject({ result: 'verified' });
    const text = raw.toString('utf8');
    const bodyAt = text.indexOf('\r\n\r\n');
    const tampered = Buffer.from(text.slice(0, bodyAt) + text.slice(bodyAt).replace('Hola', 'Hala'));
    expect(tampered.equals(raw)).toBe(false);
    // A changed body no longer proves the sender (mailauth calls a body-hash mismatch neutral).
    expect((await checkSender(tampered, 'soporte@tienda.example', { resolver: dns })).result).not.toBe('verified');
  });

  it('stops at start, naming the file, when the key cannot be read', () => {
    expect(() => createSmtpSender({ host: '127.0.0.1', port, secure: false, dkim: { domainName: 'tienda.example', keySelector: 'centralita', privateKeyFile: '/nonexistent/dkim.pem' } })).toThrow(
      /email\.smtp\.dkim\.privateKeyFile: cannot read \/nonexistent\/dkim\.pem/,
    );
  });
});
