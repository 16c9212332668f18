/**
 * A browser test page made from one TypeScript entry: bundled with esbuild into a temp folder and
 * served on a free loopback port (`/` = a page that loads the bundle, `/page.js` = the bundle).
 * The phone and conference test pages use it; close() stops the server and removes the folder.
 */
import { build } from 'esbuild';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface ServedTestPage {
  url: string;
  close(): Promise<void>;
}

export async function serveTestPage(entryFile: string, title: string): Promise<ServedTestPage> {
  const work = mkdtempSync(join(tmpdir(), 'centralita-test-page-'));
  try {
    await build({ entryPoints: [entryFile], bundle: true, format: 'esm', platform: 'browser', target: 'chrome120', outfile: join(work, 'page.js'), logLevel: 'silent' });
  } catch (cause) {
    rmSync(work, { recursive: true, force: true });
    throw cause;
  }
  writeFileSync(join(work, 'index.html'), `<!doctype html><meta charset="utf-8"><title>${title}</title><script type="module" src="/page.js"></script>`);
  const server = createServer((request, response) => {
    const file = request.url === '/page.js' ? 'page.js' : 'index.html';
    response.writeHead(200, { 'content-type': file.endsWith('.js') ? 'text/javascript' : 'text/html' });
    response.end(readFileSync(join(work, file)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}/`,
    async close() {
      await new Promise((resolve) => server.close(resolve));
      rmSync(work, { recursive: true, force: true });
    },
  };
}
