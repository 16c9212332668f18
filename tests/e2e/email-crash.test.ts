/**
 * kill -9 of the whole desktop (launcher, embedded hub and web host: no shutdown of any kind)
 * while the agent types an email reply, and again right after they press Send. The draft comes
 * back after the relaunch, and the customer's lab mailbox receives the reply exactly once.
 */
import nodemailer from 'nodemailer';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, goReady, signIn } from './support/agent-steps';
import { launchBrowser, openDesktop } from './support/browser';
import { launchApp, type RunningApp } from './support/launch-app';

interface LabMail {
  intake: { host: string; port: number; address: string };
  delivered: { to: string[]; messageId: string; inReplyTo: string | null; text: string }[];
}

let app: RunningApp;
let browser: Browser;

beforeAll(async () => {
  app = await launchApp();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

async function labMail(): Promise<LabMail> {
  const response = await fetch(`${app.hubUrl}/api/lab/mail`);
  return (await response.json()) as LabMail;
}

/**
 * Relaunches on the crashed launcher's folder and ports and reloads the same tab: in web mode the
 * tab's client id (kept in its session storage) names its desktop cache, as the install does in
 * the desktop app, so this is the same agent's desktop coming back.
 */
async function relaunch(page: Page): Promise<void> {
  const hubPort = new URL(app.hubUrl).port;
  const webPort = new URL(app.desktopUrl).port;
  app = await launchApp(['--hub-port', hubPort, '--port', webPort], { dataDir: app.dataDir });
  await page.goto(app.desktopUrl);
  const signedIn = page.getByRole('banner');
  const login = page.getByLabel('Usuario');
  await signedIn.or(login).first().waitFor({ timeout: 20_000 });
  if (await login.isVisible()) await signIn(page, 'jordi');
}

const composer = (page: Page) => page.getByRole('form', { name: 'Responder al correo' });

describe('a desktop killed mid-email', () => {
  it('gives the draft back and sends the reply once', async () => {
    const first = await openDesktop(browser, app.desktopUrl);
    await signIn(first.page, 'jordi');
    await goReady(first.page);
    const { intake } = await labMail();
    const transport = nodemailer.createTransport({ host: intake.host, port: intake.port, secure: false, ignoreTLS: true });
    const sent = await transport.sendMail({ from: 'María García <maria.garcia@example.es>', to: intake.address, subject: 'Cambio de dirección', text: 'Quiero cambiar la dirección de envío.' });
    transport.close();
    const customerMessageId = String(sent.messageId).replace(/^<|>$/g, '');

    const card = first.page.locator('li.offer', { hasText: 'Cambio de dirección' });
    await card.getByRole('button', { name: 'Aceptar' }).click({ timeout: 15_000 });
    const text = composer(first.page).getByLabel('Respuesta');
    await text.fill('Hola María, ya he cambiado la dirección a la calle Mayor 3');
    await composer(first.page).getByText('Borrador guardado').waitFor();

    await app.crash();
    const { page } = first;
    await relaunch(page);
    // The item is still this agent's: open it from "my work" and find the draft as it was.
    await page.locator('.item-row', { hasText: 'Cambio de dirección' }).click();
    await composer(page).getByText('Se ha recuperado el borrador').waitFor({ timeout: 15_000 });
    expect(await composer(page).getByLabel('Respuesta').inputValue()).toBe('Hola María, ya he cambiado la dirección a la calle Mayor 3');

    await composer(page).getByRole('button', { name: 'Enviar respuesta' }).click();
    // Handed over (in the outbox or taken by the hub): the kill lands while it goes out.
    await composer(page).getByText('Respuesta enviada al servidor').waitFor();
    await app.crash();
    await relaunch(page);

    const replies = async () => (await labMail()).delivered.filter((m) => m.inReplyTo === customerMessageId);
    await eventually(replies, (list) => expect(list).toHaveLength(1), 30_000);
    expect((await replies())[0]?.text).toContain('calle Mayor 3');
    // Nothing left to go out twice: a few more seconds change nothing.
    await new Promise((r) => setTimeout(r, 3_000));
    expect(await replies()).toHaveLength(1);
    await page.locator('.item-row', { hasText: 'Cambio de dirección' }).click();
    await page.locator('.email-delivery.delivery-sent').first().waitFor({ timeout: 20_000 });
  });
});
