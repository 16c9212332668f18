import { generateKeyPairSync } from 'node:crypto';
import { dkimSign } from 'mailauth';
import { describe, expect, it } from 'vitest';
import { checkSender } from '../../../src-hub/channels/email/sender-check';

const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const KEY_PEM = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const PUBLIC_B64 = publicKey.export({ type: 'spki', format: 'der' }).toString('base64');

/** DNS of a little world where ferreteria.example signs its mail and publishes DMARC p=reject. */
function resolverWith(records: Record<string, string>) {
  return async (name: string, type: string): Promise<string[][]> => {
    const value = records[`${type} ${name.toLowerCase()}`];
    if (value === undefined) throw Object.assign(new Error(`queryTxt ENOTFOUND ${name}`), { code: 'ENOTFOUND' });
    return [[value]];
  };
}
const WORLD = resolverWith({
  'TXT sel._domainkey.ferreteria.example': `v=DKIM1; k=rsa; p=${PUBLIC_B64}`,
  'TXT _dmarc.ferreteria.example': 'v=DMARC1; p=reject',
});

function mail(from: string, body = 'Necesito la factura de noviembre.'): Buffer {
  return Buffer.from(
    [`From: María García <${from}>`, 'To: soporte@correo.lab', 'Subject: Factura', 'Message-ID: <f1@ferreteria.example>', 'Date: Sun, 06 Dec 2026 10:00:00 +0000', 'MIME-Version: 1.0', 'Content-Type: text/plain; charset=utf-8', '', body, ''].join('\r\n'),
  );
}

// mailauth's bundled typings describe a flat options object; its code reads signatureData[].
type SignWith = (input: Buffer, options: { signatureData: { signingDomain: string; selector: string; privateKey: string; canonicalization: string }[] }) => Promise<{ signatures: string }>;
const sign = dkimSign as unknown as SignWith;

async function signed(raw: Buffer): Promise<Buffer> {
  const { signatures } = await sign(raw, { signatureData: [{ signingDomain: 'ferreteria.example', selector: 'sel', privateKey: KEY_PEM, canonicalization: 'relaxed/relaxed' }] });
  return Buffer.concat([Buffer.from(signatures), raw]);
}

describe('the sender check', () => {
  it('verifies a mail signed by its From domain whose DMARC passes', async () => {
    const verdict = await checkSender(await signed(mail('maria@ferreteria.example')), 'maria@ferreteria.example', { resolver: WORLD });
    expect(verdict.result).toBe('verified');
    expect(verdict.detail).toContain('dmarc=pass');
  });

  it('fails a signed mail changed on the way (the domain says reject)', async () => {
    const good = (await signed(mail('maria@ferreteria.example'))).toString();
    const tampered = Buffer.from(good.replace('factura de noviembre', 'transferencia a la cuenta ES00'));
    expect((await checkSender(tampered, 'maria@ferreteria.example', { resolver: WORLD })).result).toBe('failed');
  });

  it('fails an unsigned mail from a domain whose policy says only signed mail is theirs', async () => {
    expect((await checkSender(mail('maria@ferreteria.example'), 'maria@ferreteria.example', { resolver: WORLD })).result).toBe('failed');
  });

  it('cannot verify an unsigned mail from a domain with no policy, and says so rather than failing', async () => {
    const verdict = await checkSender(mail('pepe@sinpolitica.example'), 'pepe@sinpolitica.example', { resolver: WORLD });
    expect(verdict.result).toBe('unverified');
  });

  it('answers "could not verify" when DNS never answers, within its time limit', async () => {
    const silent = () => new Promise<string[][]>(() => undefined);
    const started = Date.now();
    const verdict = await checkSender(await signed(mail('maria@ferreteria.example')), 'maria@ferreteria.example', { resolver: silent, timeoutMs: 300 });
    expect(verdict).toEqual({ result: 'unverified', detail: 'the DNS lookups did not finish in time' });
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});
