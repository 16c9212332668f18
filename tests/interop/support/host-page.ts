/**
 * The page PhoneHost (src-phone/host/page-phone-host.ts: what web mode's agent page and
 * Electron's phone window run) in Debian's Chromium with fake media, from tests/interop/host-page,
 * started on the rig and registered.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Page } from 'playwright-core';
import type { PhoneProvisioning } from '../../../src-common/domain';
import { CHROMIUM_ARGS, FAKE_MEDIA_ARGS } from '../../support/chromium-args';
import { serveTestPage } from '../../support/served-test-page';

const HERE = dirname(fileURLToPath(import.meta.url));

export interface HostPage {
  page: Page;
  close(): Promise<void>;
}

/** Opens the page and starts the host as `aor` on the rig's WebSocket; rejects if it did not register. */
export async function openHostPage(serverUrl: string, aor: string, displayName: string): Promise<HostPage> {
  const served = await serveTestPage(join(HERE, '../host-page/entry.ts'), 'page phone host');
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: [...FAKE_MEDIA_ARGS, ...CHROMIUM_ARGS] }).catch(async (cause: unknown) => {
    await served.close();
    throw cause;
  });
  const close = async (): Promise<void> => {
    await browser.close();
    await served.close();
  };
  try {
    const page = await browser.newPage();
    await page.goto(served.url);
    await page.waitForFunction(() => 'hostUnderTest' in window);
    const provisioning: PhoneProvisioning = { serverUrl, aor, authorizationUsername: '', password: '', displayName, iceServers: [], dtmfMode: 'rfc4733', lab: false, answerBeforeCandidates: true };
    const failure = await page.evaluate((p) => window.hostUnderTest.start(p), provisioning);
    if (failure) throw new Error(`the page phone host did not start: ${failure}`);
    return { page, close };
  } catch (cause) {
    await close();
    throw cause;
  }
}
