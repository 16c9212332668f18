/**
 * The attachment store's virus-scanning hook on a real hub, with a real scanner process (a shell
 * script following ClamAV's exit codes that flags the EICAR test string): an agent's upload that
 * is infected is refused before it is stored, a customer's infected attachment is refused when
 * someone downloads it, clean files pass, and a scanner that fails refuses rather than lets
 * files through.
 */
import { chmodSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EMAIL_ATTACHMENTS_PATH, type EmailThreadView } from '../../src-common/email';
import { demoHubConfig } from '../../src-hub/demo/demo-config';
import { startHub, type RunningHub } from '../../src-hub/embedded';
import type { TestSocket } from '../unit/hub/support/hub-client';
import { anaAlone } from './helpers/ana-takes-email';
import { TempDirs } from './helpers/temp-dirs';

/** The anti-virus industry's harmless test file: every scanner flags it. */
const EICAR = 'X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*';
const SCANNER = `#!/bin/sh
input=$(cat)
case "$input" in
  *EICAR-STANDARD-ANTIVIRUS-TEST-FILE*) echo "stdin: Eicar-Test-Signature FOUND"; exit 1 ;;
  *SCANNER-BREAKS*) echo "database not loaded" >&2; exit 2 ;;
esac
exit 0
`;

const dirs = new TempDirs();
let hub: RunningHub;
let hubDir: string;
let ana: TestSocket;
let token: string;
let itemId: string;

async function upload(text: string): Promise<Response> {
  return fetch(`${hub.url}${EMAIL_ATTACHMENTS_PATH}?itemId=${encodeURIComponent(itemId)}&name=nota.txt`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream' },
    body: text,
  });
}

beforeAll(async () => {
  hubDir = dirs.make('centralita-scan-');
  const scanner = path.join(hubDir, 'scanner.sh');
  writeFileSync(scanner, SCANNER);
  chmodSync(scanner, 0o755);
  const demo = demoHubConfig();
  const config = { ...demo, chat: { ...demo.chat, attachmentScan: { command: ['/bin/sh', scanner], timeoutSeconds: 10, onError: 'refuse' as const } } };
  hub = await startHub({ port: 0, dataDir: hubDir, config, seedDemoData: true, simulate: false, logLevel: 'silent' });
  ({ ana, token } = await anaAlone(hub));
});

afterAll(async () => {
  ana?.close();
  await hub?.stop();
  dirs.cleanup();
});

describe('the attachment scanning hook', () => {
  it('refuses a customer’s infected attachment on download and hands out the clean one', async () => {
    const lab = hub.labMail;
    if (!lab) throw new Error('the demo config has lab mail');
    const transport = nodemailer.createTransport({ host: lab.smtpHost, port: lab.smtpPort, secure: false });
    await transport.sendMail({
      from: 'maria.garcia@example.es',
      to: lab.address,
      subject: 'Dos ficheros',
      text: 'Os adjunto el justificante.',
      attachments: [
        { filename: 'justificante.txt', content: EICAR },
        { filename: 'limpio.txt', content: 'Hola' },
      ],
    });
    transport.close();
    const offered = await ana.waitFor((f): f is Extract<typeof f, { type: 'event' }> => f.type === 'event' && f.event.kind === 'offer');
    if (offered.event.kind !== 'offer') throw new Error('no offer');
    itemId = offered.event.offer.item.id;
    expect(await ana.request('acceptOffer', { offerId: offered.event.offer.offerId })).toMatchObject({ ok: true });
    const thread = await ana.request('getEmailThread', { itemId });
    if (!thread.ok) throw new Error(thread.error.message);
    const message = (thread.value as EmailThreadView).messages[0];
    expect(message?.attachments.map((a) => a.filename)).toEqual(['justificante.txt', 'limpio.txt']);

    const download = (index: number) => fetch(`${hub.url}${EMAIL_ATTACHMENTS_PATH}/${message?.id ?? ''}/${index}`, { headers: { authorization: `Bearer ${token}` } });
    const infected = await download(0);
    expect(infected.status).toBe(422);
    expect(await infected.json()).toMatchObject({ error: { code: 'bad-request', message: 'The virus scanner refused this file.' } });
    const clean = await download(1);
    expect(clean.status).toBe(200);
    expect(await clean.text()).toBe('Hola');
  });

  it('refuses an agent’s infected upload before anything is stored, and keeps a clean one', async () => {
    const uploads = path.join(hubDir, 'email-attachments');
    const stored = (): string[] => readdirSync(uploads).filter((name) => name.endsWith('.bin'));
    const infected = await upload(`Adjunto: ${EICAR}`);
    expect(infected.status).toBe(422);
    expect(await infected.json()).toMatchObject({ error: { message: 'The virus scanner refused this file.' } });
    expect(stored()).toEqual([]);
    const clean = await upload('Presupuesto revisado');
    expect(clean.status).toBe(201);
    expect(stored()).toHaveLength(1);
  });

  it('refuses the file when the scanner itself fails, instead of letting it through', async () => {
    const broken = await upload('SCANNER-BREAKS');
    expect(broken.status).toBe(503);
    expect(await broken.json()).toMatchObject({ error: { code: 'unavailable' } });
  });
});
