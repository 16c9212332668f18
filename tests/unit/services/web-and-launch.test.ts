import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseLaunchOptions } from '../../../src-main/launcher/launch-options';
import { contentTypeFor, resolveStaticPath } from '../../../src-main/web/static-files';
import { secretMatches } from '../../../src-main/web/http-security';

describe('static file paths of the web host', () => {
  const root = path.resolve('/srv/renderer');

  it('maps / to index.html and keeps files inside the folder', () => {
    expect(resolveStaticPath(root, '/')).toBe(path.join(root, 'index.html'));
    expect(resolveStaticPath(root, '/assets/app.js')).toBe(path.join(root, 'assets', 'app.js'));
  });

  it('refuses paths that escape the folder, even encoded', () => {
    expect(resolveStaticPath(root, '/../package.json')).toBeNull();
    expect(resolveStaticPath(root, '/..%2f..%2fetc%2fpasswd')).toBeNull();
    expect(resolveStaticPath(root, '/%00')).toBeNull();
    expect(resolveStaticPath(root, '/%E0%A4%A')).toBeNull();
  });

  it('sends explicit content types', () => {
    expect(contentTypeFor('a.js')).toContain('text/javascript');
    expect(contentTypeFor('a.css')).toContain('text/css');
    expect(contentTypeFor('a.unknown')).toBe('application/octet-stream');
  });

  it('compares the launch secret exactly', () => {
    expect(secretMatches('abc', 'abc')).toBe(true);
    expect(secretMatches('abd', 'abc')).toBe(false);
    expect(secretMatches('ab', 'abc')).toBe(false);
    expect(secretMatches(null, 'abc')).toBe(false);
  });
});

describe('npm start flags', () => {
  it('defaults to the embedded hub, free ports, ./.data and opening the browser', () => {
    const parsed = parseLaunchOptions([], '/work/app', {});
    expect(parsed).toEqual({
      ok: true,
      value: { open: true, web: false, webPort: 0, hubUrl: null, hubPort: 0, dataDir: path.resolve('/work/app/.data'), simulate: true, policyPath: null },
    });
  });

  it('reads every flag', () => {
    const parsed = parseLaunchOptions(
      ['--no-open', '--port', '8080', '--hub-url', 'http://127.0.0.1:9000/', '--data', 'd', '--no-simulate', '--hub-port', '0'],
      '/w',
      {},
    );
    expect(parsed.ok && parsed.value).toMatchObject({ open: false, webPort: 8080, hubUrl: 'http://127.0.0.1:9000', dataDir: path.resolve('/w/d'), simulate: false });
  });

  it('rejects unknown flags and bad values with a usage line', () => {
    const unknown = parseLaunchOptions(['--no-opn'], '/w', {});
    expect(unknown.ok).toBe(false);
    if (!unknown.ok) expect(unknown.error.message).toContain('usage:');
    expect(parseLaunchOptions(['--port', 'eighty'], '/w', {}).ok).toBe(false);
    expect(parseLaunchOptions(['--hub-url', 'ftp://x'], '/w', {}).ok).toBe(false);
  });
});
