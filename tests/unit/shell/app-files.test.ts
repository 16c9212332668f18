import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { contentTypeFor, resolveAppFile } from '../../../src-main/electron/app-files';

const root = path.resolve('/opt/centralita/dist/renderer');

describe('app:// file mapping', () => {
  it('maps our pages and assets inside the renderer folder', () => {
    expect(resolveAppFile(root, 'app://centralita/index.html')).toBe(path.join(root, 'index.html'));
    expect(resolveAppFile(root, 'app://centralita/')).toBe(path.join(root, 'index.html'));
    expect(resolveAppFile(root, 'app://centralita/assets/main-abc.js?v=1#x')).toBe(path.join(root, 'assets', 'main-abc.js'));
    expect(resolveAppFile(root, 'app://centralita/assets/a%20b.css')).toBe(path.join(root, 'assets', 'a b.css'));
  });

  it('never serves a file outside the renderer folder', () => {
    // Plain dot segments are folded by URL parsing and stay inside the folder.
    expect(resolveAppFile(root, 'app://centralita/../../../etc/passwd')).toBe(path.join(root, 'etc', 'passwd'));
    expect(resolveAppFile(root, 'app://centralita/%2e%2e/%2e%2e/etc/passwd')).toBe(path.join(root, 'etc', 'passwd'));
    for (const url of [
      'app://centralita/assets/..%2f..%2f..%2fetc%2fpasswd',
      'app://centralita/..%5c..%5cwindows%5cwin.ini',
      'app://centralita/index.html%00.png',
      'app://other/index.html',
      'file:///etc/passwd',
      'app://centralita/%E0%A4%A',
    ]) {
      expect(resolveAppFile(root, url), url).toBeNull();
    }
  });

  it('labels scripts and pages correctly and never lets unknown files be sniffed as HTML', () => {
    expect(contentTypeFor('/x/index.html')).toMatch(/^text\/html/);
    expect(contentTypeFor('/x/a.JS')).toMatch(/^text\/javascript/);
    expect(contentTypeFor('/x/blob.bin')).toBe('application/octet-stream');
  });
});
