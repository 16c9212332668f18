/**
 * What an agent does, in the words the Spanish UI shows (the default language). Locators go by
 * role and label, as a screen reader user would find things.
 */
import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { DEMO_PASSWORD } from './hub-admin';

const SPANISH_LOGIN = { username: 'Usuario', password: 'Contraseña', submit: 'Entrar' };
export const ENGLISH_LOGIN = { username: 'Username', password: 'Password', submit: 'Sign in' };

export async function signIn(page: Page, username: string, words = SPANISH_LOGIN): Promise<void> {
  await page.getByLabel(words.username).fill(username);
  await page.getByLabel(words.password).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: words.submit }).click();
  await page.getByRole('banner').waitFor();
}

export async function goReady(page: Page): Promise<void> {
  await page.getByLabel('Estado', { exact: true }).selectOption('ready');
  await waitForState(page, 'Disponible');
}

export async function waitForState(page: Page, label: string): Promise<void> {
  await page.locator('.state-now .state-name', { hasText: new RegExp(`^${label}$`) }).waitFor();
}

export function offerCard(page: Page, subject: string): Locator {
  return page.locator('li.offer', { hasText: subject });
}

export function customerPane(page: Page): Locator {
  return page.getByRole('complementary');
}

/** Polls until `read` returns a value that passes `check`, or fails with the last value seen. */
export async function eventually<T>(read: () => Promise<T>, check: (value: T) => void, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    try {
      check(value);
      return value;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

export { expect };
