import { describe, expect, it } from 'vitest';
import { externalUrlToOpen } from '../../../src-main/electron/external-links';

describe('links opened in the system browser', () => {
  it('opens plain web links', () => {
    expect(externalUrlToOpen('https://www.example.es/factura?id=3')).toBe('https://www.example.es/factura?id=3');
    expect(externalUrlToOpen('http://intranet.local/kb')).toBe('http://intranet.local/kb');
  });

  it('never hands code-running or local schemes to the OS', () => {
    for (const url of [
      'javascript:alert(1)',
      'JavaScript:alert(1)',
      'file:///etc/passwd',
      'file://C:/Windows/System32/calc.exe',
      'data:text/html,<script>alert(1)</script>',
      'vbscript:msgbox(1)',
      'smb://share/x',
      'ms-msdt:/id PCWDiagnostic',
      'app://centralita/index.html',
      'tel:+34600100200',
      '',
      'https://',
    ]) {
      expect(externalUrlToOpen(url), url).toBeNull();
    }
  });

  it('refuses links with embedded credentials and absurdly long links', () => {
    expect(externalUrlToOpen('https://user:pass@example.es/')).toBeNull();
    expect(externalUrlToOpen(`https://example.es/${'a'.repeat(3000)}`)).toBeNull();
  });
});
